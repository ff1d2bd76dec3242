// Embedding in a course page: a parent page on another origin (a second
// local server on another port, serving a temp dir) holds ?embed=1 in a
// 700 px iframe and records the messages the explainer posts to it.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { start } from './server.mjs';
import { openApp, waitForApp } from './helpers.mjs';

function parentHtml(src, height = 900) {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Lesson</title></head><body>
<h1>Lesson</h1>
<iframe id="convt" src="${src}" title="Transposed convolution" width="700" height="${height}" style="border:0"></iframe>
<script>
  window.__msgs = [];
  window.addEventListener('message', (e) => {
    const frame = document.getElementById('convt');
    let keys = null, types = null, json = null;
    try { keys = Object.keys(e.data); types = keys.map((k) => typeof e.data[k]); json = JSON.stringify(e.data); } catch (err) { json = String(err); }
    window.__msgs.push({
      fromFrame: e.source === frame.contentWindow,
      origin: e.origin,
      isPlainObject: Object.prototype.toString.call(e.data) === '[object Object]' && Object.getPrototypeOf(e.data) === Object.prototype,
      keys, types, json, data: e.data,
    });
  });
</script></body></html>`;
}

/**
 * Serves a parent page embedding `query` from a temp dir on a second server
 * (another origin) and opens it. Returns { s, page, frame, f }.
 */
async function openParent(t, query, height) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'convt-parent-'));
  fs.writeFileSync(path.join(dir, 'index.html'), parentHtml(t.url(`/${query}`), height));
  const parent = await start({ root: dir });
  t.cleanup = async () => {
    await parent.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const s = await t.open(`${parent.url}index.html`, { settleMs: 0 });
  s.parentOrigin = new URL(parent.url).origin;
  const { page } = s;
  const frame = page.frameLocator('#convt');
  const f = await waitFrame(page, t.origin);
  await waitForApp(f);
  return { s, page, frame, f };
}

async function waitFrame(page, origin) {
  for (let i = 0; i < 100; i++) {
    const f = page.frames().find((x) => x.url().startsWith(origin));
    if (f) return f;
    await page.waitForTimeout(50);
  }
  throw new Error('the iframe never loaded the explainer');
}

/** Errors of the embedded app (the parent's own favicon 404 is not its business). */
function appErrors(s) {
  return [
    ...s.pageErrors,
    ...s.console.filter((m) => m.type === 'error' && !m.location.startsWith(s.parentOrigin)).map((m) => m.text),
    ...s.csp.map((c) => `CSP ${JSON.stringify(c)}`),
  ];
}

async function messages(page) {
  return page.evaluate(() => window.__msgs);
}

async function waitForMessage(page, pred, what, timeout = 3000) {
  const t0 = Date.now();
  for (;;) {
    const m = (await messages(page)).find(pred);
    if (m) return m;
    if (Date.now() - t0 > timeout) {
      throw new Error(`no ${what} message within ${timeout} ms; got ${JSON.stringify((await messages(page)).map((x) => x.json))}`);
    }
    await page.waitForTimeout(25);
  }
}

export async function embed_posts_resize_and_step_messages(t) {
  try {
    await embed_posts_resize_and_step_messages_body(t);
  } finally {
    await t.cleanup?.();
  }
}

async function embed_posts_resize_and_step_messages_body(t) {
  const { s, page, frame, f } = await openParent(t, '?embed=1');
  const resize = await waitForMessage(page, (m) => m.data?.type === 'convt:resize', 'convt:resize');
  assert.equal(typeof resize.data.height, 'number');
  assert.ok(Number.isFinite(resize.data.height) && resize.data.height > 100, `height ${resize.data.height}`);
  assert.equal(resize.fromFrame, true, 'posted by the iframe');
  assert.equal(resize.origin, t.origin);
  // The reported height is the document's height.
  const docHeight = await f.evaluate(() => document.documentElement.scrollHeight);
  const last = (await messages(page)).filter((m) => m.data?.type === 'convt:resize').at(-1);
  assert.ok(Math.abs(last.data.height - docHeight) <= 2, `last resize height ${last.data.height} vs document ${docHeight}`);

  // Stepping inside the frame posts convt:step.
  await frame.locator('[data-player] [data-action=start]').click();
  await waitForMessage(page, (m) => m.data?.type === 'convt:step' && m.data.step === 0, 'convt:step 0');
  await frame.locator('[data-player] [data-action=forward]').click();
  const step = await waitForMessage(page, (m) => m.data?.type === 'convt:step' && m.data.step === 1, 'convt:step 1');
  assert.deepEqual(step.data, { type: 'convt:step', step: 1, steps: 4 });

  // Every message is plain data: a "convt:" type and finite numbers, nothing else.
  for (const m of await messages(page)) {
    assert.ok(m.fromFrame, `a message not from the frame: ${m.json}`);
    assert.ok(m.isPlainObject, `not a plain object: ${m.json}`);
    assert.match(m.data.type, /^convt:(resize|step)$/, m.json);
    const allowed = m.data.type === 'convt:resize' ? ['height', 'type'] : ['step', 'steps', 'type'];
    assert.deepEqual([...m.keys].sort(), allowed, `keys of ${m.json}`);
    for (const k of m.keys) {
      if (k !== 'type') assert.ok(typeof m.data[k] === 'number' && Number.isFinite(m.data[k]), `${k} in ${m.json}`);
    }
  }
  assert.deepEqual(appErrors(s), []);
}

export async function embed_has_no_page_chrome_and_fits_700px(t) {
  try {
    await embed_has_no_page_chrome_and_fits_700px_body(t);
  } finally {
    await t.cleanup?.();
  }
}

async function embed_has_no_page_chrome_and_fits_700px_body(t) {
  const { s, f } = await openParent(t, '?embed=1');
  const chrome = await f.evaluate(() => ({
    header: document.querySelectorAll('.header, header.header').length,
    footer: document.querySelectorAll('.footer').length,
    embedAttr: document.documentElement.dataset.embed,
    grids: !!document.querySelector('[data-grid=output]'),
    player: !!document.querySelector('[data-player]'),
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  }));
  assert.deepEqual(
    { ...chrome, overflow: chrome.overflow > 0 ? chrome.overflow : 0 },
    { header: 0, footer: 0, embedAttr: '1', grids: true, player: true, overflow: 0 },
    'the embed has no header/footer and no horizontal scrolling at 700 px',
  );
  assert.deepEqual(appErrors(s), []);
}

export async function readonly_embed_cannot_edit_but_plays(t) {
  try {
    await readonly_embed_cannot_edit_but_plays_body(t);
  } finally {
    await t.cleanup?.();
  }
}

async function readonly_embed_cannot_edit_but_plays_body(t) {
  const { s, page, frame, f } = await openParent(t, '?embed=1&readonly=1');
  const cell = frame.locator('[data-grid=kernel] [data-row="1"][data-col="1"]');
  assert.equal(await cell.getAttribute('aria-readonly'), 'true', 'read-only cells say so');
  await cell.focus();
  await page.keyboard.press('Enter');
  await page.keyboard.press('F2');
  await page.keyboard.type('7');
  await cell.dblclick();
  assert.equal(await frame.locator('.cell-editor').count(), 0, 'no cell editor opens in a read-only embed');
  assert.equal(await cell.getAttribute('data-value'), '4', 'the value is unchanged');
  const controls = await f.evaluate(() => ({
    params: document.querySelectorAll('input[data-param]').length,
    paramsDisabled: [...document.querySelectorAll('input[data-param]')].every((e) => e.disabled),
    // Presets, randomize, reset, undo and redo could only be disabled here:
    // they are left out.
    actions: document.querySelectorAll(
      '.params-actions, select[data-control=preset], [data-action=randomize], [data-action=reset], [data-action=undo], [data-action=redo]',
    ).length,
  }));
  assert.deepEqual(controls, { params: 6, paramsDisabled: true, actions: 0 }, 'parameters shown disabled, no actions');
  // The player still works.
  await frame.locator('[data-player] [data-action=start]').click();
  await frame.locator('[data-player] [data-action=forward]').click();
  await f.waitForFunction(() => document.querySelector('[data-player]').dataset.step === '1', null, { timeout: 2000 });
  await frame.locator('[data-player] [data-action=play]').click();
  await f.waitForFunction(
    () => {
      const p = document.querySelector('[data-player]');
      return Number(p.dataset.step) >= 2;
    },
    null,
    { timeout: 5000 },
  );
  assert.deepEqual(appErrors(s), []);
}

export async function section_matrix_shows_only_the_matrix(t) {
  const s = await openApp(t, '/?embed=1&section=matrix');
  const shown = await s.page.evaluate(() => ({
    C: !!document.querySelector('[data-matrix=C]'),
    CT: !!document.querySelector('[data-matrix=CT]'),
    inputGrid: !!document.querySelector('[data-grid=input]'),
    outputGrid: !!document.querySelector('[data-grid=output]'),
    equivalence: !!document.querySelector('[data-check=equivalence]'),
    checkerboard: !!document.querySelector('[data-plot=overlap]'),
  }));
  assert.deepEqual(shown, { C: true, CT: true, inputGrid: false, outputGrid: false, equivalence: false, checkerboard: false });
  // Each other section alone.
  const expect = {
    grids: ['[data-grid=output]', '[data-player]'],
    equivalence: ['[data-check=equivalence]'],
    checkerboard: ['[data-plot=overlap]'],
    extras: ['[data-check=adjoint]', '[data-code=pytorch]'],
  };
  for (const [section, sels] of Object.entries(expect)) {
    await s.page.goto(t.url(`/?embed=1&section=${section}`));
    await waitForApp(s);
    for (const sel of sels) assert.ok(await s.page.locator(sel).count(), `section=${section} shows ${sel}`);
    assert.equal(await s.page.locator('[data-matrix=C]').count(), 0, `section=${section} hides the matrix`);
  }
  assert.deepEqual(s.errors, []);
}

export async function controls_0_leaves_out_the_operation_and_parameters(t) {
  // A course page that embeds one fixed example: controls=0 drops the
  // Operation and Parameters boxes, keeps the section, and stays in the URL.
  const s = await openApp(t, '/?embed=1&section=matrix&controls=0&op=conv2d');
  const { page } = s;
  const shown = () =>
    page.evaluate(() => ({
      controls: document.querySelectorAll('.controls, [data-control=op], input[data-param]').length,
      C: !!document.querySelector('[data-matrix=C]'),
    }));
  assert.deepEqual(await shown(), { controls: 0, C: true });
  await page.waitForFunction(() => new URLSearchParams(location.search).get('controls') === '0', null, { timeout: 2000 });
  // Without it the boxes are there (the default).
  await page.goto(t.url('/?embed=1&section=matrix'));
  await waitForApp(s);
  const withControls = await shown();
  assert.ok(withControls.controls > 5 && withControls.C, JSON.stringify(withControls));
  assert.deepEqual(s.errors, []);
}
