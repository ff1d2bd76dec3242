// How the page renders, beyond what it shows: an edit touches each changed
// cell once, grids fit their values without re-measuring, and canvases off
// screen catch up when they scroll into view. Each of these was once a
// performance bug (see the commits) and would come back silently.
import assert from 'node:assert/strict';
import { assertClean, benchInputParam, gotoApp, openApp, readGrid, until } from './helpers.mjs';

const KERNEL_CELL = (r, c) => `[data-grid="kernel"] [data-row="${r}"][data-col="${c}"]`;

/** Scrolls the element matching `sel` to the middle of the viewport. */
const scrollToCenter = (page, sel) =>
  page.evaluate((q) => document.querySelector(q).scrollIntoView({ block: 'center' }), sel);

/** Opens the editor of kernel cell (1,1) and types `text`, not committed.
 *  `toTop`: scroll the kernel to the top of the screen first. */
async function draftKernelEdit(page, text, { toTop = false } = {}) {
  await page.locator(KERNEL_CELL(1, 1)).focus();
  if (toTop) {
    await page.evaluate(() => window.scrollBy(0, document.querySelector('[data-grid="kernel"]').getBoundingClientRect().top - 20));
  }
  await page.keyboard.press('Enter');
  await until(page, () => document.activeElement?.classList.contains('cell-editor'), null, 2000, 'editor open');
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
}

/** Arms, for the next Enter keydown, a look at the first animation frame
 *  after it: the `data-value` of each of `sels` then, and how long after the
 *  keydown it came. Resolves to a function that gives { values, ms }. */
async function armEditFrame(page, sels) {
  await page.evaluate((qs) => {
    window.__frame = new Promise((resolve) => {
      document.addEventListener('keydown', (e) => {
        if (e.key !== 'Enter') return;
        const at = performance.now();
        requestAnimationFrame(() => resolve({
          values: qs.map((q) => document.querySelector(q).dataset.value),
          ms: performance.now() - at,
        }));
      }, { capture: true, once: true });
    });
  }, sels);
  return () => page.evaluate(() => window.__frame);
}

export async function a_commit_changes_each_output_cell_once_and_keeps_the_highlight(t) {
  const s = await openApp(t, `/?input=${benchInputParam(4)}`);
  const { page } = s;
  const cell = page.locator(KERNEL_CELL(1, 1));
  await cell.focus();
  await until(page, () => document.querySelectorAll('[data-grid=input] [data-active=true]').length > 0, null, 2000, 'focus highlights');
  await page.keyboard.press('Enter');
  await until(page, () => document.activeElement?.classList.contains('cell-editor'), null, 2000, 'editor open');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('7');
  await page.evaluate(() => {
    const counts = (window.__mutations = { value: new Map(), active: 0 });
    new MutationObserver((list) => {
      for (const m of list) {
        const grid = m.target.closest?.('[data-grid]')?.dataset.grid;
        if (m.attributeName === 'data-active' && grid === 'input') counts.active++;
        if (m.attributeName === 'data-value' && grid === 'output') {
          const key = `${m.target.dataset.row},${m.target.dataset.col}`;
          counts.value.set(key, (counts.value.get(key) || 0) + 1);
        }
      }
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-active', 'data-value'] });
  });
  await page.keyboard.press('Enter');
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '7', KERNEL_CELL(1, 1), 2000, 'w[1,1] = 7');
  // Give any second render (a blur that commits again, a focus change that
  // clears and re-sets the highlight) time to happen.
  await page.waitForTimeout(400);
  const seen = await page.evaluate(() => ({
    values: [...window.__mutations.value.values()],
    active: window.__mutations.active,
    focusedKernel: document.activeElement?.closest('[data-grid]')?.dataset.grid,
  }));
  const output = await readGrid(page, 'output');
  // Stride 1: w[1,1] reaches output cells [1..4, 1..4] of the 6×6 output.
  assert.deepEqual([output.rows, output.cols], [6, 6]);
  assert.equal(seen.values.length, 16, 'the 16 output values w[1,1] reaches changed');
  assert.ok(seen.values.every((n) => n === 1), `each output value was written once, got ${JSON.stringify(seen.values)}`);
  assert.equal(seen.active, 0, 'the highlight of the focused kernel cell was not cleared and re-set');
  assert.equal(seen.focusedKernel, 'kernel', 'focus is back on the kernel grid');
  // One edit, one undo step.
  await page.locator('[data-action=undo]').click();
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '4', KERNEL_CELL(1, 1), 2000, 'one undo restores w[1,1] = 4');
  assertClean(s, t.origin);
}

/** Runs in the page before its scripts: when the app's first DOM appears,
 *  notes whether the render mark (set by the root's effect, after every
 *  child's: canvases drawn, sections given their props) is already there,
 *  and counts the animation frames between the two. */
function watchFirstRender() {
  const seen = (window.__firstRender = { markWithDom: null, frames: 0, framesAtDom: null, framesAtMark: null });
  const marked = () => performance.getEntriesByName('convt:rendered').length > 0;
  const frame = () => {
    seen.frames++;
    if (seen.framesAtMark === null && marked()) seen.framesAtMark = seen.frames;
    if (seen.framesAtMark === null) requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
  new MutationObserver((_, observer) => {
    if (!document.querySelector('[data-grid]')) return;
    observer.disconnect();
    seen.markWithDom = marked();
    seen.framesAtDom = seen.frames;
  }).observe(document, { childList: true, subtree: true });
}

export async function the_first_frame_shows_the_page_with_its_effects_run(t) {
  // Yew yields to the browser after 16 ms of rendering, before the effects;
  // at start the app runs its first render and the effects in one task, so
  // no frame shows the page with blank canvases and sections without their
  // props, and no second cold layout follows. At 32×32 the first render
  // takes well over 16 ms on any machine.
  for (const query of ['', `?input=${benchInputParam(32)}`]) {
    const s = await openApp(t, `/${query}`);
    await s.context.addInitScript(watchFirstRender);
    await gotoApp(s, s.page.url());
    await until(s.page, () => window.__firstRender.framesAtMark !== null, null, 5000, 'a frame after the render mark');
    const seen = await s.page.evaluate(() => window.__firstRender);
    assert.deepEqual(
      { markWithDom: seen.markWithDom, framesBetween: seen.framesAtMark - 1 - seen.framesAtDom },
      { markWithDom: true, framesBetween: 0 },
      `page ${query || '/'}: the render mark was set in the task that made the app's first DOM, with no frame between (${JSON.stringify(seen)})`,
    );
    assertClean(s, t.origin);
  }
}

export async function nothing_shifts_from_the_loading_state_to_the_settled_page(t) {
  // Every layout shift the browser records from navigation until 1 s after
  // the render mark, the replacement of the HTML loading state by the app
  // included (its top margin once collapsed through <body>, which then
  // jumped 4rem up: 0.05).
  for (const query of ['', '?lang=zh&theme=dark', '?embed=1', `?input=${benchInputParam(32)}`]) {
    const s = await openApp(t, `/${query}`);
    await s.context.addInitScript(() => {
      window.__shifts = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) {
          window.__shifts.push({
            at: Math.round(e.startTime),
            score: e.value,
            sources: e.sources.map((x) => `${x.node?.nodeName ?? '?'} ${JSON.stringify(x.previousRect)} -> ${JSON.stringify(x.currentRect)}`),
          });
        }
      }).observe({ type: 'layout-shift', buffered: true });
    });
    await gotoApp(s, s.page.url());
    await until(s.page, () => performance.getEntriesByName('convt:rendered').length > 0, null, 5000, 'the render mark');
    await s.page.waitForTimeout(1000);
    const shifts = await s.page.evaluate(() => window.__shifts);
    assert.deepEqual(shifts, [], `page /${query}: layout shifts while loading`);
    assertClean(s, t.origin);
  }
}

export async function sections_off_screen_catch_up_after_the_edit_frame(t) {
  // 16×16: the equivalence section is far below the kernel being edited. Its
  // grids keep their values on the edit's own frame (no work for what nobody
  // sees) and catch up right after.
  const s = await openApp(t, `/?input=${benchInputParam(16)}`);
  const { page } = s;
  const OUT = (g) => `[data-grid="${g}"] [data-row="1"][data-col="1"]`;
  await page.waitForSelector(OUT('via-zero-insertion'), { state: 'attached' });
  const before = await page.evaluate((q) => document.querySelector(q).dataset.value, OUT('via-zero-insertion'));
  assert.equal(before, await page.evaluate((q) => document.querySelector(q).dataset.value, OUT('output')), 'both show y[1,1]');
  await draftKernelEdit(page, '-9');
  const editFrame = await armEditFrame(page, [OUT('output'), OUT('via-zero-insertion')]);
  await page.keyboard.press('Enter');
  const { values: [output, far], ms } = await editFrame();
  assert.notEqual(output, before, 'the output grid changed on the edit frame');
  // The catch-up comes 120 ms after the edit; a machine so busy that the
  // edit's frame came later than 100 ms cannot tell the two apart.
  if (ms < 100) assert.equal(far, before, 'the section off screen was not rendered on the edit frame');
  await until(page, ([a, b]) => document.querySelector(a).dataset.value === document.querySelector(b).dataset.value,
    [OUT('output'), OUT('via-zero-insertion')], 3000, 'the section off screen caught up');
  assertClean(s, t.origin);
}

export async function far_output_rows_follow_after_the_edit_frame_and_never_show_stale(t) {
  // 32×32: the output grid (34 rows) is taller than the screen. With the
  // kernel at the top of the screen, y[1,1] is on screen and y[32,32] far
  // below: it keeps its value on the edit's own frame and catches up after.
  const s = await openApp(t, `/?input=${benchInputParam(32)}`);
  const { page } = s;
  const OUT = (r, c) => `[data-grid="output"] [data-row="${r}"][data-col="${c}"]`;
  const value = (sel) => page.evaluate((q) => document.querySelector(q).dataset.value, sel);
  const [near0, far0] = [await value(OUT(1, 1)), await value(OUT(32, 32))];
  await draftKernelEdit(page, '-9', { toTop: true });
  const farTop = await page.evaluate((q) => document.querySelector(q).getBoundingClientRect().top / innerHeight, OUT(32, 32));
  assert.ok(farTop > 1.3, `y[32,32] is more than a quarter screen below the screen (at ${farTop.toFixed(2)} screens)`);
  const editFrame = await armEditFrame(page, [OUT(1, 1), OUT(32, 32)]);
  await page.keyboard.press('Enter');
  const { values: [near, far], ms } = await editFrame();
  assert.notEqual(near, near0, 'the output row on screen changed on the edit frame');
  // As for sections: a frame later than 100 ms cannot be told from the catch-up.
  if (ms < 100) assert.equal(far, far0, 'the far output row was not rendered on the edit frame');
  await until(page, ([q, old]) => document.querySelector(q).dataset.value !== old, [OUT(32, 32), far0], 3000,
    'the far output row caught up');

  // Right after another edit, scroll down through the output 100 px a frame
  // (less than the quarter screen of margin): every row on screen at every
  // frame already shows its final value.
  await draftKernelEdit(page, '5', { toTop: true });
  await page.keyboard.press('Enter');
  const seen = await page.evaluate(async () => {
    const shown = () => [...document.querySelectorAll('[data-grid="output"] tr[data-r]')]
      .filter((tr) => { const r = tr.getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight; })
      .map((tr) => [tr.dataset.r, tr.querySelector('[data-col="1"]').dataset.value]);
    const frames = [];
    for (let i = 0; i < 16; i++) {
      window.scrollBy(0, 100);
      await new Promise((r) => requestAnimationFrame(r));
      frames.push(shown());
    }
    return frames;
  });
  await page.waitForTimeout(1000);
  const final = await page.evaluate(() => Object.fromEntries([...document.querySelectorAll('[data-grid="output"] tr[data-r]')]
    .map((tr) => [tr.dataset.r, tr.querySelector('[data-col="1"]').dataset.value])));
  const stale = seen.flatMap((rows, i) => rows.filter(([r, v]) => final[r] !== v).map(([r, v]) => `frame ${i}: row ${r} showed ${v}, then ${final[r]}`));
  assert.ok(seen.flat().length > 100, 'rows were on screen while scrolling');
  assert.deepEqual(stale, [], 'no row on screen showed an old value');
  assertClean(s, t.origin);
}

export async function cells_are_wide_enough_for_their_values(t) {
  // Shown texts of up to 9 characters: -123.457, -1.23e-7, 1234567 → 1.23e6 …
  const input = '-123.4567,0.000000123;1234567,-0.5';
  const s = await openApp(t, `/?input=${input}&kernel=1,-1;2,0.25`);
  const { page } = s;
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll('[data-grid=input] [data-row], [data-grid=kernel] [data-row], [data-grid=output] [data-row]')]
      .filter((c) => c.scrollWidth > c.clientWidth + 1)
      .map((c) => `${c.closest('[data-grid]').dataset.grid}[${c.dataset.row},${c.dataset.col}] "${c.textContent}"`),
  );
  assert.deepEqual(clipped, [], 'no cell clips its text');
  // Cells of one grid share a width; a grid of short values uses narrower cells.
  const widths = await page.evaluate(() => {
    const w = (g) => [...new Set([...document.querySelectorAll(`[data-grid=${g}] [data-row]`)].map((c) => c.offsetWidth))];
    return { input: w('input'), kernel: w('kernel') };
  });
  assert.equal(widths.input.length, 1, `input cells share one width, got ${widths.input}`);
  assert.ok(widths.kernel[0] < widths.input[0], `short kernel values get narrower cells (${widths.kernel} < ${widths.input})`);
  assertClean(s, t.origin);
}

/** A cheap fingerprint of a canvas's pixels, or null if it is blank. */
function canvasPrint(sel) {
  const c = document.querySelector(sel);
  if (!c || !c.width || !c.height) return null;
  const data = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let sum = 0;
  let inked = 0;
  for (let i = 0; i < data.length; i += 4) {
    if (data[i + 3] !== 0) inked++;
    sum = (sum * 31 + data[i] + 7 * data[i + 1] + 13 * data[i + 2]) % 1000000007;
  }
  return inked ? `${inked}:${sum}` : null;
}

/** Scrolls canvas `sel` to the middle of the screen and waits until it is
 *  drawn; `window.__canvasPrint(sel)` then fingerprints canvases. */
async function showDrawnCanvas(page, sel) {
  await page.waitForSelector(sel, { state: 'attached' });
  await page.evaluate(`window.__canvasPrint = ${canvasPrint}`);
  await scrollToCenter(page, sel);
  await until(page, (q) => window.__canvasPrint(q) !== null, sel, 3000, `${sel} is drawn once on screen`);
}

export async function canvases_off_screen_are_drawn_when_scrolled_into_view(t) {
  // 16×16: C (256×324) is a canvas, below the fold at 1280×900.
  const s = await openApp(t, `/?input=${benchInputParam(16)}`);
  const { page } = s;
  const sel = 'canvas[data-matrix="C"]';
  await showDrawnCanvas(page, sel);
  const before = await page.evaluate((q) => window.__canvasPrint(q), sel);
  // Edit a kernel weight with C off screen (focusing the cell scrolls up).
  await draftKernelEdit(page, '-9');
  await page.keyboard.press('Enter');
  await until(page, (q) => document.querySelector(q)?.dataset.value === '-9', KERNEL_CELL(1, 1), 2000, 'w[1,1] = -9');
  await scrollToCenter(page, sel);
  await until(page, ([q, b]) => window.__canvasPrint(q) !== b, [sel, before], 3000, 'C is redrawn with the negative weight once back on screen');
  assertClean(s, t.origin);
}

export async function an_animation_step_redraws_the_highlights_not_the_matrix(t) {
  // 16×16: C (324×256) is a canvas; its entries are drawn once per problem,
  // the highlights of each step on the transparent canvas over them.
  const s = await openApp(t, `/?input=${benchInputParam(16)}`);
  const { page } = s;
  const base = 'canvas[data-matrix="C"]';
  const overlay = `${base} + canvas.matrix-overlay`;
  await showDrawnCanvas(page, base);
  const print = () => page.evaluate(([b, o]) => [window.__canvasPrint(b), window.__canvasPrint(o)], [base, overlay]);
  const [entries, none] = await print();
  assert.equal(none, null, 'no highlight before the animation starts');
  // Step the animation with the page's keys, C staying in view: Home lights
  // up the first step's column of C, → the next.
  await page.evaluate(() => document.activeElement?.blur());
  await page.keyboard.press('Home');
  await until(page, (o) => window.__canvasPrint(o) !== null, overlay, 3000, 'the first step is highlighted');
  const [, first] = await print();
  await page.keyboard.press('ArrowRight');
  await until(page, ([o, f]) => window.__canvasPrint(o) !== f, [overlay, first], 3000, 'the next step moves the highlight');
  const [after] = await print();
  assert.equal(after, entries, 'the entries were not redrawn by the steps');
  // A theme change (made at the top of the page) does redraw them, in the
  // theme's colours, by the time C is back in view.
  await page.locator('select[data-control=theme]').selectOption('dark');
  await scrollToCenter(page, base);
  await until(page, ([b, e]) => window.__canvasPrint(b) !== e, [base, entries], 3000, 'the entries are redrawn in the dark theme');
  assertClean(s, t.origin);
}

export async function matrix_canvases_stay_small_at_the_cap(t) {
  // 64×64: C (the convolution from the 66×66 output back to the 64×64
  // input) is 4 096 × 4 356. One pixel per entry would be an 18-megapixel
  // canvas (four with Cᵀ and the highlight canvases); the side is capped.
  const s = await openApp(t, `/?input=${benchInputParam(64)}`);
  const { page } = s;
  const sel = 'canvas[data-matrix="C"]';
  await page.waitForSelector(sel, { state: 'attached' });
  const size = await page.evaluate((q) => {
    const c = document.querySelector(q);
    return { rows: c.dataset.rows, cols: c.dataset.cols, w: c.width, h: c.height };
  }, sel);
  assert.deepEqual([size.rows, size.cols], ['4096', '4356']);
  assert.ok(Math.max(size.w, size.h) <= 1200, `canvas ${size.w}×${size.h} px`);
  // Hover still finds entries: 2 CSS pixels from the bottom-right corner is
  // within a few entries of (4095, 4355) (an entry is about 0.27 px here).
  await page.evaluate((q) => document.querySelector(q).scrollIntoView({ block: 'end' }), sel);
  const box = await page.locator(sel).boundingBox();
  await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2);
  await until(page, (q) => document.querySelector(q).dataset.activeRows.split(',').some((r) => Number(r) >= 4080),
    sel, 3000, 'hovering near the corner lights up one of the last rows');
  assertClean(s, t.origin);
}

export async function checkerboard_resize_mode_is_in_the_url(t) {
  const s = await openApp(t, '/?stride=2&resize=bilinear&section=checkerboard');
  const { page } = s;
  const select = page.locator('select[data-control=resize-mode]');
  assert.equal(await select.inputValue(), 'bilinear', 'resize=bilinear selects bilinear');
  await select.selectOption('nearest');
  await until(page, () => !new URLSearchParams(location.search).has('resize'), null, 2000, 'nearest (the default) leaves the URL');
  await select.selectOption('bilinear');
  await until(page, () => new URLSearchParams(location.search).get('resize') === 'bilinear', null, 2000, 'bilinear is written');
  await page.reload();
  await page.waitForSelector('select[data-control=resize-mode]');
  assert.equal(await page.locator('select[data-control=resize-mode]').inputValue(), 'bilinear', 'a reload keeps it');
  assertClean(s, t.origin);
}

export async function matrix_table_entries_take_keyboard_focus(t) {
  // The article's C (4×16) is a table: its entries are one roving tab stop.
  const s = await openApp(t, '/');
  const { page } = s;
  const first = page.locator('[data-matrix="C"] [data-r="0"][data-c="0"]');
  assert.equal(await first.getAttribute('tabindex'), '0', 'entry (0,0) takes Tab');
  assert.equal(await page.locator('[data-matrix="C"] [tabindex="0"]').count(), 1, 'one tab stop per matrix');
  await first.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  const at = await page.evaluate(() => [document.activeElement?.dataset.r, document.activeElement?.dataset.c]);
  assert.deepEqual(at, ['1', '1'], 'arrows move focus between entries');
  // Focus highlights like hover: entry (1,1) connects x[0,1] and y[0,1].
  await until(page, () => document.querySelector('[data-grid=input] [data-row="0"][data-col="1"]')?.dataset.active === 'true', null, 2000, 'focus on C[1,1] highlights x[0,1]');
  assert.equal(await page.locator('[data-grid=output] [data-row="0"][data-col="1"]').getAttribute('data-active'), 'true', 'and y[0,1]');
  const before = await page.evaluate(() => document.querySelector('[data-player]').dataset.step);
  await page.keyboard.press('End');
  const lastCol = String(Number(await page.locator('[data-matrix="C"]').getAttribute('data-cols')) - 1);
  assert.equal(await page.evaluate(() => document.activeElement?.dataset.c), lastCol, 'End goes to the last column');
  assert.equal(await page.evaluate(() => document.querySelector('[data-player]').dataset.step), before, 'arrows in the matrix do not step the animation');
  // Enter pins; the highlight stays when focus leaves.
  await page.keyboard.press('Home');
  await page.keyboard.press('Enter');
  await page.locator('[data-action=undo]').focus();
  await page.waitForTimeout(200);
  assert.equal(await page.locator('[data-grid=input] [data-row="0"][data-col="1"]').getAttribute('data-active'), 'true', 'the pinned entry stays highlighted');
  assertClean(s, t.origin);
}

export async function a_scrolled_matrix_keeps_its_labels_and_the_focused_entry_in_view(t) {
  // Convolution of a 5×5 input with stride 2 and padding 1: Cᵀ is a 25×9
  // table, taller than its scroll box. Walking down it by keyboard, every
  // focused entry must be inside the box and clear of the sticky labels,
  // and the column labels must stay at the top of the box.
  const s = await openApp(t, '/?op=conv2d&stride=2&padding=1&input=1,2,3,4,5;6,7,8,9,10;1,2,3,4,5;6,7,8,9,10;1,2,3,4,5');
  const { page } = s;
  const table = page.locator('[data-matrix="CT"]');
  assert.equal(await table.getAttribute('data-rows'), '25');
  const overflow = await table.evaluate((el) => {
    const box = el.closest('.matrix-scroll');
    return box.scrollHeight - box.clientHeight;
  });
  assert.ok(overflow > 100, `Cᵀ overflows its box (by ${overflow} px)`);
  await table.scrollIntoViewIfNeeded();
  await page.locator('[data-matrix="CT"] [data-r="0"][data-c="0"]').focus();
  const placement = () =>
    page.evaluate(() => {
      const entry = document.activeElement;
      const box = entry.closest('.matrix-scroll').getBoundingClientRect();
      const e = entry.getBoundingClientRect();
      const head = entry.closest('table').querySelector('thead th').getBoundingClientRect();
      const rowLabel = entry.closest('tr').querySelector('th').getBoundingClientRect();
      return { r: entry.dataset.r, inside: e.top >= head.bottom - 1 && e.bottom <= box.bottom + 1 && e.left >= rowLabel.right - 1, headAtTop: Math.abs(head.top - box.top) <= 1 };
    });
  for (let r = 1; r < 25; r++) {
    await page.keyboard.press('ArrowDown');
    const p = await placement();
    assert.equal(p.r, String(r), 'ArrowDown moves one row');
    assert.ok(p.inside, `entry of row ${r} is in view below the column labels`);
    assert.ok(p.headAtTop, `the column labels stay at the top of the box (row ${r})`);
  }
  const scrolled = await table.evaluate((el) => el.closest('.matrix-scroll').scrollTop);
  assert.ok(scrolled > 100, `the box scrolled (${scrolled} px)`);
  for (let r = 23; r >= 0; r--) {
    await page.keyboard.press('ArrowUp');
    const p = await placement();
    assert.ok(p.inside && p.headAtTop, `entry of row ${r} is in view on the way back up`);
  }
  assertClean(s, t.origin);
}

export async function the_three_computations_print_the_same_zeros(t) {
  // Output cells no weight reaches are 0 in all three: the matrix product
  // once summed them from -0 (Rust's float `sum`) and printed "-0".
  const s = await openApp(t, '/?section=equivalence&kernel=1,-1;0.5,2&stride=2&padding=1&dilation=2&output_padding=1&input=1,2,3;4,5,6;7,8,9');
  const { page } = s;
  await page.waitForSelector('[data-grid=via-matrix] [data-row]');
  const texts = await page.evaluate(() =>
    Object.fromEntries(['via-scatter', 'via-matrix', 'via-zero-insertion'].map((g) => [g, [...document.querySelectorAll(`[data-grid="${g}"] [data-row]`)].map((c) => c.textContent)])),
  );
  assert.equal(texts['via-scatter'].length, 36, '6×6 output');
  assert.ok(texts['via-scatter'].includes('0') && texts['via-scatter'].includes('20.5'));
  assert.deepEqual(texts['via-matrix'], texts['via-scatter'], 'Cᵀ·x prints what the scatter prints');
  assert.deepEqual(texts['via-zero-insertion'], texts['via-scatter'], 'zero insertion too');
  // The zeros inserted between input cells, per axis when the strides differ.
  const note = () => page.evaluate(() => document.querySelector('[data-section=equivalence]').textContent);
  assert.match(await note(), /Zeros between input cells: 1; border \(1, 1\) before and \(2, 2\) after/);
  await page.goto(t.url('/?section=equivalence&stride=2,3'));
  await page.waitForSelector('[data-grid=via-matrix] [data-row]');
  assert.match(await note(), /Zeros between input cells: \(1, 2\);/);
  assertClean(s, t.origin);
}

export async function the_checkerboard_profile_is_a_row_the_taps_reach_and_reads_out_its_values(t) {
  // Kernel 2×2, stride 2, dilation 2, padding 1, output_padding 1: the 6×6
  // output's taps land on rows 1, 3 and 5 only. The profile shows row 1
  // (the middle row, 2, is all zeros), and its canvas names its values.
  const s = await openApp(t, '/?section=checkerboard&kernel=1,-1;0.5,2&stride=2&padding=1&dilation=2&output_padding=1&input=1,2,3;4,5,6;7,8,9');
  const { page } = s;
  const label = () => page.locator('canvas[data-plot=profile]').getAttribute('aria-label');
  await page.waitForSelector('canvas[data-plot=profile]');
  const m = /^Row 1 of that output: (.*)\.$/.exec(await label());
  assert.ok(m, `label: ${await label()}`);
  const values = m[1].split(', ').map(Number);
  assert.equal(values.length, 6, 'all six values of the row');
  assert.ok(values.some((v) => v !== 0), `the row is reached by taps: ${m[1]}`);
  // A long row is summed up by its range.
  await page.goto(t.url('/?section=checkerboard&stride=2&input=' + Array.from({ length: 8 }, () => '1,1,1,1,1,1,1,1').join(';')));
  await page.waitForSelector('canvas[data-plot=profile]');
  assert.match(await label(), /^Row \d+ of that output: values from \d+(\.\d+)? to \d+(\.\d+)?\.$/);
  assertClean(s, t.origin);
}

export async function printing_draws_every_canvas_in_the_light_palette_and_restores_the_theme(t) {
  // A handout: the checkerboard's plots sit far below the screen, so they
  // have never been drawn, and the page is in the dark theme. beforeprint
  // switches <html> to the light theme and draws every canvas; afterprint
  // puts the theme back and draws them for the screen again.
  const s = await openApp(t, '/?theme=dark');
  const { page } = s;
  const sel = 'canvas[data-plot]';
  await page.waitForSelector(sel, { state: 'attached' });
  // Each plot's mean brightness (0–255), or null while it has never been
  // drawn. A theme's surface fills the plots around their cells and lines.
  const brightness = () =>
    page.evaluate((q) => [...document.querySelectorAll(q)].map((c) => {
      if (c.width === 0 || c.height === 0) return null;
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      let sum = 0, n = 0;
      for (let i = 0; i < d.length; i += 4) if (d[i + 3] > 0) { sum += d[i] + d[i + 1] + d[i + 2]; n += 3; }
      return n === 0 ? null : Math.round(sum / n);
    }), sel);
  const before = await brightness();
  assert.ok(before.length >= 5, `${before.length} plots`);
  assert.ok(before.includes(null), 'some plots far below the screen were never drawn');

  const [theme, printed] = await page.evaluate(() => {
    window.dispatchEvent(new Event('beforeprint'));
    return [document.documentElement.dataset.theme, getComputedStyle(document.documentElement).getPropertyValue('--surface').trim()];
  });
  assert.equal(theme, 'light', 'paper gets the light palette');
  assert.match(printed, /^#fff(fff)?$/, 'the light surface (the release CSS is minified)');
  const forPaper = await brightness();
  assert.ok(forPaper.every((v) => v !== null), `every plot drawn for paper: ${forPaper}`);

  // A second beforeprint (a browser may send one per print preview) does not
  // make the light theme the one to restore.
  await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
  await page.evaluate(() => window.dispatchEvent(new Event('afterprint')));
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark', 'the theme is back');
  const after = await brightness();
  assert.ok(after.every((v) => v !== null), `every plot drawn for the screen: ${after}`);
  // The heatmaps and the profile sit on the theme's surface (the grey
  // pictures do not): lighter on paper than on the dark screen.
  const lighter = forPaper.filter((v, i) => v - after[i] >= 40).length;
  assert.ok(lighter >= 5 && forPaper.every((v, i) => v >= after[i]), `paper ${forPaper}, screen ${after}`);

  // The print stylesheet: light palette whatever the theme, no controls
  // that do nothing on paper, code and matrices whole rather than in
  // scroll boxes.
  await page.emulateMedia({ media: 'print' });
  const paper = await page.evaluate(() => {
    const style = (q) => getComputedStyle(document.querySelector(q));
    return {
      surface: getComputedStyle(document.documentElement).getPropertyValue('--surface').trim(),
      buttons: [...document.querySelectorAll('button')].filter((b) => b.offsetParent !== null).length,
      player: style('.section.player').display,
      code: [style('.code-block pre').whiteSpace, style('.code-block pre').maxHeight],
      matrix: style('.matrix-scroll').maxHeight,
    };
  });
  assert.deepEqual({ ...paper, surface: paper.surface.replace('#ffffff', '#fff') },
    { surface: '#fff', buttons: 0, player: 'none', code: ['pre-wrap', 'none'], matrix: 'none' });
  await page.emulateMedia({ media: 'screen' });

  // The browser's own print path fires the same events: a PDF is made and
  // the screen is dark again afterwards.
  const pdf = await page.pdf({ format: 'A4' });
  assert.ok(pdf.length > 10_000, `PDF of ${pdf.length} bytes`);
  assert.equal(await page.evaluate(() => document.documentElement.dataset.theme), 'dark');
  assertClean(s, t.origin);
}
