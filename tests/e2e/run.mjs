// A tiny end-to-end test runner.
//
//   node tests/e2e/run.mjs [filter]      (DIST=dist, E2E_TIMEOUT_MS=30000)
//
// Serves dist/ on 127.0.0.1 (free port), launches headless Chromium once, then
// imports every tests/e2e/*.test.mjs and runs each exported async function as
// a test, in file and export order, with a per-test timeout (E2E_TIMEOUT_MS,
// or a larger `timeoutMs` property set on the test function). A test receives
// a context `t`:
//   t.url(pathAndQuery)        absolute URL on the test server
//   t.origin                   the test server's origin
//   t.open(pathAndQuery, opts) fresh browser context + page, navigated and
//                              settled (see browser.mjs for what it records);
//                              closed automatically after the test
//   t.browser, t.server, t.artifacts (test-results/ directory)
// Prints `ok NAME` or `FAIL NAME: reason`, then `e2e: N passed, N failed`;
// exits 1 on any failure.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { start } from './server.mjs';
import { launch, openSession } from './browser.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
const dist = path.resolve(repo, process.env.DIST || 'dist');
const timeoutMs = Number(process.env.E2E_TIMEOUT_MS || 30000);
const filter = process.argv[2] || '';
const artifacts = path.join(repo, 'test-results');

function withTimeout(promise, ms, what) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms (${what})`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

function reason(err) {
  if (!err) return 'unknown error';
  const msg = err.message || String(err);
  return msg.split('\n').slice(0, 40).join('\n    ');
}

async function main() {
  const files = fs
    .readdirSync(here)
    .filter((f) => f.endsWith('.test.mjs'))
    .sort();
  const tests = [];
  for (const f of files) {
    const mod = await import(pathToFileURL(path.join(here, f)).href);
    for (const [name, fn] of Object.entries(mod)) {
      if (typeof fn !== 'function') continue;
      const full = `${f.replace(/\.test\.mjs$/, '')}: ${name}`;
      if (!filter || full.includes(filter)) tests.push({ name: full, fn, ms: Math.max(timeoutMs, Number(fn.timeoutMs) || 0) });
    }
  }
  if (tests.length === 0) {
    console.log('e2e: no tests found');
    console.log('e2e: 0 passed, 1 failed');
    return 1;
  }

  const tStart = Date.now();
  fs.mkdirSync(artifacts, { recursive: true });
  const server = await start({ root: dist });
  const origin = new URL(server.url).origin;
  const browser = await launch();
  let passed = 0;
  let failed = 0;
  try {
    for (const { name, fn, ms } of tests) {
      const sessions = [];
      const t = {
        browser,
        server,
        origin,
        artifacts,
        url: (p = '/') => new URL(p.replace(/^\//, ''), server.url).href,
        async open(p = '/', opts = {}) {
          const { waitUntil = 'load', settleMs = 300, ...contextOpts } = opts;
          const s = await openSession(browser, contextOpts);
          sessions.push(s);
          await s.page.goto(t.url(p), { waitUntil });
          if (settleMs) await s.page.waitForTimeout(settleMs);
          return s;
        },
      };
      const t0 = Date.now();
      try {
        await withTimeout(Promise.resolve().then(() => fn(t)), ms, name);
        passed++;
        console.log(`ok ${name} (${Date.now() - t0} ms)`);
      } catch (err) {
        failed++;
        console.log(`FAIL ${name}: ${reason(err)}`);
      } finally {
        await Promise.all(sessions.map((s) => s.close()));
      }
    }
  } finally {
    await browser.close().catch(() => {});
    await server.stop();
  }
  console.log(`e2e: total time ${((Date.now() - tStart) / 1000).toFixed(1)} s`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (err) => {
    console.log(`FAIL e2e harness: ${reason(err)}`);
    console.log('e2e: 0 passed, 1 failed');
    process.exit(1);
  },
);
