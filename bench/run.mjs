// Browser benchmark of the release site (`make bench`).
//
//   node bench/run.mjs [--dist DIR] [--out FILE] [--sizes 4,16,32,64]
//                      [--loads 5] [--edits 50] [--frames-ms 2000]
//                      [--edit-budget-s 60] [--criterion DIR]
//   node bench/run.mjs --report [--out FILE]   (tables of an earlier run, with
//                                               the current Criterion figures)
//
// Environment: BENCH_DIST (the site, default dist/), CHROMIUM (default
// /usr/bin/chromium). Serves the site on 127.0.0.1 with tests/e2e/server.mjs,
// in a child process (as a host would: not in the process that drives the
// browser)
// and drives headless Chromium with tests/e2e/browser.mjs (playwright-core).
//
// For each size N (input N×N of small non-zero integers, the article's 3×3
// kernel, transposed convolution) it measures:
//   transfer      encoded body bytes of every response of a load (the
//                 build's brotli copies, scripts/precompress.mjs), and for
//                 reference the build's gzip copies (Zopfli) and gzip -9
//                 of each file
//   load→render   navigation start → performance.mark("convt:rendered"),
//                 median of --loads fresh browser contexts, and → the end of
//                 the frame after that mark (a message posted from its rAF
//                 callback: style, layout and paint of the first render
//                 done, "painted", as for an edit); layout shifts
//                 after that mark (1 s observed); and the same for a repeat
//                 visit: each of those tabs goes to about:blank and opens the
//                 page again (the server sends every file again, but the
//                 browser process has compiled the wasm before)
//   memory        JS heap (CDP Performance.getMetrics after a GC), the wasm
//                 linear memory (exports.memory from the loader's
//                 TrunkApplicationStarted event), DOM node count
//   edit→frame    --edits commits of kernel cell (1,1), scrolled to the top
//                 of the screen with the output under it: performance.now() at
//                 the committing Enter keydown (capture phase) → the end of
//                 the next frame (a message posted from its rAF callback is
//                 handled after its style, layout and paint: "painted"), and
//                 → the second rAF after it (one frame later, conservative);
//                 the output must change; and the app's script for it:
//                 the keydown → the end of its bubbling at the window, after
//                 the app's listener and the render it runs in a microtask
//                 (Yew runs the effects after a render of over 16 ms in a
//                 task of their own: those are then left out)
//                 A size stops after --edit-budget-s
//                 (at least 5 edits).
//   browser floor the DOM changes of one more such edit (texts and
//                 attributes, recorded up to its frame) replayed back and
//                 forth 60 times by plain JS, timed start → painted frame
//                 like an edit: what the browser alone needs to show exactly
//                 that change, a floor under edit→frame (see browserFloor)
//   frames        rAF frames per second while scrubbing with ArrowRight,
//                 while setting the scrubber by input events (one per frame),
//                 and while playing at 4×; long tasks during each
// and it adds the native Criterion figures of `cargo bench --bench core`
// (target/criterion/**/new/estimates.json) if present.
//
// Writes bench/results.json (machine, date, Chromium) and prints Markdown
// tables. Timings are reported, never judged: the exit status is non-zero
// only when the benchmark itself could not run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { PAGE_FILE } from '../scripts/precompress.mjs';
import { startProcess } from '../tests/e2e/server.mjs';
import { launch, openSession } from '../tests/e2e/browser.mjs';
import { benchInputParam } from '../tests/e2e/helpers.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');

function parseArgs(argv) {
  const opts = {
    dist: process.env.BENCH_DIST || path.join(repo, 'dist'),
    out: path.join(here, 'results.json'),
    sizes: [4, 16, 32, 64],
    loads: 5,
    edits: 50,
    framesMs: 2000,
    editBudgetS: 60,
    criterion: path.join(process.env.CARGO_TARGET_DIR || path.join(repo, 'target'), 'criterion'),
    report: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const [k, v] = [argv[i], argv[i + 1]];
    const take = () => {
      i++;
      if (v === undefined) throw new Error(`${k} needs a value`);
      return v;
    };
    if (k === '--dist') opts.dist = take();
    else if (k === '--out') opts.out = take();
    else if (k === '--sizes') opts.sizes = take().split(',').map(Number);
    else if (k === '--loads') opts.loads = Math.max(1, Number(take()));
    else if (k === '--edits') opts.edits = Math.max(1, Number(take()));
    else if (k === '--frames-ms') opts.framesMs = Number(take());
    else if (k === '--edit-budget-s') opts.editBudgetS = Number(take());
    else if (k === '--criterion') opts.criterion = take();
    else if (k === '--report') opts.report = true;
    else throw new Error(`unknown argument ${k}`);
  }
  opts.dist = path.resolve(opts.dist);
  return opts;
}

// ------------------------------------------------------------ statistics

const sorted = (xs) => [...xs].sort((a, b) => a - b);
function quantile(xs, q) {
  if (xs.length === 0) return null;
  const s = sorted(xs);
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}
const median = (xs) => quantile(xs, 0.5);
const round = (x, d = 1) => (x == null ? null : Math.round(x * 10 ** d) / 10 ** d);

// ------------------------------------------------------------ the page

const KERNEL = '1,4,1;1,4,3;3,3,1';

const pageQuery = (n) => `?input=${benchInputParam(n)}&kernel=${KERNEL}`;

/** Runs in the page before its scripts: buffers long tasks and layout
 *  shifts, and keeps the wasm exports the loader announces. */
function benchInit() {
  const b = (window.__bench = { longtasks: [], shifts: [], wasm: null, observers: {} });
  const observe = (type, push) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(push)).observe({ type, buffered: true });
      b.observers[type] = true;
    } catch {
      b.observers[type] = false;
    }
  };
  observe('longtask', (e) => b.longtasks.push({ start: e.startTime, duration: e.duration }));
  const describe = (node) => {
    if (!node || !node.nodeName) return null;
    if (node.nodeType !== 1) return node.nodeName;
    const attrs = ['id', 'class', 'data-grid', 'data-section', 'data-matrix', 'data-plot']
      .map((a) => (node.getAttribute(a) ? `[${a}="${node.getAttribute(a)}"]` : ''))
      .join('');
    return node.tagName.toLowerCase() + attrs;
  };
  observe('layout-shift', (e) =>
    b.shifts.push({
      start: e.startTime,
      value: e.value,
      hadRecentInput: e.hadRecentInput,
      sources: (e.sources || []).map((x) => describe(x.node)),
    }),
  );
  window.addEventListener('TrunkApplicationStarted', (e) => {
    b.wasm = (e.detail && e.detail.wasm) || null;
  });
  // Settles at the "convt:rendered" mark. Waiting on it from inside the page
  // leaves the load undisturbed: polling from Playwright (waitForFunction)
  // injects its helper script into the page and runs a check every few
  // milliseconds, and an earlier fallback (a MutationObserver on the whole
  // document) recorded every node of the first render.
  // Resolves to { mark, painted }: the mark's time and the end of the frame
  // that shows it. The mark is looked for at every animation frame: the
  // first frame that finds it is the one that shows it. (A
  // PerformanceObserver, used before, is told of the mark in a task of its
  // own, which may come a frame late: the app sets the mark in its start-up
  // task, and the frame right after that task was then missed.)
  b.rendered = new Promise((resolve) => {
    const look = () => {
      const mark = performance.getEntriesByName('convt:rendered')[0];
      if (!mark) {
        requestAnimationFrame(look);
        return;
      }
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve({ mark: mark.startTime, painted: performance.now() });
      channel.port2.postMessage(null);
    };
    requestAnimationFrame(look);
  });
}

const RENDER_TIMEOUT_MS = 60000;

/** Resolves to { mark, painted }: the time of the "convt:rendered" mark and
 *  the end of the frame after it (ms since navigation). */
async function waitRendered(page) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error('no "convt:rendered" mark')), RENDER_TIMEOUT_MS);
  });
  try {
    return await Promise.race([page.evaluate(() => window.__bench.rendered), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** One fresh load: a new browser context (empty cache). Leaves the session
 *  open; the caller closes it. */
async function freshLoad(browser, url) {
  const s = await openSession(browser);
  s.page.setDefaultTimeout(STEP_TIMEOUT_MS);
  await s.page.addInitScript(benchInit);
  const responses = [];
  s.page.on('response', (r) => responses.push(r));
  await s.page.goto(url, { waitUntil: 'load' });
  const { mark: renderedAt, painted: paintedAt } = await waitRendered(s.page);
  await s.page.waitForTimeout(1000); // observe layout shifts after the mark
  const after = await s.page.evaluate((mark) => {
    const b = window.__bench;
    const shifts = b.shifts.filter((x) => x.start >= mark);
    const grid = (name) => {
      const g = document.querySelector(`[data-grid="${name}"]`);
      return g ? `${g.getAttribute('data-rows')}x${g.getAttribute('data-cols')}` : null;
    };
    return {
      shiftCount: shifts.length,
      shiftSum: shifts.reduce((a, x) => a + x.value, 0),
      shifts: shifts.map((x) => ({ atMs: Math.round(x.start - mark), score: x.value, sources: x.sources })),
      observers: b.observers,
      input: grid('input'),
      output: grid('output'),
      steps: Number(document.querySelector('[data-player]')?.getAttribute('data-steps')),
    };
  }, renderedAt);
  const transfer = [];
  for (const r of responses) {
    const sizes = await r.request().sizes().catch(() => null);
    transfer.push({
      path: new URL(r.url()).pathname,
      status: r.status(),
      bytes: sizes ? sizes.responseBodySize : null,
    });
  }
  return { session: s, renderedAt, paintedAt, ...after, transfer };
}

/** A repeat visit in the tab of an earlier load: about:blank, then the page
 *  again. Resolves to its render mark and painted frame (as waitRendered). */
async function repeatLoad(s, url) {
  await s.page.goto('about:blank');
  await s.page.goto(url, { waitUntil: 'load' });
  const rendered = await waitRendered(s.page);
  await s.page.waitForTimeout(1000); // as after a fresh load: the page settles
  return rendered;
}

async function memory(page) {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.enable');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const m = Object.fromEntries(metrics.map((x) => [x.name, x.value]));
    const wasmBytes = await page.evaluate(() => {
      const w = window.__bench.wasm;
      return w && w.memory && w.memory.buffer ? w.memory.buffer.byteLength : null;
    });
    return {
      jsHeapUsed: m.JSHeapUsedSize,
      jsHeapTotal: m.JSHeapTotalSize,
      wasmMemory: wasmBytes,
      domNodes: m.Nodes,
    };
  } finally {
    await cdp.detach().catch(() => {});
  }
}

/** Arms the in-page timer for the next committing Enter. */
function armEdit() {
  const out = () =>
    document.querySelector('[data-grid="output"] [data-row="1"][data-col="1"]')?.getAttribute('data-value');
  const before = out();
  window.__bench.edit = new Promise((resolve) => {
    const onKey = (e) => {
      if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
      document.removeEventListener('keydown', onKey, true);
      const t0 = performance.now();
      let painted = null;
      // The app's own script for the edit: its keydown listener and the
      // render Yew runs in a microtask right after it. The window is the
      // last stop of the keydown's bubbling, reached once both are done.
      let script = null;
      window.addEventListener(
        'keydown',
        (e2) => {
          if (e2 === e) script = performance.now() - t0;
        },
        { once: true },
      );
      // The app renders in a microtask of this keydown, so the next frame is
      // the one that shows the edit. A message posted from that frame's rAF
      // callback is handled once the frame's style, layout and paint are
      // done: keydown → that point is "edit → next painted frame". The
      // second rAF (one frame later still) is kept as the conservative figure.
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        painted = performance.now() - t0;
      };
      requestAnimationFrame(() => {
        channel.port2.postMessage(0);
        requestAnimationFrame(() => {
          const t1 = performance.now();
          const after = out();
          resolve({ ms: t1 - t0, paintMs: painted ?? t1 - t0, scriptMs: script, changed: after !== before, before, after });
        });
      });
    };
    document.addEventListener('keydown', onKey, true);
  });
}

const KERNEL_CELL = '[data-grid="kernel"] [data-row="1"][data-col="1"]';

const STEP_TIMEOUT_MS = 120000; // one UI step on a slow machine at 64×64

/** Waits until kernel cell (1,1) has the focus back (after the previous
 *  commit), opens its editor and types `value`, not yet committed. */
async function draftKernelCell(page, value) {
  await page.waitForFunction((sel) => document.activeElement === document.querySelector(sel), KERNEL_CELL, {
    timeout: STEP_TIMEOUT_MS,
    polling: 'raf',
  });
  await page.keyboard.press('Enter');
  await page.waitForSelector(`${KERNEL_CELL} input`, { timeout: STEP_TIMEOUT_MS });
  await page.keyboard.press('Control+A');
  await page.keyboard.type(value);
}

/** `count` edits of kernel cell (1,1), stopping early (after at least 5)
 *  once `budgetMs` has passed, so a slow page cannot stretch the run. */
async function edits(page, count, budgetMs) {
  const samples = [];
  const painted = [];
  const script = [];
  let unchanged = 0;
  const t0 = Date.now();
  const cell = page.locator(KERNEL_CELL);
  await cell.focus();
  // The kernel at the top of the screen and the output under it: from
  // 32×32 up, focusing the kernel alone would leave the output below the
  // screen, where its rows follow only after the frame.
  await page.evaluate(() => window.scrollBy(0, document.querySelector('[data-grid="kernel"]').getBoundingClientRect().top - 20));
  for (let i = 0; i < count; i++) {
    if (i >= 5 && Date.now() - t0 > budgetMs) break;
    const value = i % 2 === 0 ? '7' : '2'; // the article's w[1][1] is 4
    await draftKernelCell(page, value);
    await page.evaluate(armEdit);
    await page.keyboard.press('Enter');
    const r = await page.evaluate(() => window.__bench.edit);
    samples.push(r.ms);
    painted.push(r.paintMs);
    if (r.scriptMs != null) script.push(r.scriptMs);
    if (!r.changed) unchanged++;
  }
  return { samples, painted, script, unchanged, budgetHit: samples.length < count };
}

/** Arms a recorder of the next committing Enter: every text and attribute
 *  change the page makes up to the frame that shows the edit, each with its
 *  value before and after (`window.__bench.floorChanges`). */
function recordEdit() {
  const b = window.__bench;
  const records = [];
  const observer = new MutationObserver((list) => records.push(...list));
  observer.observe(document.body, {
    subtree: true,
    characterData: true,
    characterDataOldValue: true,
    attributes: true,
    attributeOldValue: true,
  });
  b.recorded = new Promise((resolve) => {
    const onKey = (e) => {
      if (e.key !== 'Enter' || !(e.target instanceof HTMLInputElement)) return;
      document.removeEventListener('keydown', onKey, true);
      // The app renders in a microtask of this keydown: by the next frame's
      // rAF callback every change of the edit's frame has been made.
      requestAnimationFrame(() => {
        records.push(...observer.takeRecords());
        observer.disconnect();
        const first = new Map(); // node → (attribute or "" for text) → value before
        for (const r of records) {
          const key = r.type === 'attributes' ? r.attributeName : '';
          if (!first.has(r.target)) first.set(r.target, new Map());
          const byKey = first.get(r.target);
          if (!byKey.has(key)) byKey.set(key, r.oldValue);
        }
        b.floorChanges = [];
        for (const [node, byKey] of first) {
          if (!node.isConnected) continue;
          for (const [attr, before] of byKey) {
            const after = attr ? node.getAttribute(attr) : node.data;
            if (after !== before) b.floorChanges.push({ node, attr, before, after });
          }
        }
        resolve(b.floorChanges.length);
      });
    };
    document.addEventListener('keydown', onKey, true);
  });
}

/** Replays the recorded changes once, backwards on even `i` (to the values
 *  before the edit) and forwards on odd `i`, started `phaseMs` into a frame,
 *  with no app code involved; resolves to start → painted frame, timed as
 *  an edit is. */
function replayEdit([i, phaseMs]) {
  const changes = window.__bench.floorChanges;
  return new Promise((resolve) => {
    requestAnimationFrame(() =>
      setTimeout(() => {
        const t0 = performance.now();
        for (const c of changes) {
          const v = i % 2 === 0 ? c.before : c.after;
          if (!c.attr) c.node.data = v;
          else if (v === null) c.node.removeAttribute(c.attr);
          else c.node.setAttribute(c.attr, v);
        }
        const js = performance.now() - t0;
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ js, painted: performance.now() - t0 });
        requestAnimationFrame(() => channel.port2.postMessage(0));
      }, phaseMs),
    );
  });
}

const FLOOR_REPLAYS = 60;

/** The browser's own share of an edit: one more edit of kernel cell (1,1)
 *  is recorded (`recordEdit`), then its DOM changes are replayed back and
 *  forth by plain JS `count` times (even, so the page ends as the app left
 *  it), at start times spread evenly over a frame. What the browser needs
 *  to restyle, lay out and paint exactly those changes is a floor under
 *  the edit→painted figure that no app code can go below. Canvas redraws
 *  and the editor's removal are not replayed, so the true floor is higher
 *  still. */
async function browserFloor(page, count) {
  await draftKernelCell(page, '5'); // neither edit value, so the output changes
  await page.evaluate(recordEdit);
  await page.keyboard.press('Enter');
  const changes = await page.evaluate(() => window.__bench.recorded);
  await page.waitForTimeout(500); // rows far from the screen catch up
  const samples = [];
  for (let i = 0; i < count; i++) {
    samples.push(await page.evaluate(replayEdit, [i, (i * 7) % 16]));
  }
  return { changes, samples, painted: samples.map((x) => x.painted) };
}

/** Starts counting rAF frames in the page; `stopFrames` returns the count. */
function startFrames() {
  const b = window.__bench;
  b.frames = 0;
  b.counting = true;
  b.t0 = performance.now();
  const tick = () => {
    if (!b.counting) return;
    b.frames++;
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
}
function stopFrames() {
  const b = window.__bench;
  b.counting = false;
  const t1 = performance.now();
  const tasks = b.longtasks.filter((x) => x.start >= b.t0 && x.start < t1);
  return {
    frames: b.frames,
    ms: t1 - b.t0,
    longtasks: tasks.length,
    longtaskMax: tasks.reduce((a, x) => Math.max(a, x.duration), 0),
    step: Number(document.querySelector('[data-player]')?.getAttribute('data-step')),
  };
}
const fps = (r) => (r.frames * 1000) / r.ms;

async function scrubKeys(page, steps, ms) {
  const scrubber = page.locator('[data-control="scrubber"]');
  await scrubber.focus();
  await page.keyboard.press('Home');
  await page.evaluate(startFrames);
  const t0 = Date.now();
  let presses = 0;
  let pos = 0;
  while (Date.now() - t0 < ms) {
    if (pos >= steps) {
      await page.keyboard.press('Home');
      pos = 0;
    } else {
      await page.keyboard.press('ArrowRight');
      pos++;
    }
    presses++;
  }
  const r = await page.evaluate(stopFrames);
  return { ...r, updates: presses };
}

/** One input event per animation frame, walking the scrubber's range. */
function scrubInput(ms) {
  const b = window.__bench;
  const el = document.querySelector('[data-control="scrubber"]');
  const max = Number(el.max);
  return new Promise((resolve) => {
    let frames = 0;
    let updates = 0;
    const t0 = performance.now();
    const tick = () => {
      frames++;
      const now = performance.now();
      if (now - t0 >= ms) {
        const tasks = b.longtasks.filter((x) => x.start >= t0 && x.start < now);
        resolve({
          frames,
          ms: now - t0,
          updates,
          longtasks: tasks.length,
          longtaskMax: tasks.reduce((a, x) => Math.max(a, x.duration), 0),
        });
        return;
      }
      el.value = String((Number(el.value) + 1) % (max + 1));
      el.dispatchEvent(new Event('input', { bubbles: true }));
      updates++;
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

async function play(page, ms) {
  await page.selectOption('[data-control="speed"]', '4');
  await page.locator('[data-action="end"]').click().catch(() => {}); // finished → Play restarts at 0
  await page.evaluate(startFrames);
  await page.locator('[data-action="play"]').click();
  await page.waitForTimeout(ms);
  const r = await page.evaluate(stopFrames);
  await page.locator('[data-action="pause"]').click().catch(() => {});
  return { ...r, updates: r.step };
}

// ------------------------------------------------------------ one size

async function benchSize(browser, server, n, opts) {
  const url = new URL(pageQuery(n), server.url).href;
  const loads = [];
  let last = null;
  for (let i = 0; i < opts.loads; i++) {
    const l = await freshLoad(browser, url);
    loads.push(l);
    if (i === 0) {
      l.memory = await memory(l.session.page);
    }
    l.repeat = await repeatLoad(l.session, url);
    if (last) await last.session.close();
    last = l;
  }
  const first = loads[0];
  if (first.input !== `${n}x${n}`) {
    throw new Error(`size ${n}: the page shows input ${first.input}, not ${n}x${n} (errors: ${first.session.errors.slice(0, 3)})`);
  }
  const page = last.session.page;
  const edit = await edits(page, opts.edits, opts.editBudgetS * 1000);
  const floor = await browserFloor(page, FLOOR_REPLAYS);
  const keys = await scrubKeys(page, last.steps, opts.framesMs);
  const input = await page.evaluate(scrubInput, opts.framesMs);
  const playing = await play(page, opts.framesMs);
  const errors = loads.flatMap((l) => l.session.errors);
  await last.session.close();

  const renders = loads.map((l) => l.renderedAt);
  const transferBytes = first.transfer.reduce((a, t) => a + (t.bytes || 0), 0);
  return {
    size: `${n}x${n}`,
    output: first.output,
    steps: first.steps,
    transfer: { bytes: transferBytes, responses: first.transfer },
    loadToRender: {
      medianMs: round(median(renders)),
      samplesMs: renders.map((x) => round(x)),
      repeatMedianMs: round(median(loads.map((l) => l.repeat.mark))),
      repeatSamplesMs: loads.map((l) => round(l.repeat.mark)),
      paintedMedianMs: round(median(loads.map((l) => l.paintedAt))),
      paintedSamplesMs: loads.map((l) => round(l.paintedAt)),
      repeatPaintedMedianMs: round(median(loads.map((l) => l.repeat.painted))),
      until: 'performance.mark("convt:rendered")',
    },
    layoutShiftsAfterRender: {
      count: Math.max(...loads.map((l) => l.shiftCount)),
      maxScore: round(Math.max(...loads.map((l) => l.shiftSum)), 4),
      firstLoad: first.shifts,
    },
    memory: first.memory,
    edit: {
      count: edit.samples.length,
      medianMs: round(median(edit.samples)),
      p95Ms: round(quantile(edit.samples, 0.95)),
      paintMedianMs: round(median(edit.painted)),
      paintP95Ms: round(quantile(edit.painted, 0.95)),
      scriptMedianMs: round(median(edit.script)),
      scriptP95Ms: round(quantile(edit.script, 0.95)),
      maxMs: round(Math.max(...edit.samples)),
      unchanged: edit.unchanged,
      stoppedByBudget: edit.budgetHit,
    },
    // No recorded change (the edit changed nothing on its frame): no floor.
    browserFloor: floor.changes === 0 ? null : {
      changes: floor.changes,
      replays: floor.samples.length,
      paintMedianMs: round(median(floor.painted)),
      paintP95Ms: round(quantile(floor.painted, 0.95)),
      jsMedianMs: round(median(floor.samples.map((x) => x.js)), 2),
    },
    frames: {
      scrubKeys: summarizeFrames(keys),
      scrubInput: summarizeFrames(input),
      play4x: summarizeFrames(playing),
    },
    observers: first.observers,
    pageErrors: errors,
  };
}

function summarizeFrames(r) {
  return {
    fps: round(fps(r)),
    frames: r.frames,
    ms: round(r.ms),
    updates: r.updates,
    updatesPerSecond: round((r.updates * 1000) / r.ms),
    longtasks: r.longtasks,
    longtaskMaxMs: round(r.longtaskMax),
  };
}

// ------------------------------------------------------------ files, machine, Criterion

function gzipSizes(dist) {
  const out = {};
  for (const f of fs.readdirSync(dist).sort()) {
    const p = path.join(dist, f);
    if (!PAGE_FILE.test(f) || !fs.statSync(p).isFile()) continue;
    const body = fs.readFileSync(p);
    const copy = `${p}.gz`;
    out[f] = {
      bytes: body.length,
      gzip: fs.existsSync(copy) ? fs.statSync(copy).size : null,
      gzip9: zlib.gzipSync(body, { level: 9 }).length,
    };
  }
  return out;
}

function machine(chromium) {
  const sh = (cmd, args) => {
    try {
      return execFileSync(cmd, args, { encoding: 'utf8' }).trim();
    } catch {
      return null;
    }
  };
  let cpu = os.cpus()[0]?.model?.trim() || null;
  try {
    const m = fs.readFileSync('/proc/cpuinfo', 'utf8').match(/^model name\s*:\s*(.+)$/m);
    if (m) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  return {
    uname: sh('uname', ['-srm']),
    cpu,
    cores: os.cpus().length,
    memoryGiB: round(os.totalmem() / 2 ** 30),
    date: new Date().toISOString(),
    chromium,
    node: process.version,
    rustc: sh('rustc', ['--version']),
    loadAverageAtStart: os.loadavg().map((x) => round(x, 2)),
  };
}

/** Criterion's estimates, keyed by group then parameter (e.g. "16x16"). */
function criterionResults(dir) {
  if (!fs.existsSync(dir)) return null;
  const out = {};
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (!e.isDirectory()) continue;
      if (e.name === 'new' && fs.existsSync(path.join(p, 'benchmark.json'))) {
        const b = JSON.parse(fs.readFileSync(path.join(p, 'benchmark.json'), 'utf8'));
        const est = JSON.parse(fs.readFileSync(path.join(p, 'estimates.json'), 'utf8'));
        const key = b.value_str || b.function_id || 'default';
        // Criterion prints the slope estimate when it has one (linear
        // sampling), else the mean; so does this.
        const typical = est.slope || est.mean;
        (out[b.group_id] ||= {})[key] = {
          typicalNs: typical.point_estimate,
          typicalCi95Ns: [typical.confidence_interval.lower_bound, typical.confidence_interval.upper_bound],
          meanNs: est.mean.point_estimate,
          medianNs: est.median.point_estimate,
          measured: fs.statSync(path.join(p, 'estimates.json')).mtime.toISOString(),
        };
      } else {
        walk(p);
      }
    }
  };
  walk(dir);
  return Object.keys(out).length ? out : null;
}

// ------------------------------------------------------------ report

const kib = (b) => (b == null ? '–' : (b / 1024).toFixed(1));
const mib = (b) => (b == null ? '–' : (b / 2 ** 20).toFixed(1));
function duration(ns) {
  if (ns == null) return '–';
  if (ns < 1e3) return `${ns.toFixed(0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(ns < 1e4 ? 2 : 1)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}
const ms = (x) => (x == null ? '–' : `${x}`);
const tasks = (f) => `${f.longtasks}${f.longtasks ? ` (max ${Math.round(f.longtaskMaxMs)})` : ''}`;

const floorCell = (f) => (f ? `${ms(f.paintMedianMs)} / ${ms(f.paintP95Ms)} (${f.changes})` : '–');

function table(results) {
  const lines = [];
  const m = results.machine;
  lines.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, ${m.uname}; ${m.chromium}; ${m.date.slice(0, 10)}; load average ${m.loadAverageAtStart[0]} at start, ${m.loadAverageAtEnd?.[0]} at end.`,
  );
  lines.push('');
  const gz = results.files;
  const loaded = new Set((results.sizes[0]?.transfer.responses || []).map((r) => r.path.replace(/^\//, '') || 'index.html'));
  const loadedTotal = (key) =>
    Object.entries(gz)
      .filter(([f]) => loaded.has(f))
      .reduce((a, [, v]) => a + (v[key] ?? v.gzip9), 0);
  const t0 = results.sizes[0];
  if (t0) {
    lines.push(
      `Transfer on load: ${kib(t0.transfer.bytes)} KiB in ${t0.transfer.responses.length} responses as served (tests/e2e/server.mjs sends the build's brotli copies); ${kib(loadedTotal('gzip'))} KiB as the build's gzip copies (Zopfli), ${kib(loadedTotal('gzip9'))} KiB if each file were gzip -9.`,
    );
    lines.push('');
  }
  lines.push('| input | output | steps | load→render ms median (repeat visit) | load→painted ms median (repeat visit) | layout shifts after | edit→painted frame ms median / p95 | of which the app’s script ms median / p95 | browser floor: the edit’s DOM changes by plain JS, painted ms median / p95 (changes) | edit→2nd frame ms median / p95 (edits) | scrub ←→ fps (updates/s) | scrub input fps | play 4× fps | long tasks (scrub keys / input / play, max ms) | JS heap MiB | wasm memory MiB | DOM nodes |');
  lines.push('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: |');
  for (const s of results.sizes) {
    const f = s.frames;
    lines.push(
      `| ${s.size} | ${s.output} | ${s.steps} | ${ms(s.loadToRender.medianMs)} (${ms(s.loadToRender.repeatMedianMs)}) | ${ms(s.loadToRender.paintedMedianMs)} (${ms(s.loadToRender.repeatPaintedMedianMs)}) | ${s.layoutShiftsAfterRender.count} | ${ms(s.edit.paintMedianMs)} / ${ms(s.edit.paintP95Ms)} | ${ms(s.edit.scriptMedianMs)} / ${ms(s.edit.scriptP95Ms)} | ${floorCell(s.browserFloor)} | ${ms(s.edit.medianMs)} / ${ms(s.edit.p95Ms)} (${s.edit.count}) | ${f.scrubKeys.fps} (${f.scrubKeys.updatesPerSecond}) | ${f.scrubInput.fps} | ${f.play4x.fps} | ${tasks(f.scrubKeys)} / ${tasks(f.scrubInput)} / ${tasks(f.play4x)} | ${mib(s.memory?.jsHeapUsed)} | ${mib(s.memory?.wasmMemory)} | ${s.memory?.domNodes ?? '–'} |`,
    );
  }
  const c = results.core;
  if (c) {
    lines.push('');
    lines.push('Native compute core (Criterion, `benches/core.rs`, 3×3 kernel; time per call):');
    lines.push('');
    const groups = ['conv_transpose2d', 'ConvMatrix::new', 'ConvMatrix::mul_transposed'];
    lines.push(`| input | ${groups.map((g) => `\`${g}\``).join(' | ')} |`);
    lines.push(`| --- | ${groups.map(() => '---:').join(' | ')} |`);
    const keys = new Set(groups.flatMap((g) => Object.keys(c[g] || {})));
    const order = [...keys].sort((a, b) => parseInt(a) - parseInt(b));
    for (const k of order) {
      lines.push(`| ${k} | ${groups.map((g) => duration(c[g]?.[k]?.typicalNs)).join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

// ------------------------------------------------------------ main

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.report) {
    // No browser: refresh the Criterion figures of --out and print its tables.
    const results = JSON.parse(fs.readFileSync(opts.out, 'utf8'));
    results.core = criterionResults(opts.criterion) || results.core;
    fs.writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
    console.log(table(results));
    return;
  }
  const started = Date.now();
  const server = await startProcess({ root: opts.dist });
  const browser = await launch();
  const results = { machine: null, dist: opts.dist, options: { ...opts, dist: undefined }, files: gzipSizes(opts.dist), sizes: [], core: null };
  try {
    results.machine = machine(`Chromium ${browser.version()}`);
    for (const n of opts.sizes) {
      const t = Date.now();
      process.stderr.write(`bench: ${n}x${n} … `);
      results.sizes.push(await benchSize(browser, server, n, opts));
      process.stderr.write(`${((Date.now() - t) / 1000).toFixed(1)} s\n`);
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  results.machine.loadAverageAtEnd = os.loadavg().map((x) => round(x, 2));
  results.core = criterionResults(opts.criterion);
  results.elapsedSeconds = round((Date.now() - started) / 1000);
  fs.mkdirSync(path.dirname(opts.out), { recursive: true });
  fs.writeFileSync(opts.out, JSON.stringify(results, null, 2) + '\n');
  console.log(table(results));
  console.log('');
  console.log(`bench: wrote ${path.relative(process.cwd(), opts.out)} in ${results.elapsedSeconds} s` + (results.core ? '' : ' (no Criterion results: run cargo bench --bench core first)'));
  const errs = results.sizes.flatMap((s) => s.pageErrors);
  if (errs.length) console.log(`bench: the page reported ${errs.length} error(s), first: ${errs[0]}`);
}

main().catch((err) => {
  console.error(`bench: ${err && err.stack ? err.stack : err}`);
  process.exit(1);
});
