// Smoke tests of the release build (dist/), run by tests/e2e/run.mjs.
// DOM hooks the app provides (see README, "Test hooks"):
//   [data-grid="input"|"kernel"|"output"] with data-rows / data-cols, holding
//   cells [data-row][data-col] with data-value; #boot is removed on mount.
import assert from 'node:assert/strict';
import path from 'node:path';
import { foreignRequests } from './browser.mjs';

const MOUNT_TIMEOUT_MS = 15000;

/** Reads a grid as { rows, cols, values[][] } (values as numbers). */
async function readGrid(page, name) {
  return page.evaluate((gridName) => {
    const grid = document.querySelector(`[data-grid="${gridName}"]`);
    if (!grid) return null;
    const rows = Number(grid.getAttribute('data-rows'));
    const cols = Number(grid.getAttribute('data-cols'));
    const values = Array.from({ length: rows }, () => Array(cols).fill(null));
    for (const cell of grid.querySelectorAll('[data-row][data-col]')) {
      const r = Number(cell.getAttribute('data-row'));
      const c = Number(cell.getAttribute('data-col'));
      if (r < rows && c < cols) values[r][c] = Number(cell.getAttribute('data-value'));
    }
    return { rows, cols, values };
  }, name);
}

async function waitForApp(s) {
  try {
    await s.page.waitForSelector('[data-grid="output"] [data-row][data-col]', {
      timeout: MOUNT_TIMEOUT_MS,
      state: 'attached',
    });
  } catch {
    const boot = await s.page
      .evaluate(() => {
        const b = document.getElementById('boot');
        return b ? `#boot data-state=${b.getAttribute('data-state')}: ${b.innerText.trim().slice(0, 160)}` : 'no #boot';
      })
      .catch(() => '?');
    throw new Error(
      `the app did not render [data-grid="output"] cells within ${MOUNT_TIMEOUT_MS} ms; ${boot}; ` +
        `errors: ${JSON.stringify(s.errors.slice(0, 5))}`,
    );
  }
  await s.page.waitForTimeout(200); // let the first frames settle
}

function assertClean(s, origin) {
  const problems = {
    pageErrors: s.pageErrors,
    consoleErrors: s.console.filter((m) => m.type === 'error').map((m) => m.text),
    cspViolations: s.csp,
    foreignRequests: foreignRequests(s, origin).map((r) => r.url),
    failedRequests: s.failedRequests,
  };
  const empty = Object.fromEntries(Object.keys(problems).map((k) => [k, []]));
  assert.deepEqual(problems, empty, 'the page should load without errors, CSP violations or foreign requests');
}

async function assertGrid(page, name, expected) {
  const g = await readGrid(page, name);
  assert.ok(g, `[data-grid="${name}"] not found`);
  assert.deepEqual(
    [g.rows, g.cols],
    [expected.length, expected[0].length],
    `[data-grid="${name}"] data-rows/data-cols`,
  );
  assert.deepEqual(g.values, expected, `[data-grid="${name}"] cell values`);
}

export async function default_page_loads_cleanly_and_shows_the_example(t) {
  const s = await t.open('/');
  try {
    await waitForApp(s);
  } finally {
    await s.page.screenshot({ path: path.join(t.artifacts, 'default.png'), fullPage: true }).catch(() => {});
  }
  assertClean(s, t.origin);
  assert.equal(await s.page.locator('#boot').count(), 0, '#boot should be removed once the app mounts');
  await assertGrid(s.page, 'input', [
    [2, 1],
    [4, 4],
  ]);
  await assertGrid(s.page, 'kernel', [
    [1, 4, 1],
    [1, 4, 3],
    [3, 3, 1],
  ]);
  await assertGrid(s.page, 'output', [
    [2, 9, 6, 1],
    [6, 29, 30, 7],
    [10, 29, 33, 13],
    [12, 24, 16, 4],
  ]);
}

export async function op_conv2d_shows_the_convolution_example(t) {
  const s = await t.open('/?op=conv2d');
  await waitForApp(s);
  assertClean(s, t.origin);
  await assertGrid(s.page, 'output', [
    [122, 148],
    [126, 134],
  ]);
}

export async function csp_blocks_an_injected_inline_script(t) {
  const s = await t.open('/');
  const ran = await s.page.evaluate(async () => {
    const el = document.createElement('script');
    el.textContent = 'window.__e2eInlineRan = true;';
    document.head.appendChild(el);
    await new Promise((r) => setTimeout(r, 100));
    return window.__e2eInlineRan === true;
  });
  assert.equal(ran, false, 'the injected inline script ran');
  await s.page.waitForTimeout(100);
  const v = s.csp.filter((x) => /^script-src/.test(x.directive) && x.blocked === 'inline');
  assert.ok(v.length >= 1, `expected a script-src violation for the inline script, got ${JSON.stringify(s.csp)}`);
}
