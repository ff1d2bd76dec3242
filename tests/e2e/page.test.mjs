// Tests of the static page shell (index.html + static/loader.js) in dist/,
// independent of what the app renders.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { PAGE_FILE } from '../../scripts/precompress.mjs';
import { openSession } from './browser.mjs';
import { assertClean, until, waitForApp } from './helpers.mjs';

export async function html_has_no_inline_script_or_style(t) {
  const html = fs.readFileSync(path.join(t.server.root, 'index.html'), 'utf8');
  const scripts = html.match(/<script\b[^>]*>/gi) || [];
  assert.equal(scripts.length, 1, `expected exactly one <script>, got ${scripts.join(' ')}`);
  assert.match(scripts[0], /\bsrc=/, 'the only <script> must be external');
  assert.doesNotMatch(html, /<style\b/i, 'inline <style>');
  assert.doesNotMatch(html, /\sstyle=/i, 'inline style attribute');
  // Release builds minify the HTML: attribute quotes may be gone.
  assert.match(html, /http-equiv="?Content-Security-Policy"?/, 'CSP meta');
}

export async function every_asset_is_served_with_its_mime_type(t) {
  const want = { '.wasm': 'application/wasm', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml' };
  for (const f of fs.readdirSync(t.server.root)) {
    const ext = path.extname(f);
    if (!want[ext]) continue;
    const res = await fetch(t.url('/' + f));
    assert.equal(res.status, 200, f);
    assert.ok(res.headers.get('content-type').startsWith(want[ext]), `${f}: ${res.headers.get('content-type')}`);
  }
}

/** The status line the server answers a raw GET of `target` with. */
function rawGet(port, target) {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () =>
      socket.write(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`),
    );
    let reply = '';
    socket.on('data', (chunk) => (reply += chunk));
    socket.on('end', () => resolve(reply.split('\r\n')[0]));
    socket.on('error', reject);
  });
}

export async function the_server_survives_request_targets_that_are_no_path(t) {
  // `make serve` and these tests share the server: "//" once threw out of
  // its request handler, and the process exited.
  assert.equal(await rawGet(t.server.port, '//'), 'HTTP/1.1 200 OK');
  assert.equal(await rawGet(t.server.port, '*'), 'HTTP/1.1 400 Bad Request');
  assert.equal(await rawGet(t.server.port, '//elsewhere.example/'), 'HTTP/1.1 404 Not Found');
  assert.equal(await rawGet(t.server.port, '/../../etc/passwd'), 'HTTP/1.1 404 Not Found');
  assert.equal((await fetch(t.url('/'))).status, 200, 'still serving');
}

/**
 * Loads the page with `contextOpts` and checks that every page file arrived
 * as its precompressed copy `<file><ext>` and decoded to the file itself
 * (the integrity hashes are of the decoded files), and that the page ran.
 * Returns [bytes sent, bytes of files].
 */
async function pageArrivesAsCopies(t, ext, contextOpts = {}) {
  const s = await t.open('/', { settleMs: 0, ...contextOpts });
  await waitForApp(s);
  // The favicon is fetched after the load event, on its own time.
  const pageFiles = fs.readdirSync(t.server.root).filter((f) => PAGE_FILE.test(f));
  await until(
    s.page,
    (names) => {
      const seen = performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname.split('/').pop());
      return names.every((n) => n === 'index.html' || seen.includes(n));
    },
    pageFiles,
    5000,
    'every page file loaded',
  );
  assertClean(s, t.origin);
  const entries = await s.page.evaluate(() =>
    [performance.getEntriesByType('navigation')[0], ...performance.getEntriesByType('resource')].map((e) => ({
      name: new URL(e.name).pathname.split('/').pop() || 'index.html',
      encoded: e.encodedBodySize,
      decoded: e.decodedBodySize,
    })),
  );
  const size = (f) => fs.statSync(path.join(t.server.root, f)).size;
  const got = new Map(entries.map((e) => [e.name, e]));
  for (const f of pageFiles) {
    const e = got.get(f);
    assert.ok(e, `${f} was not loaded by the page: ${[...got.keys()].join(', ')}`);
    assert.deepEqual([e.encoded, e.decoded], [size(f + ext), size(f)], `${f}: bytes received, bytes decoded`);
  }
  return [entries.reduce((a, e) => a + e.encoded, 0), entries.reduce((a, e) => a + e.decoded, 0)];
}

export async function the_page_arrives_as_its_brotli_copies_and_runs(t) {
  // The release build ships .br and .gz copies (scripts/precompress.mjs),
  // and the test server sends them as a host configured for them would.
  const [sent, files] = await pageArrivesAsCopies(t, '.br');
  assert.ok(sent < files / 2.5, `${sent} bytes sent for ${files} bytes of files`);
}

export async function a_browser_without_brotli_gets_the_zopfli_gzip_copies(t) {
  // The .gz copies are written by Zopfli, not zlib: Chromium's own gzip
  // decoder must read every one of them back to the file.
  const [sent, files] = await pageArrivesAsCopies(t, '.gz', { extraHTTPHeaders: { 'accept-encoding': 'gzip' } });
  assert.ok(sent < files / 2.2, `${sent} bytes sent for ${files} bytes of files`);
}

export async function file_url_explains_how_to_serve_the_folder(t) {
  const s = await openSession(t.browser);
  try {
    await s.page.goto(pathToFileURL(path.join(t.server.root, 'index.html')).href);
    await s.page.waitForSelector('#boot[data-state="file"]', { timeout: 5000 });
    const help = await s.page.locator('#boot-help');
    assert.ok(await help.isVisible(), '#boot-help should be visible');
    assert.match(await help.innerText(), /python3 -m http\.server/);
  } finally {
    await s.close();
  }
}

export async function noscript_explains_the_page_needs_javascript(t) {
  const s = await t.open('/', { javaScriptEnabled: false, settleMs: 0 });
  const text = await s.page.locator('#boot').innerText();
  assert.match(text, /Loading the explainer/);
  assert.match(text, /needs JavaScript/);
}
