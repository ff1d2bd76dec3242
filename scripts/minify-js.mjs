// First step of the Trunk post_build hook (scripts/post-build.mjs, see
// Trunk.toml): minifies the JavaScript of release builds with terser, in
// Trunk's staging directory, before Trunk moves it to dist/. First it puts
// the wasm's functions in the order that compresses best
// (scripts/order-functions.mjs), then shortens the names by which the wasm
// imports the glue's functions and the glue calls the wasm's closure
// exports, in both files (scripts/short-imports.mjs).
//
// Why: Trunk's own JS minifier (`minify = "on_release"`) cannot parse the
// wasm-bindgen glue's last line, `export { initSync, __wbg_init as default }`
// (it warns "Failed to minify JS: RequiredTokenNotFound(Identifier)
// [token=Some(KeywordDefault)]") and ships the glue unminified; static/loader.js
// is copied as-is. Terser handles both: the glue as an ES module (exports
// kept, top-level names mangled) and loader.js as a classic script. File
// names stay as Trunk chose them.
//
// Trunk put Subresource Integrity hashes on some of these files (the glue's
// modulepreload link), computed before this hook; a stale hash would make the
// browser refuse the file. So every integrity="sha…-…" in the staged
// index.html whose file was minified here is rewritten, and then every
// integrity attribute is checked against its file; any mismatch fails the
// build. Terser adds no eval or inline code, so the page's CSP still holds.
//
// Trunk runs it with TRUNK_PROFILE and TRUNK_STAGING_DIR set; it does nothing
// unless TRUNK_PROFILE=release. By hand:
//   TRUNK_PROFILE=release TRUNK_STAGING_DIR=dist node scripts/minify-js.mjs
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { orderFunctions } from './order-functions.mjs';
import { shortenClosureExports, shortenImports } from './short-imports.mjs';

const fail = (msg) => {
  console.error(`minify-js: ${msg}`);
  process.exit(1);
};

if (process.env.TRUNK_PROFILE !== 'release') process.exit(0);
const dir = process.env.TRUNK_STAGING_DIR;
if (!dir || !fs.existsSync(path.join(dir, 'index.html'))) fail(`no index.html in TRUNK_STAGING_DIR (${dir})`);

let minify;
try {
  ({ minify } = await import('terser'));
} catch {
  fail('terser is not installed (run scripts/setup.sh, or npm ci)');
}

// The wasm-bindgen glue (convt-<hash>.js) is an ES module; loader.js is not.
const files = fs.readdirSync(dir);
const glue = files.filter((f) => /^convt(-[0-9a-f]+)?\.js$/.test(f));
if (glue.length !== 1 || !files.includes('loader.js')) {
  fail(`expected one convt-*.js and loader.js in ${dir}, found: ${files.filter((f) => f.endsWith('.js')).join(', ')}`);
}
const wasmFiles = files.filter((f) => /^convt(-[0-9a-f]+)?_bg\.wasm$/.test(f));
if (wasmFiles.length !== 1) fail(`expected one convt-*_bg.wasm in ${dir}, found: ${wasmFiles.join(', ')}`);

const changed = new Set();
{
  const wasmFile = path.join(dir, wasmFiles[0]);
  const glueFile = path.join(dir, glue[0]);
  const before = fs.statSync(wasmFile).size;
  let ordered;
  let short;
  let exports;
  try {
    ordered = orderFunctions(fs.readFileSync(wasmFile));
    short = shortenImports(ordered.wasm, fs.readFileSync(glueFile, 'utf8'));
    exports = shortenClosureExports(short.wasm, short.glue);
  } catch (e) {
    fail(e.message);
  }
  fs.writeFileSync(wasmFile, exports.wasm);
  fs.writeFileSync(glueFile, exports.glue);
  changed.add(wasmFiles[0]);
  changed.add(glue[0]);
  console.log(
    `minify-js: ${ordered.functions} functions ordered; ${short.renamed} import and ${exports.renamed} export names shortened; ${wasmFiles[0]} ${before} -> ${exports.wasm.length} bytes`,
  );
}

const jobs = [
  [glue[0], { module: true }],
  ['loader.js', { module: false }],
];

for (const [name, opts] of jobs) {
  const file = path.join(dir, name);
  const src = fs.readFileSync(file, 'utf8');
  const out = await minify(src, { ...opts, compress: true, mangle: true, format: { comments: false } });
  fs.writeFileSync(file, out.code);
  changed.add(name);
  console.log(`minify-js: ${name} ${Buffer.byteLength(src)} -> ${Buffer.byteLength(out.code)} bytes`);
}

// Rewrite, then check, the integrity of each <link>/<script> with one.
const digest = (algo, name) =>
  `${algo}-${crypto.createHash(algo).update(fs.readFileSync(path.join(dir, name))).digest('base64')}`;
const attr = (tag, key) => {
  const m = tag.match(new RegExp(`\\s${key}=(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i'));
  return m && (m[1] ?? m[2] ?? m[3]);
};
const htmlFile = path.join(dir, 'index.html');
const html = fs.readFileSync(htmlFile, 'utf8').replace(/<(?:link|script)\b[^>]*>/gi, (tag) => {
  const integrity = attr(tag, 'integrity');
  if (integrity === null) return tag;
  const url = attr(tag, 'href') ?? attr(tag, 'src');
  const name = url && decodeURIComponent(path.posix.basename(new URL(url, 'http://x/').pathname));
  const algo = /^(sha256|sha384|sha512)-[A-Za-z0-9+/=]+$/.exec(integrity)?.[1];
  if (!name || !algo || !fs.existsSync(path.join(dir, name))) fail(`cannot check the integrity of ${tag}`);
  const want = digest(algo, name);
  if (integrity === want) return tag;
  if (!changed.has(name)) fail(`stale integrity for ${name}, which this script did not change`);
  console.log(`minify-js: index.html: new integrity for ${name}`);
  return tag.replace(integrity, want);
});
fs.writeFileSync(htmlFile, html);
