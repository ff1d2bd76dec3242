// Keyboard-only editing, parameters, undo/redo, presets and history, and
// linked highlighting (hover, focus, pin, Escape).
import assert from 'node:assert/strict';
import fs from 'node:fs';
import {
  ARTICLE,
  activeCount,
  activeSummary,
  assertClean,
  convTranspose2d,
  gridNumbers,
  openApp,
  readGrid,
  softNavigate,
  until,
  urlParams,
  waitForUrlParam,
} from './helpers.mjs';

const KERNEL_CELL = (r, c) => `[data-grid="kernel"] [data-row="${r}"][data-col="${c}"]`;
const OUTPUT_CELL = (r, c) => `[data-grid="output"] [data-row="${r}"][data-col="${c}"]`;
const INPUT_CELL = (r, c) => `[data-grid="input"] [data-row="${r}"][data-col="${c}"]`;

/** Where keyboard focus is: { grid, row, col, tag, editor, param, action }. */
async function focused(page) {
  return page.evaluate(() => {
    const a = document.activeElement;
    if (!a) return null;
    const grid = a.closest('[data-grid]');
    const cell = a.closest('[data-row][data-col]');
    return {
      tag: a.tagName,
      grid: grid ? grid.dataset.grid : null,
      row: cell ? Number(cell.dataset.row) : null,
      col: cell ? Number(cell.dataset.col) : null,
      editor: a.classList.contains('cell-editor'),
      value: 'value' in a ? a.value : null,
      param: a.dataset?.param ?? null,
      action: a.dataset?.action ?? null,
    };
  });
}

/** Presses Tab until focus is inside grid `name` (at most `max` presses). */
async function tabToGrid(page, name, max = 80) {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    if (f && f.grid === name) return { presses: i + 1, ...f };
  }
  throw new Error(`Tab never reached [data-grid=${name}] in ${max} presses (focus: ${JSON.stringify(await focused(page))})`);
}

/** The grid's alert: the [role=alert] in the grid's slot. */
async function gridAlert(page, name) {
  return page.evaluate((n) => {
    const slot = document.querySelector(`[data-grid="${n}"]`)?.closest('.grid-slot, figure')?.parentElement;
    const a = slot?.querySelector('[role=alert]');
    return a ? a.textContent.trim() : null;
  }, name);
}

async function paramAlert(page, id) {
  return page.evaluate((i) => {
    const a = document.querySelector(`fieldset[data-control="${i}"] [role=alert]`);
    return a ? a.textContent.trim() : null;
  }, id);
}

/** Snapshot of output, y-flat and C's entries of weight (r,c), taken in the next animation frame after the next Enter keydown. */
async function armFrameSnapshot(page, weight) {
  await page.evaluate((w) => {
    window.__afterEnter = null;
    const snap = () => {
      const grid = (n) => {
        const g = document.querySelector(`[data-grid="${n}"]`);
        if (!g) return null;
        return [...g.querySelectorAll('[data-row][data-col]')].map((c) => c.dataset.value ?? null);
      };
      const c = [...document.querySelectorAll('[data-matrix="C"] td.nz')]
        .filter((td) => td.dataset.w === w)
        .map((td) => td.textContent.trim());
      return { output: grid('output'), yflat: grid('y-flat'), kernel: grid('kernel'), c };
    };
    window.addEventListener(
      'keydown',
      (e) => {
        if (e.key === 'Enter') requestAnimationFrame(() => (window.__afterEnter = snap()));
      },
      { capture: true, once: true },
    );
  }, weight);
}

export async function nothing_is_active_on_load(t) {
  const s = await openApp(t, '/');
  assert.deepEqual(await activeSummary(s.page), {}, 'no [data-active=true] anywhere on a fresh page');
  assertClean(s, t.origin);
}

export async function keyboard_only_kernel_edit_updates_everything_in_the_same_frame(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  const at = await tabToGrid(page, 'kernel');
  assert.deepEqual([at.row, at.col, at.editor], [0, 0, false], 'Tab lands on kernel cell [0,0]');
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  let f = await focused(page);
  assert.deepEqual([f.grid, f.row, f.col], ['kernel', 1, 1], 'arrows move within the kernel grid');
  // Keyboard focus highlights like hover: kernel cell w[1,1] reaches every input cell (stride 1).
  assert.equal(await activeCount(page, 'input'), 4, 'focused kernel cell highlights its input cells');

  await page.keyboard.press('Enter');
  await until(page, () => document.activeElement?.classList.contains('cell-editor'), null, 2000, 'Enter opens a cell editor');
  f = await focused(page);
  assert.equal(f.value, '4', 'the editor starts with the cell value');
  // Grid rows contain their paint (one piece per row for the compositor);
  // the editor's row must not, or a long value would be clipped.
  const contain = await page.evaluate(() => {
    const row = (el) => getComputedStyle(el.closest('tr')).contain;
    const other = document.querySelector('[data-grid="kernel"] [data-row="0"][data-col="0"]');
    return { editor: row(document.activeElement), other: row(other) };
  });
  assert.deepEqual(contain, { editor: 'none', other: 'layout paint' }, "only the editor's row is left uncontained");
  await page.keyboard.press('Control+A');
  await page.keyboard.type('-2.5');

  const kernel = ARTICLE.kernel.map((r) => r.slice());
  kernel[1][1] = -2.5;
  const expected = convTranspose2d(ARTICLE.input, kernel);
  await armFrameSnapshot(page, '1,1');
  await page.keyboard.press('Enter');
  await until(page, () => window.__afterEnter !== null, null, 2000, 'a frame after Enter');
  const snap = await page.evaluate(() => window.__afterEnter);
  assert.equal(snap.kernel[4], '-2.5', 'kernel w[1,1] in the frame after Enter');
  assert.deepEqual(snap.output.map(Number), expected.flat(), 'output y in the frame after Enter');
  assert.deepEqual(snap.yflat?.map(Number), expected.flat(), 'y-flat in the frame after Enter');
  assert.ok(snap.c.length > 0, 'C shows entries of weight w[1,1]');
  assert.deepEqual([...new Set(snap.c)], ['-2.5'], "C's w[1,1] entries in the frame after Enter");

  f = await focused(page);
  assert.deepEqual([f.grid, f.row, f.col, f.editor], ['kernel', 1, 1, false], 'focus returns to the edited cell');
  await waitForUrlParam(page, 'kernel', (v) => v === '1,4,1;1,-2.5,3;3,3,1', 1500);

  // Escape cancels an edit.
  await page.keyboard.press('Enter');
  await until(page, () => document.activeElement?.classList.contains('cell-editor'), null, 2000, 'editor reopens');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('99');
  await page.keyboard.press('Escape');
  await until(page, () => !document.querySelector('.cell-editor'), null, 2000, 'Escape closes the editor');
  assert.equal(await page.locator(KERNEL_CELL(1, 1)).getAttribute('data-value'), '-2.5', 'Escape keeps the old value');
  f = await focused(page);
  assert.deepEqual([f.grid, f.row, f.col], ['kernel', 1, 1], 'focus stays on the cell after Escape');

  // Typing a digit on a cell starts an edit with that digit.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.type('6');
  await until(page, () => document.activeElement?.classList.contains('cell-editor'), null, 2000, 'typing opens the editor');
  await page.keyboard.press('Enter');
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '6', KERNEL_CELL(1, 0), 2000, 'w[1,0] = 6');
  assertClean(s, t.origin);
}

export async function invalid_cell_text_alerts_and_keeps_the_value(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  await tabToGrid(page, 'kernel');
  const before = await gridNumbers(page, 'output');
  const seen = [];
  for (const text of ['abc', '1,5', 'NaN', '1e400', '１２', '-inf', '2e9', '']) {
    // Dismiss the previous message so each one is seen fresh, then back to w[0,0].
    const dismiss = page.locator('.grid-slot:has([data-grid="kernel"]) [role=alert] button');
    if (await dismiss.count()) {
      await dismiss.press('Enter');
      await until(page, () => !document.querySelector('.grid-slot:has([data-grid="kernel"]) [role=alert]'), null, 2000, 'dismissed');
    }
    await page.locator(KERNEL_CELL(0, 0)).focus();
    await page.keyboard.press('Enter');
    await until(page, () => document.activeElement?.classList.contains('cell-editor'), null, 2000, 'editor opens');
    await page.keyboard.press('Control+A');
    await page.keyboard.press('Backspace');
    if (text) await page.keyboard.insertText(text);
    await page.keyboard.press('Enter');
    await until(page, () => !document.querySelector('.cell-editor'), null, 2000, 'editor closes');
    let alert = null;
    try {
      await until(page, () => document.querySelector('[data-grid="kernel"]')?.closest('.grid-slot')?.querySelector('[role=alert]'), null, 2000);
      alert = await gridAlert(page, 'kernel');
    } catch {
      alert = null;
    }
    assert.ok(alert, `typing ${JSON.stringify(text)} into a kernel cell shows a [role=alert] next to the kernel`);
    seen.push([text, alert]);
    assert.equal(await page.locator(KERNEL_CELL(0, 0)).getAttribute('data-value'), '1', `${JSON.stringify(text)} keeps the old value`);
    assert.deepEqual(await gridNumbers(page, 'output'), before, `${JSON.stringify(text)} keeps the output`);
  }
  // Different reasons read differently (full-width digits, comma decimals, not a number).
  const byText = Object.fromEntries(seen);
  assert.notEqual(byText['abc'], byText['1,5'], 'comma-decimal message differs from not-a-number');
  assert.notEqual(byText['abc'], byText['１２'], 'full-width message differs from not-a-number');
  // A valid edit clears the alert.
  await page.keyboard.press('Enter');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '2', KERNEL_CELL(0, 0), 2000, 'w[0,0] = 2');
  assert.equal(await gridAlert(page, 'kernel'), null, 'a valid edit clears the alert');
  assertClean(s, t.origin);
}

export async function stride_by_keyboard_changes_the_output_shape(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  const shape = async () => {
    const g = await readGrid(page, 'output');
    return [g.rows, g.cols];
  };
  const field = page.locator('input[data-param="stride"][data-axis="h"]');
  // Tab into the stride field from the page start.
  let found = false;
  for (let i = 0; i < 40 && !found; i++) {
    await page.keyboard.press('Tab');
    found = (await focused(page))?.param === 'stride';
  }
  assert.ok(found, 'Tab reaches the stride field');
  await page.keyboard.press('Control+A');
  await page.keyboard.type('2');
  await page.keyboard.press('Enter');
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.rows === '5', null, 2000, 'stride 2 (Enter): 5×5 output');
  assert.deepEqual(await shape(), [5, 5]);
  await waitForUrlParam(page, 'stride', (v) => v === '2', 1500);

  // Type + Tab commits too.
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('3');
  await page.keyboard.press('Tab');
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.rows === '6', null, 2000, 'stride 3 (Tab): 6×6 output');
  assert.deepEqual(await shape(), [6, 6]);
  assert.deepEqual(
    await gridNumbers(page, 'output'),
    convTranspose2d(ARTICLE.input, ARTICLE.kernel, { stride: [3, 3] }),
    'stride 3 output values',
  );

  // Stride 0 is refused: alert next to the control, state kept.
  await field.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('0');
  await page.keyboard.press('Enter');
  await until(page, () => document.querySelector('fieldset[data-control=stride] [role=alert]'), null, 2000, 'stride 0 alert');
  assert.ok((await paramAlert(page, 'stride')).length > 0, 'the stride alert has text');
  assert.deepEqual(await shape(), [6, 6], 'stride 0 keeps the output');
  assert.equal(await field.getAttribute('aria-invalid'), 'true', 'the refused field is aria-invalid');
  await page.waitForTimeout(300); // > the URL writer's interval: a (wrong) write would have landed
  assert.equal((await urlParams(page)).stride, '3', 'stride 0 keeps the URL');

  // Unlinking the axes offers a width field; a rectangular stride. (Space on
  // the checkbox is tested separately: link_checkbox_toggles_with_space.)
  await page.locator('fieldset[data-control=stride] input[type=checkbox]').click();
  const w = page.locator('input[data-param="stride"][data-axis="w"]');
  await w.waitFor({ timeout: 2000 });
  await w.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type('1');
  await page.keyboard.press('Enter');
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.cols === '4', null, 2000, 'stride 3,1: 6×4 output');
  assert.deepEqual(await shape(), [6, 4]);
  await waitForUrlParam(page, 'stride', (v) => v === '3,1', 1500);
  assertClean(s, t.origin);
}

export async function undo_and_redo_buttons(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  const undo = page.locator('[data-action=undo]');
  const redo = page.locator('[data-action=redo]');
  assert.ok(await undo.isDisabled(), 'undo is disabled on a fresh page');
  assert.ok(await redo.isDisabled(), 'redo is disabled on a fresh page');

  const stride = page.locator('input[data-param="stride"][data-axis="h"]');
  await stride.fill('2');
  await stride.press('Enter');
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.rows === '5', null, 2000, 'stride 2');
  await page.locator(KERNEL_CELL(0, 0)).dblclick();
  await page.locator('.cell-editor').fill('7');
  await page.locator('.cell-editor').press('Enter');
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '7', KERNEL_CELL(0, 0), 2000, 'w[0,0] = 7');
  const edited = await gridNumbers(page, 'output');
  assert.ok(await undo.isEnabled(), 'undo is enabled after an edit');

  await undo.click();
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '1', KERNEL_CELL(0, 0), 2000, 'undo restores w[0,0]');
  assert.equal(await page.locator('[data-grid=output]').getAttribute('data-rows'), '5', 'first undo keeps stride 2');
  await undo.click();
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.rows === '4', null, 2000, 'second undo restores stride 1');
  assert.deepEqual(await gridNumbers(page, 'output'), ARTICLE.output);
  assert.ok(await undo.isDisabled(), 'nothing left to undo');
  assert.equal(await stride.inputValue(), '1', 'the stride field follows undo');

  await redo.click();
  await redo.click();
  await until(page, (sel) => document.querySelector(sel)?.dataset.value === '7', KERNEL_CELL(0, 0), 2000, 'redo');
  assert.deepEqual(await gridNumbers(page, 'output'), edited, 'redo restores the edited output');
  assert.ok(await redo.isDisabled(), 'nothing left to redo');
  await waitForUrlParam(page, 'kernel', (v) => v?.startsWith('7,'), 1500);
  assertClean(s, t.origin);
}

export async function presets_and_op_switch_push_history(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  await waitForUrlParam(page, 'op', (v) => v === 'conv_transpose2d', 1500); // first write normalises the URL
  const entries0 = await page.evaluate(() => history.length);

  await page.locator('select[data-control=preset]').selectOption('dcgan');
  await waitForUrlParam(page, 'stride', (v) => v === '2', 1500);
  assert.equal(await page.evaluate(() => history.length), entries0 + 1, 'a preset pushes a history entry');
  const dcgan = await readGrid(page, 'output');
  assert.deepEqual([dcgan.rows, dcgan.cols], [8, 8], 'dcgan: 4×4 input, k4 s2 p1 → 8×8');

  await page.locator('input[name=op][value=conv2d]').check();
  await waitForUrlParam(page, 'op', (v) => v === 'conv2d', 1500);
  assert.equal(await page.evaluate(() => history.length), entries0 + 2, 'switching op pushes a history entry');

  await page.goBack();
  await until(page, () => document.querySelector('input[name=op][value=conv_transpose2d]')?.checked, null, 2000, 'back: transposed again');
  assert.deepEqual(await gridNumbers(page, 'output'), dcgan.values.map((r) => r.map(Number)), 'back restores the dcgan state');

  await page.goBack();
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.rows === '4', null, 2000, 'back: article again');
  assert.deepEqual(await gridNumbers(page, 'output'), ARTICLE.output, 'back restores the article');
  assert.equal((await urlParams(page)).stride, '1');

  await page.goForward();
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.rows === '8', null, 2000, 'forward: dcgan again');
  assertClean(s, t.origin);
}

export async function hover_highlights_connected_cells(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  await page.hover(OUTPUT_CELL(1, 1));
  await until(page, () => document.querySelectorAll('[data-grid=input] [data-active=true]').length > 0, null, 2000, 'hover y[1,1]');
  assert.equal(await activeCount(page, 'input'), 4, 'y[1,1] of the article gathers from 4 input cells');
  // Hovering another grid moves the focus.
  await page.hover(INPUT_CELL(0, 0));
  await until(page, () => document.querySelectorAll('[data-grid=output] [data-active=true]').length === 9, null, 2000, 'hover x[0,0]');
  assert.equal(await activeCount(page, 'output'), 9, 'an input cell scatters into 3×3 output cells');
  assert.equal(await activeCount(page, 'kernel'), 9, 'through all 9 kernel weights');
  // The matrix follows: row x[0,0] of Cᵀ is active.
  const c = await activeSummary(page);
  assert.ok((c['matrix:C'] || 0) >= 9 && (c['matrix:CT'] || 0) >= 9, `C and Cᵀ entries active: ${JSON.stringify(c)}`);
  // Leaving clears.
  await page.mouse.move(5, 5);
  await until(page, () => document.querySelectorAll('[data-active=true]').length === 0, null, 2000, 'mouse leaves: nothing active');

  // Stride 2, padding 1, 3×3 input and kernel: the corner input reaches 2×2 outputs.
  await page.goto(t.url('/?input=1,2,3;4,5,6;7,8,9&kernel=1,1,1;1,1,1;1,1,1&stride=2&padding=1'));
  await page.waitForSelector('[data-grid=output] [data-row]');
  assert.equal(await page.locator('[data-grid=output]').getAttribute('data-rows'), '5');
  await page.hover(INPUT_CELL(0, 0));
  await until(page, () => document.querySelectorAll('[data-grid=output] [data-active=true]').length > 0, null, 2000, 'hover corner');
  assert.equal(await activeCount(page, 'output'), 4, 'the corner input cell reaches 4 outputs');
  await page.hover(INPUT_CELL(1, 1));
  await until(page, () => document.querySelectorAll('[data-grid=output] [data-active=true]').length === 9, null, 2000, 'hover centre');
  assertClean(s, t.origin);
}

export async function click_pins_and_escape_clears(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  await page.click(OUTPUT_CELL(1, 1));
  await page.mouse.move(5, 5);
  await until(page, () => document.querySelectorAll('[data-grid=input] [data-active=true]').length === 4, null, 2000, 'pinned y[1,1]');
  // Focus elsewhere (body) and the pin stays.
  await page.evaluate(() => document.activeElement?.blur());
  assert.equal(await activeCount(page, 'input'), 4, 'the pin survives mouse leave and blur');
  await page.keyboard.press('Escape');
  await until(page, () => document.querySelectorAll('[data-active=true]').length === 0, null, 2000, 'Escape on the page clears the pin');

  // Clicking the pinned cell again unpins; Escape inside the grid clears too.
  await page.click(INPUT_CELL(1, 0));
  await page.mouse.move(5, 5);
  await until(page, () => document.querySelectorAll('[data-grid=output] [data-active=true]').length === 9, null, 2000, 'pinned x[1,0]');
  await page.click(INPUT_CELL(1, 0));
  await page.mouse.move(5, 5);
  await page.evaluate(() => document.activeElement?.blur());
  await until(page, () => document.querySelectorAll('[data-active=true]').length === 0, null, 2000, 'second click unpins');
  await page.click(INPUT_CELL(1, 0));
  await page.mouse.move(5, 5);
  await page.keyboard.press('Escape'); // focus is on the clicked cell
  await until(page, () => document.querySelectorAll('[data-active=true]').length === 0, null, 2000, 'Escape in the grid clears');
  assertClean(s, t.origin);
}

export async function link_checkbox_toggles_with_space(t) {
  // A checkbox's own key is Space; the page's Space = play/pause shortcut
  // must not take it over.
  const s = await openApp(t, '/');
  const { page } = s;
  const box = page.locator('fieldset[data-control=stride] input[type=checkbox]');
  assert.ok(await box.isChecked(), 'linked by default');
  await box.focus();
  await page.keyboard.press('Space');
  const after = await page.evaluate(() => ({
    checked: document.querySelector('fieldset[data-control=stride] input[type=checkbox]').checked,
    widthField: !!document.querySelector('input[data-param=stride][data-axis=w]'),
    playing: !!document.querySelector('[data-action=pause]'),
    step: document.querySelector('[data-player]').dataset.step,
  }));
  assert.deepEqual(
    after,
    { checked: false, widthField: true, playing: false, step: '4' },
    'Space on the focused "same for both axes" checkbox unticks it (and does not start the player)',
  );
}

export async function arrow_keys_move_between_the_op_radios(t) {
  // Arrow keys are how a radio group is operated from the keyboard; the
  // page's ←/→ step shortcut must not take them over.
  const s = await openApp(t, '/');
  const { page } = s;
  await page.locator('input[name=op][value=conv_transpose2d]').focus();
  await page.keyboard.press('ArrowRight');
  await until(page, () => document.querySelector('input[name=op]:checked')?.value === 'conv2d', null, 2000,
    'ArrowRight on the focused op radio selects conv2d');
  await page.keyboard.press('ArrowLeft');
  await until(page, () => document.querySelector('input[name=op]:checked')?.value === 'conv_transpose2d', null, 2000,
    'ArrowLeft on the focused op radio selects conv_transpose2d');
  const p = await page.evaluate(() => document.querySelector('[data-player]').dataset);
  assert.equal(p.step, p.steps, 'the player did not move');
}

export async function large_matrix_is_a_canvas_with_active_rows_and_cols(t) {
  // 8×8 input, 3×3 kernel: C is 64×100 (> 1024 entries), drawn on a canvas
  // that names its highlighted rows and columns.
  const x = Array.from({ length: 8 }, (_, r) => Array.from({ length: 8 }, (_, c) => ((r * 8 + c) % 5) - 2));
  const s = await openApp(t, `/?input=${x.map((r) => r.join(',')).join(';')}`);
  const { page } = s;
  const matrices = await page.evaluate(() =>
    [...document.querySelectorAll('[data-matrix]')].map((m) => [m.dataset.matrix, m.tagName, m.dataset.rows, m.dataset.cols, m.dataset.activeRows ?? null, m.dataset.activeCols ?? null]),
  );
  const byName = Object.fromEntries(matrices.map((m) => [m[0], m.slice(1)]));
  assert.deepEqual(byName.C, ['CANVAS', '64', '100', '', ''], 'C: a 64×100 canvas, nothing active');
  assert.deepEqual(byName.CT, ['CANVAS', '100', '64', '', ''], 'Cᵀ: a 100×64 canvas, nothing active');
  const read = () =>
    page.evaluate(() => {
      const c = document.querySelector('[data-matrix=C]').dataset;
      const ct = document.querySelector('[data-matrix=CT]').dataset;
      return { cRows: c.activeRows, cCols: c.activeCols, ctRows: ct.activeRows, ctCols: ct.activeCols };
    });
  // An input cell is a row of C (a column of Cᵀ).
  await page.hover(INPUT_CELL(0, 0));
  await until(page, () => document.querySelector('[data-matrix=C]').dataset.activeRows === '0', null, 2000, 'C row x[0,0] active');
  let a = await read();
  assert.deepEqual([a.cRows, a.ctCols], ['0', '0'], `hover x[0,0]: ${JSON.stringify(a)}`);
  assert.equal(a.cCols, a.ctRows, 'Cᵀ mirrors C');
  // An output cell is a column of C (a row of Cᵀ): y[1,1] is flat index 11.
  await page.hover(OUTPUT_CELL(1, 1));
  await until(page, () => document.querySelector('[data-matrix=C]').dataset.activeCols?.split(',').includes('11'), null, 2000, 'C column y[1,1] active');
  a = await read();
  assert.ok(a.ctRows.split(',').includes('11'), `hover y[1,1]: ${JSON.stringify(a)}`);
  assert.equal(a.cRows, a.ctCols, 'Cᵀ mirrors C');
  await page.mouse.move(5, 5);
  await until(page, () => document.querySelector('[data-matrix=C]').dataset.activeRows === '', null, 2000, 'cleared');
  assertClean(s, t.origin);
}

export async function pair_controls_follow_outside_changes(t) {
  // When a parameter's axes differ — after back/forward, a URL load or undo —
  // its control must show both fields and an unticked "same for both axes".
  const s = await openApp(t, '/');
  const { page } = s;
  const stride = () =>
    page.evaluate(() => ({
      fields: [...document.querySelectorAll('input[data-param=stride]')].map((i) => `${i.dataset.axis}=${i.value}`),
      linked: document.querySelector('fieldset[data-control=stride] input[type=checkbox]').checked,
    }));
  // Unlink, set 1,2, link again (→ 1,1), then undo (→ 1,2).
  await page.locator('fieldset[data-control=stride] input[type=checkbox]').click();
  const w = page.locator('input[data-param=stride][data-axis=w]');
  await w.fill('2');
  await w.press('Enter');
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.cols === '5', null, 2000, 'stride 1,2');
  await page.locator('fieldset[data-control=stride] input[type=checkbox]').click();
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.cols === '4', null, 2000, 'linked again: 1,1');
  await page.locator('[data-action=undo]').click();
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.cols === '5', null, 2000, 'undo: 1,2');
  assert.deepEqual(await stride(), { fields: ['h=1', 'w=2'], linked: false }, 'after undo to stride 1,2');
  // Back/forward (popstate) to a URL with a rectangular stride.
  await page.goto(t.url('/'));
  await page.waitForSelector('[data-grid=output] [data-row]');
  await page.evaluate(async () => {
    history.pushState(null, '', '?stride=2,3');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await new Promise((r) => setTimeout(r, 0));
  });
  await until(page, () => document.querySelector('[data-grid=output]')?.dataset.cols === '6', null, 2000, 'stride 2,3 loaded');
  assert.deepEqual(await stride(), { fields: ['h=2', 'w=3'], linked: false }, 'after loading ?stride=2,3 through history');
}

export async function fan_hints_count_the_current_kernel(t) {
  // "1 input cell → 9 output cells" is the article's 3×3 kernel; the hints
  // under the operation choices and under the grids follow the kernel.
  const s = await openApp(t, '/');
  const { page } = s;
  const hints = () =>
    page.evaluate(() => ({
      ops: [...document.querySelectorAll('.op-hint')].map((e) => e.textContent),
      grids: document.querySelector('.grids .direction')?.textContent,
    }));
  assert.deepEqual(await hints(), {
    ops: ['one-to-many: 1 input cell → 9 output cells', 'many-to-one: 9 input cells → 1 output cell'],
    grids: 'one-to-many: 1 input cell → 9 output cells',
  });
  await softNavigate(page, '?kernel=1,2,3;4,5,6');
  await until(page, () => document.querySelector('[data-grid=kernel]')?.dataset.rows === '2', null, 2000, '2×3 kernel');
  assert.deepEqual(await hints(), {
    ops: ['one-to-many: 1 input cell → 6 output cells', 'many-to-one: 6 input cells → 1 output cell'],
    grids: 'one-to-many: 1 input cell → 6 output cells',
  });
  await softNavigate(page, '?kernel=2&op=conv2d&lang=zh');
  await until(page, () => document.documentElement.lang === 'zh', null, 2000, 'Chinese');
  const zh = await hints();
  assert.equal(zh.grids, '一对一：1 个输入单元 → 1 个输出单元（1×1 卷积核）');
  assert.deepEqual(zh.ops, [zh.grids, zh.grids]);
  assertClean(s, t.origin);
}

export async function a_swipe_over_the_kernel_scrolls_the_page_on_a_phone(t) {
  // On a touch screen the input and kernel grids fill the width: a swipe
  // that starts on a cell must scroll the page, not nudge the cell's value
  // (dragging to nudge is for a mouse or a pen).
  const s = await openApp(t, '/', { viewport: { width: 390, height: 700 }, hasTouch: true, isMobile: true });
  const { page } = s;
  const before = await gridNumbers(page, 'kernel');
  const cell = page.locator(KERNEL_CELL(1, 1));
  await cell.scrollIntoViewIfNeeded();
  const box = await cell.boundingBox();
  const y0 = await page.evaluate(() => window.scrollY);
  const cdp = await s.context.newCDPSession(page);
  const x = box.x + box.width / 2;
  let y = box.y + box.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y }] });
  for (let i = 0; i < 12; i++) {
    y -= 20;
    await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y }] });
    await page.waitForTimeout(16);
  }
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await page.waitForTimeout(400);
  const y1 = await page.evaluate(() => window.scrollY);
  assert.deepEqual(await gridNumbers(page, 'kernel'), before, 'the swipe changed no kernel value');
  assert.ok(y1 > y0 + 100, `the page scrolled (${y0} → ${y1})`);
  // Touch edits by double tap.
  await cell.scrollIntoViewIfNeeded();
  const b = await cell.boundingBox();
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
  await page.waitForTimeout(60);
  await page.touchscreen.tap(b.x + b.width / 2, b.y + b.height / 2);
  await page.waitForSelector(`${KERNEL_CELL(1, 1)} input`, { timeout: 2000 });
  assertClean(s, t.origin);
}

export async function a_mouse_drag_nudges_a_kernel_value(t) {
  // Up by 40 px: +5 (one per 8 px), and the drag does not pin the cell.
  const s = await openApp(t, '/');
  const { page } = s;
  const cell = page.locator(KERNEL_CELL(1, 1));
  const b = await cell.boundingBox();
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 5; i++) await page.mouse.move(x, y - 8 * i - 1);
  await page.mouse.up();
  await until(page, (q) => document.querySelector(q)?.dataset.value === '9', KERNEL_CELL(1, 1), 2000, 'w[1,1] 4 → 9');
  await page.mouse.move(2, 2); // hover ends
  await until(page, () => !document.querySelector('[data-grid=output] [data-active=true]'), null, 2000, 'a drag does not pin: nothing stays active once the mouse leaves');
  assertClean(s, t.origin);
}

export async function a_transposed_only_section_switches_the_operation_in_place(t) {
  // The three computations and the checkerboard explain transposed
  // convolution; while the page shows a convolution each offers the switch
  // where the reader is, and the switch restores the convolution's input shape.
  const s = await openApp(t, '/?op=conv2d');
  const { page } = s;
  for (const section of ['equivalence', 'checkerboard']) {
    const button = page.locator(`[data-section=${section}] [data-action=show-transposed]`);
    await button.scrollIntoViewIfNeeded();
    await until(page, (sel) => document.querySelector(sel), `[data-section=${section}] [data-action=show-transposed]`, 2000, `${section}: switch offered`);
    assert.equal(await button.textContent(), 'Show transposed convolution');
  }
  assert.deepEqual(await gridNumbers(page, 'output'), [[122, 148], [126, 134]], 'conv2d of the article');

  // By keyboard: the button goes with the switch, and focus moves to the
  // section's heading rather than falling back to the page.
  await page.locator('[data-section=equivalence] [data-action=show-transposed]').focus();
  await page.keyboard.press('Enter');
  await waitForUrlParam(page, 'op', (v) => v === 'conv_transpose2d', 1500);
  await until(page, () => document.querySelector('[data-section=equivalence] [data-grid]'), null, 2000, 'the section shows its grids');
  assert.equal(await page.evaluate(() => document.activeElement?.id || document.activeElement?.outerHTML.slice(0, 120)), 'equiv-heading', 'focus is on the section heading');
  assert.ok(await page.locator('input[name=op][value=conv_transpose2d]').isChecked(), 'the operation choice follows');
  const out = await readGrid(page, 'output');
  assert.deepEqual([out.rows, out.cols], [4, 4], 'the transposed output has the convolution input shape again');
  await until(page, () => document.querySelector('[data-section=equivalence] [data-grid]') && !document.querySelector('[data-action=show-transposed]'), null, 2000, 'both sections show their content');
  assertClean(s, t.origin);
}

/** Clicks `selector` and returns the downloads it starts within `ms`, read. */
async function downloadsOf(page, selector, count, ms = 5000) {
  const files = [];
  const done = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${files.length} of ${count} downloads from ${selector}`)), ms);
    page.on('download', async (d) => {
      const file = await d.path();
      files.push({ name: d.suggestedFilename(), bytes: fs.readFileSync(file) });
      if (files.length === count) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  await page.locator(selector).click();
  await done;
  page.removeAllListeners('download');
  return files;
}

/** A PNG's width and height from its IHDR chunk, or null if not a PNG. */
function pngSize(bytes) {
  const signature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
  if (bytes.length < 24 || signature.some((b, i) => bytes[i] !== b)) return null;
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

export async function the_figure_and_the_plots_download_as_files(t) {
  const s = await openApp(t, '/');
  const { page } = s;

  const [svg] = await downloadsOf(page, '[data-action=download-svg]', 1);
  assert.equal(svg.name, 'convt-figure.svg');
  const text = svg.bytes.toString('utf8');
  const size = text.match(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg" width="(\d+)" height="(\d+)"/);
  assert.ok(size, `SVG: ${text.slice(0, 120)}`);
  assert.match(text, /Output \(4×4\)/);
  // The article's output, and C's 64 entries drawn as cells.
  for (const v of [2, 9, 29, 30, 33, 24, 16]) assert.match(text, new RegExp(`>${v}</text>`));
  assert.equal((text.match(/<rect x=/g) || []).length, 4 + 9 + 16 + 64);

  const [png] = await downloadsOf(page, '[data-action=download-png]', 1);
  assert.equal(png.name, 'convt-figure.png');
  assert.deepEqual(pngSize(png.bytes), [2 * Number(size[1]), 2 * Number(size[2])], 'twice the SVG');

  // The checkerboard section's plots, once they are drawn.
  await page.locator('[data-action=download-plots]').scrollIntoViewIfNeeded();
  // A drawn plot has its size set (an undrawn canvas keeps the default).
  await until(
    page,
    () => {
      const all = [...document.querySelectorAll('canvas[data-plot]')];
      return all.length > 0 && all.every((c) => c.style.width !== '');
    },
    null,
    5000,
    'the plots are drawn',
  );
  const plots = await page.evaluate(() =>
    [...document.querySelectorAll('canvas[data-plot]')].map((c) => [c.width, c.height]),
  );
  assert.ok(plots.length >= 4, `${plots.length} plots`);
  // One file (a browser asks before a page saves several): every plot, with
  // its caption, on one sheet.
  const [sheet] = await downloadsOf(page, '[data-action=download-plots]', 1);
  assert.equal(sheet.name, 'convt-plots.png');
  const [w, h] = pngSize(sheet.bytes) || [];
  assert.ok(w >= Math.max(...plots.map(([pw]) => pw)), `sheet ${w}×${h}`);
  assert.ok(h >= Math.max(...plots.map(([, ph]) => ph)), `sheet ${w}×${h}`);
  // The plots' pixels are on it: count the distinct colours (a blank or
  // text-only sheet has a handful; the heatmaps' viridis scale, many).
  const colours = await page.evaluate(async (b64) => {
    const img = new Image();
    img.src = `data:image/png;base64,${b64}`;
    await img.decode();
    const c = document.createElement('canvas');
    [c.width, c.height] = [img.width, img.height];
    const ctx = c.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const px = ctx.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set();
    for (let k = 0; k < px.length; k += 4) seen.add((px[k] << 16) | (px[k + 1] << 8) | px[k + 2]);
    return seen.size;
  }, sheet.bytes.toString('base64'));
  assert.ok(colours > 50, `${colours} colours on the sheet`);
  assertClean(s, t.origin);
}
