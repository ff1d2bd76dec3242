// Hostile and broken input: script injection through every URL parameter,
// the network footprint, malformed values, and a seeded random "monkey".
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { foreignRequests } from './browser.mjs';
import { assertClean, assertNoPanic, gotoApp, openApp, readGrid, rng, softNavigate, waitForApp } from './helpers.mjs';

const PARAMS = [
  'op',
  'input',
  'kernel',
  'stride',
  'padding',
  'output_padding',
  'dilation',
  'step',
  'lang',
  'theme',
  'embed',
  'section',
  'readonly',
  'autoplay',
  'speed',
];

const PAYLOADS = [
  '<script>window.__pwned=1</script>',
  '"><img src=x onerror=window.__pwned=1>',
  'javascript:window.__pwned=1',
];

/** What injected markup would leave behind in the page. */
async function injectionTraces(page) {
  return page.evaluate(() => {
    const traces = [];
    if (window.__pwned !== undefined) traces.push('window.__pwned is set');
    for (const el of document.querySelectorAll('script')) {
      const src = el.getAttribute('src');
      if (!src || !/^\.?\/?(loader\.js|convt-[0-9a-f]+\.js)$/.test(src.replace(/^.*\//, ''))) {
        traces.push(`script element: ${el.outerHTML.slice(0, 120)}`);
      }
    }
    for (const el of document.querySelectorAll("img, iframe, object, embed, frame, svg script, base:not(head > base[href=\"./\"]), meta[http-equiv=refresh]")) {
      traces.push(`${el.tagName.toLowerCase()} element: ${el.outerHTML.slice(0, 120)}`);
    }
    for (const el of document.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) traces.push(`${el.tagName.toLowerCase()}[${a.name}]`);
        if (/^\s*javascript:/i.test(a.value) && /^(href|src|action|formaction|xlink:href)$/i.test(a.name)) {
          traces.push(`${el.tagName.toLowerCase()}[${a.name}=${a.value.slice(0, 60)}]`);
        }
      }
    }
    return traces;
  });
}

function queryWith(name, value) {
  return `?${name}=${encodeURIComponent(value)}`;
}

export async function script_injection_through_every_url_parameter(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  const problems = [];
  // Every parameter × payload through the URL reader (popstate path, no reload) ...
  for (const payload of PAYLOADS) {
    for (const name of PARAMS) {
      await softNavigate(page, queryWith(name, payload));
      await page.waitForSelector('[data-grid=output] [data-row]', { timeout: 2000 }).catch(() => {
        problems.push(`${name}=${payload}: no output grid`);
      });
      for (const tr of await injectionTraces(page)) problems.push(`${name}=${payload}: ${tr}`);
    }
  }
  // ... and every payload in every parameter at once, in a parameter name and
  // in the fragment, through real page loads.
  for (const payload of PAYLOADS) {
    const all = PARAMS.map((n) => `${n}=${encodeURIComponent(payload)}`).join('&');
    const extra = `&${encodeURIComponent(payload)}=1#${encodeURIComponent(payload)}`;
    for (const [q, load] of [
      [`?${all}${extra}`, true],
      [`?${all.replace(/%/g, '%25')}`, false], // double-encoded
    ]) {
      if (load) await gotoApp(s, t.url(`/${q}`));
      else await softNavigate(page, q);
      for (const tr of await injectionTraces(page)) problems.push(`load ${q.slice(0, 60)}: ${tr}`);
      // The page says it refused them, as text.
      const banner = await page.evaluate(() => document.querySelector('[data-alert=url]')?.textContent ?? null);
      if (!banner) problems.push(`load ${q.slice(0, 60)}: no [data-alert=url] banner for refused parameters`);
    }
  }
  await assertNoPanic(page);
  assert.deepEqual(problems, [], 'injected markup must never become live');
  assertClean(s, t.origin);
}
script_injection_through_every_url_parameter.timeoutMs = 45000;

export async function share_and_embed_text_escape_the_url(t) {
  // The "copy link" / "copy embed code" text is built from location.href:
  // a hostile fragment must come out escaped in the iframe snippet.
  const s = await openApp(t, `/#"><script>window.__pwned=1</script>`);
  const { page } = s;
  await page.locator('[data-action=embed]').click();
  const field = page.locator('[data-share-text]');
  await field.waitFor({ timeout: 3000 });
  const snippet = await field.inputValue();
  assert.match(snippet, /^<iframe src="[^"<]*" title="[^"<]*"/, `embed snippet: ${snippet}`);
  // embed=1 once, as a query parameter of its own (not after a fragment).
  assert.match(snippet, /^<iframe src="[^"#]*(\?|&amp;)embed=1["#]/, `embed snippet: ${snippet}`);
  assert.equal(snippet.split('embed=1').length, 2, `embed snippet: ${snippet}`);
  assert.equal((snippet.match(/<iframe/g) || []).length, 1);
  assert.doesNotMatch(snippet, /<script/i, 'the snippet carries no live <script>');
  assert.deepEqual(await injectionTraces(page), []);
  assertClean(s, t.origin);
}

export async function network_only_same_origin_static_files(t) {
  const s = await openApp(t, '/');
  const { page } = s;
  // A few interactions that could fetch something.
  await page.locator('[data-action=randomize]').click();
  await page.locator('select[data-control=preset]').selectOption('dcgan');
  await page.locator('[data-player] [data-action=play]').click();
  await page.locator('[data-action=lang]').click();
  await page.locator('select[data-control=theme]').selectOption('dark');
  await page.locator('[data-action=share]').click();
  await page.locator('[data-action=copy-code]').click();
  await page.locator('[data-action=shuffle]').click();
  await page.locator('input[name=op][value=conv2d]').check();
  await page.hover('[data-grid=output] [data-row="0"][data-col="0"]');
  await page.waitForTimeout(500);

  const files = new Set(fs.readdirSync(t.server.root));
  const bad = [];
  for (const r of s.requests) {
    const u = new URL(r.url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') continue;
    const file = decodeURIComponent(u.pathname.replace(/^\//, ''));
    const ok = u.origin === t.origin && r.method === 'GET' && (file === '' || files.has(file));
    if (!ok) bad.push(`${r.method} ${r.url} (${r.resourceType})`);
  }
  assert.deepEqual(bad, [], 'every request must be a GET of a file in dist/ on the page origin');
  assert.deepEqual(foreignRequests(s, t.origin), []);
  // Nothing besides the page itself and its assets: no fetch/XHR, beacons, websockets.
  const kinds = [...new Set(s.requests.map((r) => r.resourceType))].sort();
  for (const k of kinds) assert.ok(['document', 'script', 'stylesheet', 'image', 'fetch', 'other'].includes(k), `request type ${k}`);
  // Fetched: the wasm module, and the Chinese strings (the switch above)
  // once, from the file the loader names.
  const zh = await page.evaluate(() => new URL(document.querySelector('script[data-zh]').dataset.zh, document.baseURI).pathname);
  const fetches = s.requests.filter((r) => r.resourceType === 'fetch').map((r) => new URL(r.url).pathname);
  for (const f of fetches) assert.ok(/\.wasm$/.test(f) || f === zh, `a fetch of ${f}: only the wasm module and ${zh} are fetched`);
  assert.equal(fetches.filter((f) => f === zh).length, 1, `${zh} fetched once`);
  assertClean(s, t.origin);
}

// [query, expect a [data-alert=url] banner?, optional check(page)]
const BAD_URLS = [
  ['input=', true, null, 'load'],
  ['kernel=', true],
  ['stride=', true],
  ['input=NaN', true],
  ['kernel=1,NaN;2,3', true],
  ['input=inf', true],
  ['input=-Infinity', true],
  ['input=1e400', true],
  ['speed=1e400', true],
  ['input=2e9', true],
  ['input=-0', false, async (page) => assert.equal((await readGrid(page, 'input')).values[0][0], '-0', '-0 is kept')],
  ['input=' + '1'.repeat(60), true],
  ['input=0.' + '3'.repeat(300), true],
  ['stride=' + '9'.repeat(40), true],
  ['input=1,2;3', true],
  ['input=1,2;;3,4', true],
  ['input=;', true],
  ['input=1,,2', true],
  ['input=%EF%BC%91%EF%BC%92', true], // １２ full-width
  ['stride=%EF%BC%92', true],
  ['speed=1,5', true], // comma decimal
  ['input=1.5.5', true],
  ['stride=0', true],
  ['stride=-1', true],
  ['stride=2,0', true],
  ['stride=1,2,3', true],
  ['stride=99', true],
  ['dilation=0', true],
  ['dilation=-2', true],
  ['padding=-1', true],
  ['padding=1.5', true],
  ['step=-1', true],
  ['step=abc', true],
  ['speed=0', true],
  ['speed=100', true],
  ['op=conv3d', true],
  ['lang=fr', true],
  ['theme=pink', true],
  ['section=nope', true],
  ['input=' + Array(100).fill(Array(100).fill(1).join(',')).join(';'), true, null, 'load'],
  ['input=' + Array(65).fill('1').join(','), true],
  ['kernel=' + Array(10).fill('1').join(','), true],
  ['padding=5', true], // output size ≤ 0 for the 2×2 article input
  ['op=conv2d&input=1,2;3,4&kernel=1,1;1,1&padding=0', false],
  ['op=conv2d&input=1,2;3,4&kernel=1,1,1;1,1,1;1,1,1&stride=2', true], // empty output, a parameter to blame
  ['op=conv2d&padding=65', true],
  ['padding=65', true],
  ['dilation=17', true],
  ['stride=17', true],
  ['output_padding=5', true], // ≥ stride and dilation
  ['stride=2&output_padding=2', true],
  ['foo=bar&x=1', false],
  ['stride=2&stride=3', false, async (page) => assert.equal((await readGrid(page, 'output')).rows, 5, 'first stride (2) wins')],
  ['op=conv2d&op=conv_transpose2d', false, async (page) => assert.equal(await page.locator('input[name=op][value=conv2d]').isChecked(), true)],
  ['input=1%2C2%3B3%2C4', false, async (page) => assert.equal((await readGrid(page, 'input')).cols, 2)],
  ['%', false, null, 'load'],
  ['input=%ZZ', true],
  ['&&&=&=1&', false, null, 'load'],
  ['input=' + '1,'.repeat(50000), true, null, 'load'], // a 100 000-character URL
  ['q=' + 'x'.repeat(100000), false, null, 'load'],
  ['a=1&'.repeat(25000), false, null, 'load'],
];

/** Resolves to `fallback` if `promise` takes longer than `ms`. */
function within(promise, ms, fallback) {
  let timer;
  return Promise.race([
    promise,
    new Promise((resolve) => {
      timer = setTimeout(() => resolve(fallback), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export async function bad_url_values_are_refused_politely(t) {
  // Most URLs go through the popstate path (the same reader as on load, no
  // wasm reload); those marked 'load' — and a sample of the rest — through
  // real page loads. A page that stops answering is reported and replaced.
  let s = await openApp(t, '/');
  const problems = [];
  for (const [i, [query, refused, check, how]] of BAD_URLS.entries()) {
    const label = query.length > 70 ? `${query.slice(0, 60)}… (${query.length} chars)` : query;
    const errorsBefore = s.errors.length;
    const { page } = s;
    const load = how === 'load' || i % 6 === 0;
    let answered;
    if (load) {
      answered = await within(
        page
          .goto(t.url(`/?${query}`), { waitUntil: 'load', timeout: 10000 })
          .then(() => page.waitForSelector('[data-grid=output] [data-row]', { timeout: 2000, state: 'attached' }))
          .then(() => true, () => false),
        4000,
        false,
      );
    } else {
      answered = await within(
        page
          .evaluate(async (q) => {
            history.pushState(null, '', q);
            window.dispatchEvent(new PopStateEvent('popstate', { state: null }));
            await new Promise((r) => setTimeout(r, 0)); // the render (a microtask) has run
            return !!document.querySelector('[data-grid=output] [data-row]');
          }, `?${query}`)
          .catch(() => false),
        2000,
        false,
      );
    }
    if (!answered) {
      problems.push(`${label}: no output grid within 2 s (${load ? 'page load' : 'popstate'}); errors: ${s.errors.slice(errorsBefore).map((e) => e.split('\n')[0]).join(' | ')}`);
      await s.close(); // a hung page: start over in a fresh one
      s = await openApp(t, '/');
      continue;
    }
    const state = await page.evaluate(() => ({
      panic: !!document.querySelector('[data-panic]'),
      banner: document.querySelector('[data-alert=url]')?.textContent.trim() ?? null,
    }));
    if (state.panic) problems.push(`${label}: [data-panic] shown`);
    if (refused && !state.banner) problems.push(`${label}: no [data-alert=url] message for a refused value`);
    if (!refused && state.banner) problems.push(`${label}: unexpected [data-alert=url]: ${state.banner}`);
    if (s.errors.length > errorsBefore) problems.push(`${label}: ${s.errors.slice(errorsBefore).join(' | ').slice(0, 300)}`);
    if (check) {
      try {
        await check(page);
      } catch (e) {
        problems.push(`${label}: ${e.message.split('\n')[0]}`);
      }
    }
  }
  if (problems.length) assert.fail(`${problems.length} problem(s):\n    ${problems.join('\n    ')}`);
  assertClean(s, t.origin);
}
bad_url_values_are_refused_politely.timeoutMs = 60000;

export async function conv2d_input_smaller_than_the_default_kernel(t) {
  // conv2d of a 2×2 input with the default 3×3 kernel has no output; no
  // parameter differs from its default, so the URL reader must fall back to
  // the default input (with a [data-alert=url] message), not hang.
  const s = await t.open('/?op=conv2d&input=1,2;3,4', { settleMs: 0 });
  const { page } = s;
  try {
    await page.waitForSelector('[data-grid=output] [data-row]', { timeout: 2000, state: 'attached' });
  } catch {
    assert.fail(
      `?op=conv2d&input=1,2;3,4: no output grid within 2 s of load (the page hangs; errors: ${s.errors.map((e) => e.split('\n')[0]).join(' | ')})`,
    );
  }
  assert.ok(await page.locator('[data-alert=url]').count(), 'a [data-alert=url] message');
  await assertNoPanic(page);
  assertClean(s, t.origin);
}

export async function a_trap_in_the_wasm_shows_the_panic_panel(t) {
  // The release build's std panics by trapping (panic = immediate-abort): no
  // hook runs, so the panel must come from the trap's error event. This makes
  // a real trap in the app's own module: wasm-bindgen's allocator export
  // refuses an alignment of 3 and aborts, which is an `unreachable` trap in
  // any build. It is called from a timer, as an event handler, an animation
  // frame or a timer of the app would be.
  const s = await openApp(t, '/?lang=zh');
  const { page } = s;
  await s.context.addInitScript(() => {
    window.addEventListener('TrunkApplicationStarted', (e) => {
      window.__convtWasm = e.detail.wasm;
    });
  });
  await gotoApp(s, page.url());
  // The loader announces the exports once start-up's promise settles.
  await page.waitForFunction(() => typeof window.__convtWasm?.__wbindgen_malloc === 'function', null, { timeout: 3000 });
  await assertNoPanic(page, 'before the trap');
  await page.evaluate(() => setTimeout(() => window.__convtWasm.__wbindgen_malloc(0, 3)));
  const panel = page.locator('[data-panic]');
  await panel.waitFor({ timeout: 3000 });
  const shown = await page.evaluate(() => {
    const panels = document.querySelectorAll('[data-panic]');
    const p = panels[0];
    return {
      count: panels.length,
      role: p.getAttribute('role'),
      title: p.querySelector('.panic-title')?.textContent,
      reload: p.querySelector('a')?.getAttribute('href'),
      reloadText: p.querySelector('a')?.textContent,
      message: p.querySelector('.panic-message')?.textContent,
      first: document.body.firstElementChild === p,
    };
  });
  assert.deepEqual(
    { ...shown, message: /RuntimeError/.test(shown.message) && /unreachable/.test(shown.message) },
    { count: 1, role: 'alert', title: '出错了，演示已停止。', reload: './', reloadText: '以默认设置重新加载', message: true, first: true },
    `the panic panel after a trap: ${JSON.stringify(shown)}`,
  );
  assert.ok(
    s.pageErrors.length === 1 && /RuntimeError/.test(s.pageErrors[0]),
    `the trap reaches the page once, as an uncaught RuntimeError: ${JSON.stringify(s.pageErrors)}`,
  );
}

export async function a_trap_in_the_first_render_shows_the_panic_panel(t) {
  // The first render and its effects run inside start-up (app::start), so a
  // trap there, after the app has replaced #boot, rejects the loader's
  // start-up promise; the loader rethrows it for the app's panel. (Here Yew's
  // scheduler, left borrowed by the trap, also traps again in its queued
  // microtask; the panel must not depend on that.) To make the trap, the
  // wasm's imports are wrapped: the 300th call from the wasm after
  // instantiation (inside the first render, which makes thousands) first
  // calls wasm-bindgen's allocator with an alignment of 3, which traps.
  const s = await openApp(t, '/?lang=zh');
  const { page } = s;
  await s.context.addInitScript(() => {
    const instantiate = WebAssembly.instantiateStreaming;
    WebAssembly.instantiateStreaming = async function (source, imports) {
      let exports = null;
      let calls = 0;
      const wrapped = {};
      for (const [module, fns] of Object.entries(imports)) {
        wrapped[module] = {};
        for (const [name, f] of Object.entries(fns)) {
          wrapped[module][name] = typeof f !== 'function' ? f : function (...args) {
            if (exports && ++calls === 300) {
              window.__trapAfterBoot = !document.getElementById('boot');
              exports.__wbindgen_malloc(0, 3);
            }
            return f.apply(this, args);
          };
        }
      }
      const result = await instantiate.call(this, source, wrapped);
      exports = result.instance.exports;
      return result;
    };
  });
  await page.reload({ waitUntil: 'load' });
  const panel = page.locator('[data-panic]');
  await panel.waitFor({ timeout: 5000 });
  const shown = await page.evaluate(() => ({
    afterBoot: window.__trapAfterBoot,
    panels: document.querySelectorAll('[data-panic]').length,
    title: document.querySelector('.panic-title')?.textContent,
    trap: /RuntimeError/.test(document.querySelector('.panic-message')?.textContent ?? ''),
  }));
  assert.deepEqual(
    shown,
    { afterBoot: true, panels: 1, title: '出错了，演示已停止。', trap: true },
    `the panic panel after a trap in the first render: ${JSON.stringify(shown)}`,
  );
}

// ---------------------------------------------------------------------------
// The monkey.

// A fixed seed makes a failure replayable: the message names the seed and the
// action count (MONKEY_SEED=… MONKEY_ACTIONS=… node tests/e2e/run.mjs monkey).
// The run stops at MONKEY_ACTIONS actions or after MONKEY_MS, whichever comes
// first (on a busy 2-core machine a few hundred actions fit).
const MONKEY_SEED = Number(process.env.MONKEY_SEED || 20240611);
const MONKEY_ACTIONS = Number(process.env.MONKEY_ACTIONS || 2000);
const MONKEY_BUDGET_MS = Number(process.env.MONKEY_MS || 35000);

const GARBAGE = ['', ' ', '-', '.', 'e', '1e', '-0', '0', '1', '2', '3', '7', '-2.5', '0.1', '1e9', '1e10', '9e99', 'NaN', 'inf', '-inf',
  'abc', '1,5', '１２', '١٢', '1;2', '<b>x</b>', '"\'`', '%00', '\u202e1', '9'.repeat(45), '  4  ', '+3', '0x10', '1_000', '∞'];

function randomUrl(r) {
  const q = [];
  const grid = () => {
    const rows = r.chance(0.05) ? r.int(1, 70) : r.int(1, 6);
    const cols = r.chance(0.05) ? r.int(1, 70) : r.int(1, 6);
    const cell = () => (r.chance(0.05) ? r.pick(GARBAGE) : String(r.int(-5, 9)));
    return Array.from({ length: rows }, () => Array.from({ length: cols }, cell).join(',')).join(';');
  };
  const pair = () => (r.chance(0.5) ? String(r.int(0, 5)) : `${r.int(0, 5)},${r.int(0, 5)}`);
  if (r.chance(0.5)) q.push(`op=${r.pick(['conv2d', 'conv_transpose2d', 'x'])}`);
  if (r.chance(0.5)) q.push(`input=${grid()}`);
  if (r.chance(0.5)) q.push(`kernel=${grid()}`);
  for (const p of ['stride', 'padding', 'output_padding', 'dilation']) if (r.chance(0.4)) q.push(`${p}=${pair()}`);
  if (r.chance(0.3)) q.push(`step=${r.int(-1, 40)}`);
  if (r.chance(0.2)) q.push(`lang=${r.pick(['en', 'zh', 'de'])}`);
  if (r.chance(0.2)) q.push(`theme=${r.pick(['auto', 'light', 'dark', 'x'])}`);
  if (r.chance(0.1)) q.push('embed=1');
  if (r.chance(0.15)) q.push(`section=${r.pick(['all', 'grids', 'matrix', 'equivalence', 'checkerboard', 'extras'])}`);
  if (r.chance(0.1)) q.push('readonly=1');
  if (r.chance(0.1)) q.push('autoplay=1');
  if (r.chance(0.2)) q.push(`speed=${r.pick(['0.25', '0.5', '1', '2', '4', '9', 'x'])}`);
  if (r.chance(0.05)) q.push(`${r.pick(GARBAGE)}=${encodeURIComponent(r.pick(GARBAGE))}`);
  return `?${q.join('&')}`;
}

async function responsive(page, ms = 2000) {
  let timer;
  try {
    return await Promise.race([
      page.evaluate(() => 1).then((v) => v === 1),
      new Promise((resolve) => {
        timer = setTimeout(() => resolve(false), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

// Runs in the page: picks the visible, enabled element number ⌊u·count⌋ of
// `selector`, scrolls it to the middle of the viewport, optionally focuses
// it (selecting a field's text), and returns its centre and a description.
function pickTarget([selector, u, focus]) {
  const all = [...document.querySelectorAll(selector)].filter((e) => {
    if (e.disabled || e.closest('[hidden], [inert]')) return false;
    const r = e.getBoundingClientRect();
    return r.width > 0 && r.height > 0;
  });
  if (all.length === 0) return null;
  const i = Math.min(all.length - 1, Math.floor(u * all.length));
  const el = all[i];
  el.scrollIntoView({ block: 'center', inline: 'center' });
  if (focus) {
    el.focus();
    if (typeof el.select === 'function') el.select();
  }
  const r = el.getBoundingClientRect();
  const host = el.closest('[data-grid],[data-matrix]');
  const name =
    el.dataset.action ||
    el.dataset.control ||
    el.dataset.param ||
    (host ? `${host.dataset.grid || host.dataset.matrix}[${el.dataset.row ?? el.dataset.r},${el.dataset.col ?? el.dataset.c}]` : '') ||
    el.getAttribute('aria-label') ||
    el.name ||
    el.type ||
    el.tagName.toLowerCase();
  return { x: r.left + r.width / 2, y: r.top + r.height / 2, desc: `${name} (#${i}/${all.length})` };
}

const BUTTONS = 'button, input[type=radio], input[type=checkbox]';
const CELLS = '[data-grid] [data-row][data-col], [data-matrix] td, [data-plot]';
const FIELDS = 'input[type=number], input[type=text], input[type=range], .cell-editor';
const EDITABLE = '[data-grid=input] [data-row], [data-grid=kernel] [data-row]';
const KEYS = ['Space', 'ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End', 'Escape', 'Enter', 'Tab', 'Shift+Tab', 'F2', 'Control+Home', 'PageDown'];

export async function monkey(t) {
  const seed = MONKEY_SEED;
  const r = rng(seed);
  const s = await openApp(t, '/');
  const { page } = s;
  page.on('download', (d) => d.cancel().catch(() => {}));
  page.on('dialog', (d) => d.dismiss().catch(() => {}));
  const log = [];
  const fail = (why) => {
    // The action log first: the runner prints only the first 40 lines.
    const short = String(why).split('\n').filter((l) => l.trim()).slice(0, 4).join(' / ');
    throw new Error(
      `monkey (MONKEY_SEED=${seed}) after ${log.length} actions: ${short.slice(0, 600)}\n` +
        `  last actions (replay: MONKEY_SEED=${seed} MONKEY_ACTIONS=${log.length}):\n    ${log.slice(-20).join('\n    ')}`,
    );
  };
  const pick = (selector, focus = false) => page.evaluate(pickTarget, [selector, r.next(), focus]);
  const prof = {};
  const t0 = Date.now();
  let n = 0;
  for (; n < MONKEY_ACTIONS && Date.now() - t0 < MONKEY_BUDGET_MS; n++) {
    const kind = r.next();
    const ta = Date.now();
    let desc = '';
    const act = async () => {
      if (kind < 0.2) {
        // A button, radio or checkbox (links are left alone: nothing should leave the page).
        const at = await pick(BUTTONS);
        desc = `click ${at?.desc}`;
        if (at) await page.mouse.click(at.x, at.y);
      } else if (kind < 0.38) {
        // Click, double-click or hover a grid / matrix cell or a plot.
        const how = r.pick(['click', 'click', 'hover', 'dblclick']);
        const at = await pick(CELLS);
        desc = `${how} ${at?.desc}`;
        if (at) {
          if (how === 'hover') await page.mouse.move(at.x, at.y);
          else await page.mouse.click(at.x, at.y, { clickCount: how === 'dblclick' ? 2 : 1 });
        }
      } else if (kind < 0.55) {
        // Type into a field or an open cell editor, then commit, cancel or leave it.
        const text = r.chance(0.6) ? String(r.int(0, r.chance(0.1) ? 80 : 6)) : r.pick(GARBAGE);
        const end = r.pick(['Enter', 'Enter', 'Tab', 'Escape', null]);
        const at = await pick(FIELDS, true);
        desc = `type ${JSON.stringify(text)} + ${end} into ${at?.desc}`;
        if (at) {
          if (text) await page.keyboard.insertText(text);
          else await page.keyboard.press('Backspace');
          if (end) await page.keyboard.press(end);
        }
      } else if (kind < 0.65) {
        // Start a cell edit by typing on a focused editable cell.
        const text = r.pick(GARBAGE) || '1';
        const end = r.pick(['Enter', 'Escape', 'Tab']);
        const at = await pick(EDITABLE, true);
        desc = `type ${JSON.stringify(text)} + ${end} on ${at?.desc}`;
        if (at) {
          await page.keyboard.type(text);
          await page.keyboard.press(end);
        }
      } else if (kind < 0.8) {
        // Keys wherever the focus is (sometimes on the page body).
        const key = r.pick(KEYS);
        const blur = r.chance(0.2);
        desc = `press ${key}${blur ? ' on the page' : ''}`;
        if (blur) await page.evaluate(() => document.activeElement?.blur());
        await page.keyboard.press(key);
      } else if (kind < 0.88) {
        // A select: preset, speed, theme, resize mode.
        const u = r.next();
        const v = r.next();
        desc = await page.evaluate(
          ([u, v]) => {
            const all = [...document.querySelectorAll('select')].filter((e) => !e.disabled && e.getClientRects().length);
            if (!all.length) return 'select: none';
            const sel = all[Math.floor(u * all.length)];
            const opt = sel.options[Math.floor(v * sel.options.length)];
            sel.value = opt.value;
            sel.dispatchEvent(new Event('input', { bubbles: true }));
            sel.dispatchEvent(new Event('change', { bubbles: true }));
            return `select ${sel.dataset.control} = ${opt.value}`;
          },
          [u, v],
        );
      } else if (kind < 0.985) {
        const url = randomUrl(r);
        desc = `soft-navigate ${url.slice(0, 140)}`;
        await softNavigate(page, url);
      } else {
        const url = randomUrl(r);
        desc = `load ${url.slice(0, 140)}`;
        await page.goto(t.url(`/${url}`), { waitUntil: 'load', timeout: 10000 });
        await waitForApp(s, 10000);
      }
    };
    const outcome = await within(act().then(() => null, (e) => e), 12000, 'hung');
    log.push(`${n}: ${desc}`);
    if (outcome === 'hung') fail('an action did not complete within 12 s: the page hangs');
    if (outcome) fail(`action failed: ${outcome.message}`);
    if (process.env.MONKEY_PROFILE) {
      const k = desc.split(' ')[0];
      prof[k] = prof[k] || [0, 0];
      prof[k][0]++;
      prof[k][1] += Date.now() - ta;
    }
    if (s.errors.length) fail(`error: ${s.errors.slice(0, 3).join(' | ')}`);
    if (s.csp.length) fail(`CSP violation: ${JSON.stringify(s.csp.slice(0, 3))}`);
    if (n % 10 === 9 || kind >= 0.88) {
      if (!(await responsive(page))) fail('the page did not answer page.evaluate(() => 1) within 2 s');
      if (await page.locator('[data-panic]').count()) {
        fail(`[data-panic]: ${(await page.locator('[data-panic]').first().textContent()).slice(0, 300)}`);
      }
      if (!page.url().startsWith(t.origin)) fail(`the page navigated away to ${page.url()}`);
    }
  }
  if (!(await responsive(page))) fail('the page did not answer at the end');
  await assertNoPanic(page);
  if (process.env.MONKEY_PROFILE) {
    console.log(JSON.stringify(Object.fromEntries(Object.entries(prof).map(([k, [c, ms]]) => [k, [c, Math.round(ms / c)]]))));
  }
  console.log(`    monkey: seed ${seed}, ${n} actions in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  assertClean(s, t.origin);
}
monkey.timeoutMs = 90000;
