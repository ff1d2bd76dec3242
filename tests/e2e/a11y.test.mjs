// Accessibility: axe-core (every rule axe runs by default: WCAG 2.x A/AA and
// best practices) on the page in several states, the document language, and
// the grid cells' accessible names.
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { assertNoPanic, openApp, waitForStep } from './helpers.mjs';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

/** Runs axe on the whole document; returns readable violation lines. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE });
  const violations = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.length,
      targets: v.nodes.slice(0, 6).map((n) => n.target.join(' ')),
      summary: v.nodes[0]?.failureSummary?.split('\n').slice(0, 3).join(' ') ?? '',
    }));
  });
  return violations.map(
    (v) =>
      `${v.id} [${v.impact}] ${v.help} — ${v.nodes} node(s): ${v.targets.join(' | ')}${v.nodes > 6 ? ' …' : ''}\n      ${v.summary}`,
  );
}

async function checkPage(t, path, opts = {}, prepare = null) {
  const s = await openApp(t, path, { bypassCSP: true, ...opts });
  await s.page.waitForTimeout(100); // canvases and the URL writer settle
  if (prepare) await prepare(s.page);
  await assertNoPanic(s.page);
  const v = await axeViolations(s.page);
  if (v.length) assert.fail(`${v.length} axe violation(s) on ${path} ${JSON.stringify(opts)}:\n    ${v.join('\n    ')}`);
}

export async function axe_default_page_light(t) {
  await checkPage(t, '/', { colorScheme: 'light' });
}

export async function axe_default_page_dark(t) {
  await checkPage(t, '/', { colorScheme: 'dark' });
}

export async function axe_theme_dark_forced_on_a_light_system(t) {
  await checkPage(t, '/?theme=dark', { colorScheme: 'light' });
}

export async function axe_chinese(t) {
  await checkPage(t, '/?lang=zh');
}

export async function axe_embed(t) {
  await checkPage(t, '/?embed=1', { viewport: { width: 700, height: 900 } });
}

export async function axe_scrolling_matrices_in_an_embed_without_controls(t) {
  // Sticky labels in matrices that scroll (a 25×9 Cᵀ), without the controls.
  await checkPage(t, '/?embed=1&section=matrix&controls=0&op=conv2d&stride=2&padding=1&input=1,2,3,4,5;6,7,8,9,10;1,2,3,4,5;6,7,8,9,10;1,2,3,4,5', {
    viewport: { width: 480, height: 800 },
  });
}

export async function axe_mid_animation(t) {
  await checkPage(t, '/?step=1', {}, (page) => waitForStep(page, 1));
}

export async function axe_conv2d_with_padding_at_step_0(t) {
  await checkPage(t, '/?op=conv2d&padding=1&step=0', {}, (page) => waitForStep(page, 0));
}

export async function axe_with_alerts_and_a_pinned_cell(t) {
  // Refused URL values (banner), a refused parameter and a pinned cell.
  await checkPage(t, '/?stride=0&input=abc', {}, async (page) => {
    const f = page.locator('input[data-param=padding][data-axis=h]');
    await f.fill('99');
    await f.press('Enter');
    await page.waitForSelector('fieldset[data-control=padding] [role=alert]', { timeout: 2000 });
    await page.click('[data-grid=output] [data-row="1"][data-col="1"]');
  });
}

export async function html_lang_and_title_follow_the_url(t) {
  // The document's language, and its title (the tab, bookmarks, history)
  // in that language, the same words as the page's heading.
  const langAndTitle = (page) =>
    page.evaluate(() => [document.documentElement.lang, document.title, document.querySelector('h1').textContent]);
  const s = await openApp(t, '/?lang=zh');
  const { page } = s;
  assert.deepEqual(await langAndTitle(page), ['zh', '一步一步看转置卷积', '一步一步看转置卷积']);
  await page.goto(t.url('/?lang=en'));
  await page.waitForSelector('[data-grid=output] [data-row]');
  const en = 'Transposed convolution, step by step';
  assert.deepEqual(await langAndTitle(page), ['en', en, en]);
  // The switch button changes both live.
  await page.locator('[data-action=lang]').click();
  await page.waitForFunction(() => document.documentElement.lang === 'zh', null, { timeout: 2000 });
  assert.equal(await page.title(), '一步一步看转置卷积');
  // With no lang parameter the browser's language decides.
  const zh = await openApp(t, '/', { locale: 'zh-CN' });
  assert.match(await zh.page.evaluate(() => document.documentElement.lang), /^zh/);
  const enUs = await openApp(t, '/', { locale: 'en-US' });
  assert.equal(await enUs.page.evaluate(() => document.documentElement.lang), 'en');
}

export async function grid_cells_have_english_names(t) {
  const s = await openApp(t, '/?lang=en');
  const { page } = s;
  const label = (sel) => page.locator(sel).getAttribute('aria-label');
  assert.match(await label('[data-grid=input] [data-row="1"][data-col="0"]'), /^input x\[1,0\] = 4$/i);
  assert.match(await label('[data-grid=kernel] [data-row="0"][data-col="1"]'), /^kernel w\[0,1\] = 4$/i);
  assert.match(await label('[data-grid=output] [data-row="1"][data-col="1"]'), /^output y\[1,1\] = 29$/i);
  // Every cell of every grid is named.
  const unnamed = await page.evaluate(() =>
    [...document.querySelectorAll('[data-grid] [data-row][data-col]')]
      .filter((c) => !(c.getAttribute('aria-label') || '').trim())
      .map((c) => `${c.closest('[data-grid]').dataset.grid}[${c.dataset.row},${c.dataset.col}]`),
  );
  assert.deepEqual(unnamed, []);
  // Grids are ARIA grids with names.
  const grids = await page.evaluate(() =>
    [...document.querySelectorAll('[data-grid]')].map((g) => [g.dataset.grid, g.getAttribute('role'), !!g.getAttribute('aria-label')]),
  );
  for (const [name, role, named] of grids) {
    assert.equal(role, 'grid', `[data-grid=${name}] role`);
    assert.ok(named, `[data-grid=${name}] has an aria-label`);
  }
  // Mid-animation, a conv2d cell without a value says so in words, not as an empty name.
  await page.goto(t.url('/?op=conv2d&step=0&lang=en'));
  await page.waitForSelector('[data-grid=output] [data-row]');
  const pending = await label('[data-grid=output] [data-row="1"][data-col="1"]');
  assert.match(pending, /^output y\[1,1\] = \S+/i, `a pending cell is named: ${pending}`);
}

export async function axe_large_problem_with_canvas_matrices(t) {
  // 8×8 input: C and Cᵀ are canvases (focusable, arrow keys move a cursor).
  const rows = Array.from({ length: 8 }, () => '1,2,3,4,5,6,7,8').join(';');
  await checkPage(t, `/?input=${rows}&stride=2`);
}
