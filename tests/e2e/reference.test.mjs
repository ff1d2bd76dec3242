// The page's numbers against references: every case of
// tests/data/conv-cases.json (PyTorch's own results), the article example in
// both directions, and cases computed here by a small JS reference
// (helpers.mjs: convTranspose2d by scattering, conv2d by gathering).
//
// One page is reused: most cases are loaded by writing the URL into the
// history and firing popstate (the app then re-reads location.search exactly
// as on load or back/forward), which costs no wasm reload; a sample goes
// through a real navigation (page.goto) of the full page as well.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ARTICLE,
  assertClean,
  assertNoPanic,
  conv2d,
  convTranspose2d,
  gotoApp,
  gridParam,
  openApp,
  pairParam,
  readGrid,
  softNavigate,
} from './helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const CASES = JSON.parse(fs.readFileSync(path.join(here, '../data/conv-cases.json'), 'utf8'));

function caseQuery(c, extra = '') {
  const q = [
    `op=${c.op}`,
    `input=${gridParam(c.input)}`,
    `kernel=${gridParam(c.kernel)}`,
    `stride=${pairParam(c.stride)}`,
    `padding=${pairParam(c.padding)}`,
    `output_padding=${pairParam(c.output_padding || [0, 0])}`,
    `dilation=${pairParam(c.dilation)}`,
  ];
  return `?${q.join('&')}${extra}`;
}

/** Whether `attr` is the shortest round-trip decimal of the number it names. */
function isShortestRoundTrip(attr) {
  if (attr === '-0') return true;
  const n = Number(attr);
  if (!Number.isFinite(n)) return false;
  // JS and Rust agree on the shortest digits; they differ only in exponent
  // notation (JS "1e+21", Rust prints plain digits), irrelevant at these sizes.
  return String(n) === attr;
}

/**
 * Waits until the page shows the given input and kernel and an output of the
 * expected shape (everything is rendered in one pass), then compares every
 * output cell. Returns a list of problems (empty when all is well).
 */
async function checkShown(page, name, { input, kernel, output }, timeout = 3000) {
  const problems = [];
  const fmt = (g) => g.map((r) => r.map((v) => (Object.is(v, -0) ? '-0' : String(v))));
  try {
    await page.waitForFunction(
      ([inp, ker, rows, cols]) => {
        const same = (name, want) => {
          const g = document.querySelector(`[data-grid="${name}"]`);
          if (!g || Number(g.dataset.rows) !== want.length || Number(g.dataset.cols) !== want[0].length) return false;
          for (const cell of g.querySelectorAll('[data-row][data-col]')) {
            const v = want[Number(cell.dataset.row)]?.[Number(cell.dataset.col)];
            if (v === undefined || cell.dataset.value !== v) return false;
          }
          return true;
        };
        const out = document.querySelector('[data-grid="output"]');
        return (
          same('input', inp) &&
          same('kernel', ker) &&
          out &&
          Number(out.dataset.rows) === rows &&
          Number(out.dataset.cols) === cols
        );
      },
      [fmt(input), fmt(kernel), output.length, output[0].length],
      { timeout, polling: 20 },
    );
  } catch {
    const got = {
      input: await readGrid(page, 'input'),
      output: await readGrid(page, 'output'),
    };
    problems.push(
      `${name}: page did not show input ${JSON.stringify(input)} with a ${output.length}×${output[0].length} output; ` +
        `it shows input ${got.input?.rows}×${got.input?.cols} ${JSON.stringify(got.input?.values)}, ` +
        `output ${got.output?.rows}×${got.output?.cols}`,
    );
    return problems;
  }
  const g = await readGrid(page, 'output');
  if (g.count !== 1) problems.push(`${name}: ${g.count} [data-grid="output"] elements, expected 1`);
  if (g.cells !== g.rows * g.cols) problems.push(`${name}: output has ${g.cells} cells for ${g.rows}×${g.cols}`);
  for (let r = 0; r < output.length; r++) {
    for (let c = 0; c < output[0].length; c++) {
      const attr = g.values[r][c];
      const want = output[r][c];
      if (attr === null) {
        problems.push(`${name}: y[${r},${c}] has no data-value (expected ${want})`);
      } else if (Number(attr) !== want) {
        problems.push(`${name}: y[${r},${c}] data-value=${attr}, expected ${want}`);
      } else if (!isShortestRoundTrip(attr)) {
        problems.push(`${name}: y[${r},${c}] data-value=${attr} is not the shortest round-trip form`);
      }
    }
  }
  return problems;
}

/**
 * Checks the "Output size" section against case `c`: the result of each
 * formula (the number after the last "=" of its cell) must be PyTorch's
 * output size, and the way back the size computed here. Returns a list of
 * problems.
 */
async function checkFormulas(page, c) {
  const got = await page.evaluate(() => {
    const last = (op, axis) => {
      const text = document.querySelector(`.formula-numbers[data-op="${op}"][data-axis="${axis}"]`)?.textContent ?? '';
      return Number(text.split('=').pop());
    };
    return ['h', 'w'].map((a) => [last('conv_transpose2d', a), last('conv2d', a)]);
  });
  const inSize = [c.input.length, c.input[0].length];
  const outSize = [c.output.length, c.output[0].length];
  const k = [c.kernel.length, c.kernel[0].length];
  const problems = [];
  got.forEach(([transposed, conv], a) => {
    const [stride, p, d] = [c.stride[a], c.padding[a], c.dilation[a]];
    // conv2d's output length, for the way back of a transposed convolution.
    const back = Math.floor((outSize[a] + 2 * p - d * (k[a] - 1) - 1) / stride) + 1;
    const want = c.op === 'conv_transpose2d' ? [outSize[a], back] : [inSize[a], outSize[a]];
    if (transposed !== want[0] || conv !== want[1]) {
      problems.push(`${c.name} axis ${a}: formulas give ${transposed} and ${conv}, expected ${want[0]} and ${want[1]}`);
    }
  });
  return problems;
}

export async function every_reference_case_matches_pytorch(t) {
  assert.ok(CASES.length >= 50, `expected the case file to hold ≥ 50 cases, got ${CASES.length}`);
  // section=grids keeps the page small: only the grids, the player and the
  // output-size formulas render.
  const s = await openApp(t, caseQuery(CASES[0], '&section=grids'));
  const problems = [];
  for (const c of CASES) {
    await softNavigate(s.page, caseQuery(c, '&section=grids'));
    const shown = await checkShown(s.page, c.name, c);
    problems.push(...shown);
    if (!shown.length) problems.push(...(await checkFormulas(s.page, c)));
    const alerts = await s.page.locator('[data-alert=url]').count();
    if (alerts) problems.push(`${c.name}: a [data-alert=url] banner appeared for a valid URL`);
  }
  await assertNoPanic(s.page);
  assert.deepEqual(problems, [], `${problems.length} mismatches`);
  assertClean(s, t.origin);
}
every_reference_case_matches_pytorch.timeoutMs = 60000;

export async function output_size_formulas_stack_on_a_narrow_screen(t) {
  // On a phone each row's two formulas stand one above the other, in the
  // header's order, and the table fits the screen; on a wide screen they sit
  // side by side.
  const place = (page) =>
    page.evaluate(() => {
      const box = (op) => document.querySelector(`.formula-numbers[data-op="${op}"][data-axis="h"]`).getBoundingClientRect();
      const table = document.querySelector('.formula-table');
      const [tr, cv] = [box('conv_transpose2d'), box('conv2d')];
      return { below: cv.top >= tr.bottom - 1, beside: Math.abs(cv.top - tr.top) < 1 && cv.left >= tr.right - 1, fits: table.scrollWidth <= table.clientWidth };
    });
  const phone = await openApp(t, '/?stride=2&output_padding=1', { viewport: { width: 390, height: 844 } });
  assert.deepEqual(await place(phone.page), { below: true, beside: false, fits: true }, 'phone');
  assertClean(phone, t.origin);
  const wide = await openApp(t, '/?stride=2&output_padding=1', { viewport: { width: 1280, height: 900 } });
  assert.deepEqual(await place(wide.page), { below: false, beside: true, fits: true }, 'wide screen');
  assertClean(wide, t.origin);
}

export async function reference_cases_through_full_page_loads(t) {
  // Every 8th case through a real navigation of the full page; there the
  // three equivalent computations (transposed op) must agree too.
  const s = await openApp(t, '/');
  const problems = [];
  for (const c of CASES.filter((_, i) => i % 8 === 0)) {
    await gotoApp(s, t.url(caseQuery(c)));
    problems.push(...(await checkShown(s.page, c.name, c)));
    if (c.op !== 'conv_transpose2d') continue; // the three computations are shown for the transposed op
    // The section renders just after the first frame (it starts off screen).
    await s.page.waitForSelector('[data-check=equivalence]', { state: 'attached' });
    const diff = await s.page.evaluate(() =>
      document.querySelector('[data-check=equivalence]')?.getAttribute('data-max-abs-diff'),
    );
    if (diff !== '0') problems.push(`${c.name}: [data-check=equivalence] data-max-abs-diff=${diff}, expected 0`);
    for (const via of ['via-scatter', 'via-matrix', 'via-zero-insertion']) {
      const g = await readGrid(s.page, via);
      if (!g) continue; // a too-large grid is replaced by a hint
      const got = g.values.map((r) => r.map(Number));
      if (JSON.stringify(got) !== JSON.stringify(c.output)) {
        problems.push(`${c.name}: [data-grid=${via}] ${JSON.stringify(got)} ≠ ${JSON.stringify(c.output)}`);
      }
    }
  }
  assert.deepEqual(problems, [], `${problems.length} mismatches`);
  assertClean(s, t.origin);
}
reference_cases_through_full_page_loads.timeoutMs = 45000;

export async function article_example_in_both_directions(t) {
  const s = await openApp(t, '/?op=conv_transpose2d&input=2,1;4,4&kernel=1,4,1;1,4,3;3,3,1');
  let problems = await checkShown(s.page, 'article conv_transpose2d', ARTICLE);
  assert.deepEqual(problems, []);
  const outPad = await s.page.locator('[data-grid=output] td[data-pad]').count();
  assert.equal(outPad, 0, 'transposed mode draws no padding cells');

  // conv2d of the article: the default conv2d input, checked against the JS reference.
  await gotoApp(s, t.url('/?op=conv2d'));
  const input = (await readGrid(s.page, 'input')).values.map((r) => r.map(Number));
  const kernel = (await readGrid(s.page, 'kernel')).values.map((r) => r.map(Number));
  assert.deepEqual(kernel, ARTICLE.kernel, 'conv2d keeps the article kernel');
  const expected = conv2d(input, kernel);
  assert.deepEqual(expected, [
    [122, 148],
    [126, 134],
  ]);
  problems = await checkShown(s.page, 'article conv2d', { input, kernel, output: expected });
  assert.deepEqual(problems, []);

  // Both directions read the same connectivity: conv2d of the transposed
  // output with the same kernel has the input's shape.
  await gotoApp(s, t.url(`/?op=conv2d&input=${gridParam(ARTICLE.output)}&kernel=${gridParam(ARTICLE.kernel)}`));
  const back = conv2d(ARTICLE.output, ARTICLE.kernel);
  problems = await checkShown(s.page, 'conv2d of the article output', {
    input: ARTICLE.output,
    kernel: ARTICLE.kernel,
    output: back,
  });
  assert.deepEqual(problems, []);
  assertClean(s, t.origin);
}

// Cases computed by the JS reference: strides, padding, output_padding,
// rectangular kernels and parameters, dilation, fractional values.
const X3 = [
  [1, -2, 3],
  [0.5, 4, -1],
  [2, 0, -3],
];
const X45 = [
  [1, 2, 0, -1, 3],
  [-2, 1, 1, 0, 2],
  [3, -1, 2, 2, -2],
  [0, 1, -3, 1, 1],
];
const K3 = [
  [1, 0.25, -1],
  [2, 1, 0],
  [-0.5, 3, 1],
];
const JS_CASES = [
  { name: 'T stride 2 padding 1 output_padding 1', op: 'conv_transpose2d', input: X3, kernel: K3, stride: [2, 2], padding: [1, 1], output_padding: [1, 1], dilation: [1, 1] },
  { name: 'T stride 2,3 padding 1,0 output_padding 1,2', op: 'conv_transpose2d', input: X3, kernel: K3, stride: [2, 3], padding: [1, 0], output_padding: [1, 2], dilation: [1, 1] },
  { name: 'T stride 3 padding 2 output_padding 2', op: 'conv_transpose2d', input: X45, kernel: K3, stride: [3, 3], padding: [2, 2], output_padding: [2, 2], dilation: [1, 1] },
  { name: 'T rectangular kernel 2×3', op: 'conv_transpose2d', input: X3, kernel: [[1, -1, 2], [0.5, 3, -2]], stride: [1, 1], padding: [0, 0], output_padding: [0, 0], dilation: [1, 1] },
  { name: 'T rectangular kernel 3×1 stride 2,1', op: 'conv_transpose2d', input: X45, kernel: [[1], [-2], [3]], stride: [2, 1], padding: [0, 0], output_padding: [1, 0], dilation: [1, 1] },
  { name: 'T rectangular kernel 1×4 padding 0,1', op: 'conv_transpose2d', input: X45, kernel: [[2, -1, 0.5, 1]], stride: [1, 2], padding: [0, 1], output_padding: [0, 0], dilation: [1, 1] },
  { name: 'T dilation 2', op: 'conv_transpose2d', input: X3, kernel: K3, stride: [1, 1], padding: [0, 0], output_padding: [0, 0], dilation: [2, 2] },
  { name: 'T dilation 2 stride 2 padding 1', op: 'conv_transpose2d', input: X45, kernel: K3, stride: [2, 2], padding: [1, 1], output_padding: [1, 0], dilation: [2, 2] },
  { name: 'T dilation 2,1 rectangular kernel', op: 'conv_transpose2d', input: X3, kernel: [[1, -1, 2], [0.5, 3, -2]], stride: [1, 1], padding: [0, 0], output_padding: [0, 0], dilation: [2, 1] },
  { name: 'C stride 2 padding 1', op: 'conv2d', input: X45, kernel: K3, stride: [2, 2], padding: [1, 1], dilation: [1, 1] },
  { name: 'C rectangular kernel 2×3 stride 1,2', op: 'conv2d', input: X45, kernel: [[1, -1, 2], [0.5, 3, -2]], stride: [1, 2], padding: [0, 1], dilation: [1, 1] },
  { name: 'C rectangular kernel 3×1', op: 'conv2d', input: X45, kernel: [[1], [-2], [3]], stride: [1, 1], padding: [1, 0], dilation: [1, 1] },
  { name: 'C dilation 2', op: 'conv2d', input: X45, kernel: [[1, 2], [-1, 0.5]], stride: [1, 1], padding: [0, 0], dilation: [2, 2] },
  { name: 'C dilation 2 padding 2', op: 'conv2d', input: X45, kernel: K3, stride: [1, 1], padding: [2, 2], dilation: [2, 2] },
];

export async function js_reference_cases_stride_padding_output_padding_rect_dilation(t) {
  const s = await openApp(t, '/?section=grids');
  const problems = [];
  for (const c of JS_CASES) {
    const p = {
      stride: c.stride,
      padding: c.padding,
      outputPadding: c.output_padding || [0, 0],
      dilation: c.dilation,
    };
    const output = c.op === 'conv2d' ? conv2d(c.input, c.kernel, p) : convTranspose2d(c.input, c.kernel, p);
    assert.ok(output.length > 0 && output[0].length > 0, `${c.name}: bad test case`);
    await softNavigate(s.page, caseQuery(c, '&section=grids'));
    problems.push(...(await checkShown(s.page, c.name, { input: c.input, kernel: c.kernel, output })));
  }
  assert.deepEqual(problems, [], `${problems.length} mismatches`);

  // conv2d with padding draws the zero padding around the input (td[data-pad],
  // no data-row): (4+2)×(5+2) cells minus the 4×5 real ones.
  await softNavigate(s.page, `?op=conv2d&input=${gridParam(X45)}&kernel=${gridParam(K3)}&padding=1&section=grids`);
  await s.page.waitForFunction(() => document.querySelectorAll('[data-grid=input] td[data-pad]').length > 0, null, {
    timeout: 3000,
  });
  const pads = await s.page.evaluate(() => {
    const cells = [...document.querySelectorAll('[data-grid=input] td[data-pad]')];
    return { n: cells.length, withRow: cells.filter((c) => c.hasAttribute('data-row')).length };
  });
  assert.deepEqual(pads, { n: 6 * 7 - 4 * 5, withRow: 0 }, 'padding ring around the conv2d input');
  assertClean(s, t.origin);
}

export async function data_value_is_the_exact_shortest_decimal(t) {
  // 0.1 · 3 = 0.30000000000000004 in binary floating point: data-value is
  // exact, the cell text is short.
  const s = await openApp(t, '/?input=0.1&kernel=3&section=grids');
  const cell = s.page.locator('[data-grid=output] [data-row="0"][data-col="0"]');
  assert.equal(await cell.getAttribute('data-value'), String(0.1 * 3));
  assert.equal((await cell.innerText()).trim(), '0.3');
  // Dyadic fractions are exact in any summation order.
  const x = [
    [0.5, -1.25],
    [2.75, 0.125],
  ];
  const w = [
    [1.5, -0.5],
    [0.25, 2],
  ];
  await softNavigate(s.page, `?input=${gridParam(x)}&kernel=${gridParam(w)}&stride=1&section=grids`);
  const problems = await checkShown(s.page, 'fractions', { input: x, kernel: w, output: convTranspose2d(x, w) });
  assert.deepEqual(problems, []);
  assertClean(s, t.origin);
}
