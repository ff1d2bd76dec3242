// The Chinese strings are a file of their own (static/strings-zh.txt, hashed
// as strings-zh-<hash>.txt), fetched only when Chinese is chosen: the English
// page never asks for it, a Chinese page gets it alongside the wasm and opens
// in Chinese, a switch fetches it once, and a file that cannot be had leaves
// the page in English with a message.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { openSession } from './browser.mjs';
import { assertClean, assertNoPanic, openApp, softNavigate, until, waitForApp } from './helpers.mjs';

const ZH_FILE = /\/strings-zh-[0-9a-f]{16}\.txt$/;
const EN_TITLE = 'Transposed convolution, step by step';
const ZH_TITLE = '一步一步看转置卷积';

const stringsRequests = (s) => s.requests.filter((r) => ZH_FILE.test(new URL(r.url).pathname));
const shown = (page) =>
  page.evaluate(() => ({
    lang: document.documentElement.lang,
    h1: document.querySelector('h1')?.textContent,
    banner: document.querySelector('[data-alert=url]')?.textContent ?? null,
  }));

// Records the page's language and heading when the app's first DOM appears
// (the same moment `#boot` goes), before any later render.
function recordFirstRender() {
  window.__firstRender = null;
  new MutationObserver((_, observer) => {
    if (window.__firstRender || document.getElementById('boot') || !document.querySelector('.app')) return;
    window.__firstRender = { lang: document.documentElement.lang, h1: document.querySelector('h1')?.textContent };
    observer.disconnect();
  }).observe(document, { childList: true, subtree: true });
}

export async function the_release_build_names_the_hashed_strings_file_on_the_loader(t) {
  const files = fs.readdirSync(t.server.root).filter((f) => /^strings-zh/.test(f));
  const file = files.find((f) => /^strings-zh-[0-9a-f]{16}\.txt$/.test(f));
  assert.ok(file, `a hashed Chinese strings file in dist/: ${files.join(', ')}`);
  assert.deepEqual(files.sort(), [file, `${file}.br`, `${file}.gz`], 'no unhashed copy is left');
  const html = fs.readFileSync(`${t.server.root}/index.html`, 'utf8');
  assert.match(html, new RegExp(`<script[^>]*data-zh="\\./${file}"[^>]*src=\\.?/?loader\\.js`));
}

export async function the_english_page_never_fetches_the_chinese_strings(t) {
  const s = await openApp(t, '/?lang=en');
  await s.page.locator('[data-action=randomize]').click();
  await s.page.locator('select[data-control=theme]').selectOption('dark');
  await s.page.waitForTimeout(300);
  assert.deepEqual(stringsRequests(s), []);
  assert.deepEqual(await shown(s.page), { lang: 'en', h1: EN_TITLE, banner: null });
  assertClean(s, t.origin);
}

export async function a_chinese_page_opens_in_chinese_with_one_fetch_of_its_strings(t) {
  for (const [path, locale] of [
    ['/?lang=zh', 'en-US'],
    ['/', 'zh-CN'], // no lang parameter: the browser's language
  ]) {
    const s = await openSession(t.browser, { locale });
    try {
      await s.context.addInitScript(recordFirstRender);
      await s.page.goto(t.url(path));
      await waitForApp(s);
      await until(s.page, () => window.__firstRender, null, 2000, 'first render recorded');
      // The very first render is in Chinese: the page waited for the file
      // rather than showing English and switching.
      assert.deepEqual(await s.page.evaluate(() => window.__firstRender), { lang: 'zh', h1: ZH_TITLE }, path);
      assert.equal((await shown(s.page)).h1, ZH_TITLE);
      // One request: the loader's preload, which the app's fetch reused (a
      // fetch that did not match it would be a second request).
      await s.page.waitForTimeout(300);
      assert.equal(stringsRequests(s).length, 1, `${path}: ${JSON.stringify(stringsRequests(s))}`);
      assert.ok(
        await s.page.evaluate(() => !!document.querySelector('link[rel=preload][as=fetch][href*="strings-zh-"]')),
        `${path}: the loader preloads the strings`,
      );
      assertClean(s, t.origin);
    } finally {
      await s.close();
    }
  }
}

export async function switching_to_chinese_fetches_its_strings_once(t) {
  const s = await openApp(t, '/?lang=en');
  const { page } = s;
  // The file takes 400 ms to come (a distant host): meanwhile the page stays
  // English and the switch says it is busy.
  await s.context.route(ZH_FILE, async (route) => {
    await new Promise((r) => setTimeout(r, 400));
    await route.continue();
  });
  const lang = page.locator('[data-action=lang]');
  await lang.click();
  assert.equal(await lang.getAttribute('aria-busy'), 'true');
  assert.equal((await shown(page)).lang, 'en');
  await until(page, () => document.documentElement.lang === 'zh', null, 3000, 'Chinese');
  assert.equal(await lang.getAttribute('aria-busy'), null);
  assert.equal((await shown(page)).h1, ZH_TITLE);
  // Every view, not just the header, is in Chinese: a grid label and a section heading.
  const words = await page.evaluate(() => document.querySelector('main').innerText);
  assert.match(words, /输入/);
  assert.match(words, /卷积矩阵/);
  await lang.click();
  await until(page, () => document.documentElement.lang === 'en', null, 2000, 'English');
  await lang.click();
  await until(page, () => document.documentElement.lang === 'zh', null, 2000, 'Chinese again');
  // Back/forward to an English entry and then to a Chinese one.
  await softNavigate(page, '?lang=en&stride=1');
  await until(page, () => document.documentElement.lang === 'en', null, 2000, 'English from the URL');
  await softNavigate(page, '?lang=zh&stride=2');
  await until(page, () => document.documentElement.lang === 'zh', null, 2000, 'Chinese from the URL');
  assert.equal(stringsRequests(s).length, 1, 'the strings are fetched once and kept');
  await assertNoPanic(page);
  assertClean(s, t.origin);
}

export async function chinese_strings_that_cannot_be_had_leave_english_with_a_message(t) {
  // The file missing (aborted), or answered with something that is not this
  // build's strings file.
  const answers = {
    aborted: (route) => route.abort(),
    'not found': (route) => route.fulfill({ status: 404, body: 'not here' }),
    'another file': (route) => route.fulfill({ status: 200, contentType: 'text/plain', body: 'title = 标题\n' }),
  };
  for (const [what, answer] of Object.entries(answers)) {
    const s = await openSession(t.browser);
    try {
      let refuse = true;
      await s.context.route(ZH_FILE, (route) => (refuse ? answer(route) : route.continue()));
      // Opening in Chinese: the page opens in English, says why, and works.
      await s.page.goto(t.url('/?lang=zh'));
      await waitForApp(s);
      await until(s.page, () => document.querySelector('[data-alert=url]'), null, 3000, `${what}: the message`);
      let now = await shown(s.page);
      assert.equal(now.lang, 'en', what);
      assert.equal(now.h1, EN_TITLE, what);
      assert.match(now.banner, /Chinese text could not be loaded/, what);
      // The Chinese line is marked as Chinese, for screen readers and fonts.
      assert.match(
        await s.page.evaluate(() => document.querySelector('[data-alert=url] [lang=zh]')?.textContent ?? ''),
        /无法加载中文界面/,
        what,
      );
      await assertNoPanic(s.page, what);
      // The page still computes: an edit goes through.
      await s.page.locator('[data-action=randomize]').click();
      await assertNoPanic(s.page, what);
      // The switch asks again; when the file can be had, Chinese shows and
      // the message goes.
      await s.page.locator('[data-action=lang]').click();
      await s.page.waitForTimeout(300);
      now = await shown(s.page);
      assert.equal(now.lang, 'en', `${what}: still English after a second failure`);
      refuse = false;
      await s.page.locator('[data-action=lang]').click();
      await until(s.page, () => document.documentElement.lang === 'zh', null, 3000, `${what}: Chinese once it can be had`);
      now = await shown(s.page);
      assert.deepEqual([now.h1, now.banner], [ZH_TITLE, null], what);
      assert.deepEqual(s.pageErrors, [], what);
    } finally {
      await s.close();
    }
  }
}

export async function chinese_strings_that_never_arrive_do_not_hold_the_page(t) {
  // A stalled connection: the request for the file never gets an answer.
  // The page opens in English after a short wait (START_LANG_WAIT_MS, 2 s),
  // its second attempt gives up after LANG_DEADLINE_MS (5 s) with the
  // message, and a later switch, when the file can be had, shows Chinese.
  const s = await openSession(t.browser);
  try {
    let stall = true;
    const stalled = [];
    await s.context.route(ZH_FILE, (route) => (stall ? stalled.push(route) : route.continue()));
    const t0 = Date.now();
    await s.page.goto(t.url('/?lang=zh'));
    await waitForApp(s, 6000);
    const opened = Date.now() - t0;
    assert.equal((await shown(s.page)).lang, 'en');
    await until(s.page, () => document.querySelector('[data-alert=url]'), null, 8000, 'the message');
    const now = await shown(s.page);
    assert.deepEqual([now.lang, now.h1], ['en', EN_TITLE]);
    assert.match(now.banner, /Chinese text could not be loaded/);
    assert.ok(stalled.length >= 1, `requests held: ${stalled.length}`);
    await assertNoPanic(s.page);
    stall = false;
    await s.page.locator('[data-action=lang]').click();
    await until(s.page, () => document.documentElement.lang === 'zh', null, 3000, 'Chinese once it can be had');
    assert.equal((await shown(s.page)).banner, null);
    assert.deepEqual(s.pageErrors, []);
    console.log(`    opened in English after ${opened} ms with the strings stalled`);
  } finally {
    await s.close();
  }
}

export async function chinese_text_is_drawn_with_a_font_the_stylesheet_names(t) {
  // Text that no font of its font-family list covers sends the browser
  // searching the system for a font, which cost the first Chinese render
  // about 45–60 ms here (the monospace list named no Chinese font). The
  // stylesheet's --cjk fonts follow the Latin ones in both lists, so Chinese
  // text finds its font in its own element's list, and Latin text keeps its
  // font.
  const SELECTORS = ['h1', '.subtitle', '[data-caption]', '.grid-label', '[data-grid=output] [data-row="0"][data-col="0"]', '.grid-shape'];
  const fontsOf = async (s) => {
    const cdp = await s.context.newCDPSession(s.page);
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    const { root } = await cdp.send('DOM.getDocument', { depth: -1 });
    const out = {};
    for (const sel of SELECTORS) {
      const { nodeId } = await cdp.send('DOM.querySelector', { nodeId: root.nodeId, selector: sel });
      assert.ok(nodeId, `no ${sel}`);
      const used = (await cdp.send('CSS.getPlatformFontsForNode', { nodeId })).fonts.map((f) => f.familyName);
      const listed = await s.page.evaluate(
        (q) => getComputedStyle(document.querySelector(q)).fontFamily.split(',').map((f) => f.trim().replace(/^["']|["']$/g, '')),
        sel,
      );
      out[sel] = { used, listed };
    }
    return out;
  };
  const en = await fontsOf(await openApp(t, '/?lang=en&step=2'));
  // What the generic families (system-ui, monospace, …) resolve to here.
  const latin = new Set(Object.values(en).flatMap((f) => f.used));
  const zhPage = await openApp(t, '/?lang=zh&step=2');
  await until(zhPage.page, () => document.documentElement.lang === 'zh', null, 3000, 'Chinese');
  const zh = await fontsOf(zhPage);
  for (const [sel, { used, listed }] of Object.entries(zh)) {
    for (const family of used) {
      assert.ok(
        latin.has(family) || listed.includes(family),
        `${sel} is drawn in ${family}, which its font-family list does not name: ${listed.join(', ')}`,
      );
    }
  }
  // The numbers keep the font they have on the English page.
  const cell = '[data-grid=output] [data-row="0"][data-col="0"]';
  assert.deepEqual(zh[cell].used, en[cell].used);
}
