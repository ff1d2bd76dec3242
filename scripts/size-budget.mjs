// Size budget of the release build: everything the default page loads
// (dist/*.html, *.js, *.wasm, *.css and the favicon), as the gzip copies the
// build ships (`<file>.gz`, scripts/precompress.mjs, written by Zopfli), must
// add up to at most BUDGET bytes. Deterministic: same files, same figure.
//
//   node scripts/size-budget.mjs [dist]        (SIZE_BUDGET_KIB=150)
//
// The budget is the product's target, 150 KiB (issue "Performance"); the
// release build is ≈ 149.4 KiB (2026-11-30), so any growth of more than
// 0.6 KiB fails it: pay for it first.
//
// Also shown, not counted: zlib's gzip level 9 of each file (what a host
// that compresses on the fly at its best setting sends; ≈ 158.0 KiB) and
// the brotli copies (what a host that serves precompressed files sends to
// every current browser).
//
// The Chinese strings (strings-zh-<hash>.txt), which the page fetches only
// when Chinese is chosen, are listed but not counted.
//
// Every counted file must have its precompressed copies, and each copy must
// decode to its file, byte for byte.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { ENCODINGS, ON_DEMAND_FILE, PAGE_FILE, compressed } from './precompress.mjs';

const dist = path.resolve(process.argv[2] || 'dist');
const budgetKiB = Number(process.env.SIZE_BUDGET_KIB || 150);
const budget = budgetKiB * 1024;

if (!fs.existsSync(path.join(dist, 'index.html'))) {
  console.error(`size budget: ${dist}/index.html not found (run make dist first)`);
  process.exit(1);
}
const stale = [];
const rows = fs
  .readdirSync(dist)
  .filter((f) => compressed(f) && fs.statSync(path.join(dist, f)).isFile())
  .sort()
  .map((f) => {
    const raw = fs.readFileSync(path.join(dist, f));
    const row = { f, raw: raw.length, gzip9: zlib.gzipSync(raw, { level: 9 }).length };
    for (const { name, ext, decompress } of ENCODINGS) {
      const copy = path.join(dist, f + ext);
      if (!fs.existsSync(copy)) {
        stale.push(`${f}${ext} is missing (run scripts/precompress.mjs)`);
        continue;
      }
      const bytes = fs.readFileSync(copy);
      if (!decompress(bytes).equals(raw)) stale.push(`${f}${ext} does not decode to ${f}`);
      row[name] = bytes.length;
    }
    return row;
  });
const kib = (n) => (n / 1024).toFixed(1).padStart(7) + ' KiB';
const page = rows.filter((r) => PAGE_FILE.test(r.f));
const line = (r, note = '') =>
  console.log(`  ${kib(r.raw)} raw  ${kib(r.gzip ?? r.raw)} gzip  ${kib(r.br ?? r.raw)} brotli  ${kib(r.gzip9)} gzip -9  ${r.f}${note}`);
for (const r of page) line(r);
const total = (key) => page.reduce((a, r) => a + (r[key] ?? r.raw), 0);
const gz = total('gzip');
console.log(`  ${kib(total('raw'))} raw  ${kib(gz)} gzip  ${kib(total('br'))} brotli  ${kib(total('gzip9'))} gzip -9  total (${gz} bytes gzip)`);
for (const r of rows.filter((r) => ON_DEMAND_FILE.test(r.f))) line(r, ' (fetched when Chinese is chosen; not counted)');
if (!rows.some((r) => r.f.endsWith('.wasm'))) {
  console.error('size budget: no .wasm in dist/');
  process.exit(1);
}
if (stale.length) {
  for (const problem of stale) console.error(`size budget: ${problem}`);
  process.exit(1);
}
if (gz > budget) {
  console.error(`size budget: FAIL ${(gz / 1024).toFixed(1)} KiB gzip > ${budgetKiB} KiB`);
  process.exit(1);
}
console.log(`size budget: ok ${(gz / 1024).toFixed(1)} KiB gzip <= ${budgetKiB} KiB`);
