// Step of the Trunk post_build hook (scripts/post-build.mjs), on release
// builds: gives each language file that Trunk copied (static/strings-zh.txt,
// fetched by the page only when Chinese is chosen) a content hash in its
// name, as Trunk does for the other files, and names it on the loader's
// script tag in index.html (`data-zh="./strings-zh-<hash>.txt"`). There
// static/loader.js finds it to preload it, and the app
// (src/app/translations.rs) to fetch it. With the hash, a page never reads
// another build's file from a cache.
//
//   import { hashStrings } from './hash-strings.mjs';
//   hashStrings(stagingDir);   // -> [{ lang, file }]
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** The loader's script tag; group 1 is the base its `src` starts with. */
const LOADER_TAG = /<script\b[^>]*\bsrc="?([^"\s>]*?)loader\.js"?[^>]*>/i;

export function hashStrings(dir) {
  const htmlFile = path.join(dir, 'index.html');
  let html = fs.readFileSync(htmlFile, 'utf8');
  const loader = LOADER_TAG.exec(html);
  if (!loader) throw new Error('hash-strings: no loader.js script tag in index.html');
  const base = loader[1];
  const out = [];
  for (const name of fs.readdirSync(dir).sort()) {
    const m = /^strings-([a-z]+)\.txt$/.exec(name);
    if (!m) continue;
    const lang = m[1];
    const bytes = fs.readFileSync(path.join(dir, name));
    const hash = crypto.createHash('sha256').update(bytes).digest('hex').slice(0, 16);
    const file = `strings-${lang}-${hash}.txt`;
    fs.renameSync(path.join(dir, name), path.join(dir, file));
    const tag = LOADER_TAG.exec(html)[0];
    const attr = new RegExp(`\\sdata-${lang}=("[^"]*"|[^\\s>]*)`, 'i');
    const value = ` data-${lang}="${base}${file}"`;
    html = html.replace(tag, attr.test(tag) ? tag.replace(attr, value) : tag.replace(/^<script/i, `<script${value}`));
    out.push({ lang, file });
  }
  fs.writeFileSync(htmlFile, html);
  return out;
}
