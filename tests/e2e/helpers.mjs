// Shared helpers for the end-to-end tests (not a test file: run.mjs only
// imports *.test.mjs). Everything here waits for conditions, never for time.
import assert from 'node:assert/strict';
import { foreignRequests } from './browser.mjs';

export const MOUNT_TIMEOUT_MS = 15000;

/** Waits until the app has mounted (output grid cells exist, #boot gone). */
export async function waitForApp(s, timeout = MOUNT_TIMEOUT_MS) {
  const page = typeof s.waitForFunction === 'function' ? s : s.page;
  try {
    await page.waitForFunction(
      () =>
        !document.getElementById('boot') &&
        (document.querySelector('[data-grid] [data-row][data-col]') ||
          document.querySelector('[data-matrix]') ||
          document.querySelector('[data-section]')),
      null,
      { timeout, polling: 50 },
    );
  } catch {
    const boot = await page
      .evaluate(() => {
        const b = document.getElementById('boot');
        return b ? `#boot data-state=${b.getAttribute('data-state')}: ${b.innerText.trim().slice(0, 160)}` : 'no #boot';
      })
      .catch(() => '?');
    const errors = s.errors ? JSON.stringify(s.errors.slice(0, 5)) : '';
    throw new Error(`the app did not mount within ${timeout} ms; ${boot}; errors: ${errors}`);
  }
}

/** t.open + waitForApp, without the fixed settle delay. */
export async function openApp(t, path = '/', opts = {}) {
  const s = await t.open(path, { settleMs: 0, ...opts });
  await waitForApp(s);
  return s;
}

/** Full navigation of an existing page to `url`, then waits for the app. */
export async function gotoApp(s, url) {
  await s.page.goto(url, { waitUntil: 'load' });
  await waitForApp(s);
}

/**
 * Loads `query` into the running page through the URL without reloading the
 * wasm: pushes it into the history and fires popstate, which makes the app
 * re-read location.search exactly as on load or back/forward.
 */
export async function softNavigate(page, query) {
  await page.evaluate(async (q) => {
    history.pushState(null, '', q);
    window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
    // Yew renders in a microtask: after a macrotask the new state is on screen.
    await new Promise((r) => setTimeout(r, 0));
  }, query);
}

/** Reads a grid as { rows, cols, values[][] (strings or null), active[][] }. */
export async function readGrid(page, name) {
  return page.evaluate((gridName) => {
    const grids = document.querySelectorAll(`[data-grid="${gridName}"]`);
    if (grids.length === 0) return null;
    const grid = grids[0];
    const rows = Number(grid.getAttribute('data-rows'));
    const cols = Number(grid.getAttribute('data-cols'));
    const values = Array.from({ length: rows }, () => Array(cols).fill(null));
    const active = Array.from({ length: rows }, () => Array(cols).fill(false));
    let cells = 0;
    for (const cell of grid.querySelectorAll('[data-row][data-col]')) {
      const r = Number(cell.getAttribute('data-row'));
      const c = Number(cell.getAttribute('data-col'));
      cells++;
      if (r < rows && c < cols) {
        values[r][c] = cell.getAttribute('data-value');
        active[r][c] = cell.getAttribute('data-active') === 'true';
      }
    }
    return { count: grids.length, rows, cols, cells, values, active };
  }, name);
}

/** Grid values as numbers (null for a cell without data-value). */
export async function gridNumbers(page, name) {
  const g = await readGrid(page, name);
  if (!g) return null;
  return g.values.map((row) => row.map((v) => (v === null ? null : Number(v))));
}

/** Number of [data-active="true"] cells in a grid. */
export async function activeCount(page, name) {
  return page.evaluate(
    (n) => document.querySelectorAll(`[data-grid="${n}"] [data-row][data-col][data-active="true"]`).length,
    name,
  );
}

/** Every [data-active="true"] element in the page, summarised per hook. */
export async function activeSummary(page) {
  return page.evaluate(() => {
    const out = {};
    for (const el of document.querySelectorAll('[data-active="true"]')) {
      const host = el.closest('[data-grid],[data-matrix]');
      const key = host ? (host.dataset.grid ? `grid:${host.dataset.grid}` : `matrix:${host.dataset.matrix}`) : el.tagName;
      out[key] = (out[key] || 0) + 1;
    }
    return out;
  });
}

/** The URL's query parameters as an object (first occurrence). */
export async function urlParams(page) {
  const u = new URL(page.url());
  const out = {};
  for (const [k, v] of u.searchParams) if (!(k in out)) out[k] = v;
  return out;
}

/** Waits until the page URL's parameter `name` (null when absent) satisfies `pred`. */
export async function waitForUrlParam(page, name, pred, timeout = 2000) {
  const t0 = Date.now();
  let value;
  for (;;) {
    value = new URL(page.url()).searchParams.get(name);
    if (pred(value)) return value;
    if (Date.now() - t0 > timeout) break;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`URL parameter ${name} did not satisfy ${pred} within ${timeout} ms (now ${JSON.stringify(value)}; URL ${page.url()})`);
}

/** Waits until `fn(arg)` evaluated in the page is truthy. */
export async function until(page, fn, arg, timeout = 3000, what = '') {
  try {
    await page.waitForFunction(fn, arg, { timeout, polling: 25 });
  } catch (e) {
    throw new Error(`condition not met within ${timeout} ms${what ? `: ${what}` : ''}`);
  }
}

/** Player position. */
export async function player(page) {
  return page.evaluate(() => {
    const p = document.querySelector('[data-player]');
    return p ? { step: Number(p.dataset.step), steps: Number(p.dataset.steps) } : null;
  });
}

export async function waitForStep(page, step, timeout = 3000) {
  await until(
    page,
    (n) => Number(document.querySelector('[data-player]')?.dataset.step) === n,
    step,
    timeout,
    `[data-player] data-step == ${step} (now ${JSON.stringify(await player(page))})`,
  );
}

/** Asserts no page errors, console errors, CSP violations, foreign or failed requests. */
export function assertClean(s, origin, { allowFailed = false } = {}) {
  const problems = {
    pageErrors: s.pageErrors,
    consoleErrors: s.console.filter((m) => m.type === 'error').map((m) => m.text),
    cspViolations: s.csp,
    foreignRequests: foreignRequests(s, origin).map((r) => r.url),
    // A request cut short by the test navigating away (ERR_ABORTED) is not the page's fault.
    failedRequests: allowFailed ? [] : s.failedRequests.filter((r) => !/ERR_ABORTED/.test(r.failure)),
  };
  const empty = Object.fromEntries(Object.keys(problems).map((k) => [k, []]));
  assert.deepEqual(problems, empty, 'the page should run without errors, CSP violations or foreign requests');
}

/** Asserts that no panic panel is shown. */
export async function assertNoPanic(page, what = '') {
  const panic = await page.evaluate(() => {
    const p = document.querySelector('[data-panic]');
    return p ? p.textContent.slice(0, 300) : null;
  });
  assert.equal(panic, null, `[data-panic] is shown${what ? ` (${what})` : ''}`);
}

// ---------------------------------------------------------------------------
// Reference implementations (PyTorch semantics; cross-correlation, no flip).

/** conv_transpose2d by scattering: every x[i][j] adds x·w into the output. */
export function convTranspose2d(x, w, { stride = [1, 1], padding = [0, 0], outputPadding = [0, 0], dilation = [1, 1] } = {}) {
  const [H, W] = [x.length, x[0].length];
  const [KH, KW] = [w.length, w[0].length];
  const OH = (H - 1) * stride[0] - 2 * padding[0] + dilation[0] * (KH - 1) + outputPadding[0] + 1;
  const OW = (W - 1) * stride[1] - 2 * padding[1] + dilation[1] * (KW - 1) + outputPadding[1] + 1;
  const y = Array.from({ length: OH }, () => Array(OW).fill(0));
  for (let i = 0; i < H; i++)
    for (let j = 0; j < W; j++)
      for (let a = 0; a < KH; a++)
        for (let b = 0; b < KW; b++) {
          const r = i * stride[0] - padding[0] + a * dilation[0];
          const c = j * stride[1] - padding[1] + b * dilation[1];
          if (r >= 0 && r < OH && c >= 0 && c < OW) y[r][c] += x[i][j] * w[a][b];
        }
  return y;
}

/** conv2d (cross-correlation) by gathering. */
export function conv2d(x, w, { stride = [1, 1], padding = [0, 0], dilation = [1, 1] } = {}) {
  const [H, W] = [x.length, x[0].length];
  const [KH, KW] = [w.length, w[0].length];
  const OH = Math.floor((H + 2 * padding[0] - dilation[0] * (KH - 1) - 1) / stride[0]) + 1;
  const OW = Math.floor((W + 2 * padding[1] - dilation[1] * (KW - 1) - 1) / stride[1]) + 1;
  const y = Array.from({ length: OH }, () => Array(OW).fill(0));
  for (let r = 0; r < OH; r++)
    for (let c = 0; c < OW; c++)
      for (let a = 0; a < KH; a++)
        for (let b = 0; b < KW; b++) {
          const i = r * stride[0] - padding[0] + a * dilation[0];
          const j = c * stride[1] - padding[1] + b * dilation[1];
          if (i >= 0 && i < H && j >= 0 && j < W) y[r][c] += x[i][j] * w[a][b];
        }
  return y;
}

/** `2,1;4,4` */
export const gridParam = (g) => g.map((row) => row.join(',')).join(';');

/** The `input` parameter of an N×N grid of small non-zero integers 1…5,
 *  deterministic: the inputs `make bench` measures, shared with the tests
 *  that guard what it measured. */
export function benchInputParam(n) {
  const grid = Array.from({ length: n }, (_, r) => Array.from({ length: n }, (_, c) => 1 + ((r * 31 + c * 17 + r * c) % 5)));
  return gridParam(grid);
}
/** `H,W` */
export const pairParam = (p) => `${p[0]},${p[1]}`;

/** Seeded PRNG (mulberry32). */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: (arr) => arr[Math.floor(next() * arr.length)],
    chance: (p) => next() < p,
  };
}

/** The article's example. */
export const ARTICLE = {
  input: [
    [2, 1],
    [4, 4],
  ],
  kernel: [
    [1, 4, 1],
    [1, 4, 3],
    [3, 3, 1],
  ],
  output: [
    [2, 9, 6, 1],
    [6, 29, 30, 7],
    [10, 29, 33, 13],
    [12, 24, 16, 4],
  ],
};
