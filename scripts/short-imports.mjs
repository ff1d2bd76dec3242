// Shortens the names by which the wasm module imports the wasm-bindgen glue's
// functions, in the module and in the glue alike: the release build's
// equivalent of a minifier's name mangling, for the one boundary terser
// cannot see across.
//
// wasm-bindgen names each import after the Rust item and a 16-digit hash
// (`__wbg_addEventListener_f2d27251d333a631`), and the module imports all of
// them from "./convt_bg.js". About 200 such names appear twice in what a page
// loads: in the wasm's import section and as the keys of the glue's import
// object. The hashes do not compress; the names cost about 6.5 KiB of gzip.
// Here each becomes one or two letters, and the module name one letter.
//
// The glue must have the shape wasm-bindgen 0.2.130 writes: one function,
// `__wbg_get_imports`, returning `{ "./convt_bg.js": import0 }`, where
// `import0` is an object literal with one `name: function …` entry per
// import. Every name is checked to occur exactly once in the glue, as such a
// key, before anything is renamed; any other shape throws, so a new
// wasm-bindgen fails the build instead of shipping a module whose imports
// do not resolve.
//
//   import { shortenImports } from './short-imports.mjs';
//   const { wasm, glue, renamed } = shortenImports(wasmBytes, glueSource);
//
// The same goes the other way for the exports that call Rust closures from
// JavaScript: wasm-bindgen names each after the closure's argument types and
// the crates' hashes (`wasm_bindgen_d40c…___convert__closures_____invoke___
// web_sys_8cac…___features__gen_Event__Event______true_`, up to 190
// characters), once in the export section and once in the glue, as
// `wasm.<name>` (the glue's wrapper function of the same name is a local
// that terser renames). shortenClosureExports renames those to `c0`, `c1`,
// …; the glue must use each exactly once, as `wasm.<name>`, and nothing else of the
// module's interface changes (the loader announces the exports, and the
// benchmark and the tests read `memory` and `__wbindgen_malloc` by name).
//
//   const { wasm, glue, renamed } = shortenClosureExports(wasmBytes, glueSource);

import { findSection, replaceSection, uleb } from './wasm-module.mjs';

/** The names given to imports, in order: a…z, A…Z, then two characters. */
function* shortNames() {
  const first = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';
  const next = first + '0123456789_$';
  for (const a of first) yield a;
  for (const a of first) for (const b of next) yield a + b;
  throw new Error('short-imports: more than 3 172 imports');
}

const GLUE_MODULE = './convt_bg.js';
const SHORT_MODULE = 'g';

const escapeRe = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Renames every import of the glue module in `wasmBytes` (a Buffer) and
 * `glue` (the wasm-bindgen JS, unminified). Returns the new module, the new
 * glue and the number of names changed. Throws if either is not as expected.
 */
export function shortenImports(wasmBytes, glue) {
  const section = findSection(wasmBytes, 2, 'short-imports');
  const { r, end } = section;
  const count = r.uleb();
  const names = shortNames();
  const renames = new Map();
  const body = [uleb(count)];
  for (let i = 0; i < count; i++) {
    const module = r.name();
    const field = r.name();
    const descStart = r.pos;
    r.importDesc();
    const desc = wasmBytes.subarray(descStart, r.pos);
    let newModule = module;
    let newField = field;
    if (module === GLUE_MODULE) {
      newModule = SHORT_MODULE;
      if (renames.has(field)) throw new Error(`short-imports: ${field} imported twice`);
      newField = names.next().value;
      renames.set(field, newField);
    }
    const m = Buffer.from(newModule);
    const f = Buffer.from(newField);
    body.push(uleb(m.length), m, uleb(f.length), f, desc);
  }
  if (r.pos !== end) throw new Error('short-imports: import section length mismatch');
  if (renames.size === 0) throw new Error(`short-imports: nothing imported from ${GLUE_MODULE}`);

  const newGlue = renameInGlue(glue, renames);
  const wasm = replaceSection(wasmBytes, section, 2, body);
  // The new module must still validate and import exactly the new names.
  const imported = WebAssembly.Module.imports(new WebAssembly.Module(wasm))
    .filter((i) => i.module === SHORT_MODULE)
    .map((i) => i.name);
  const expected = [...renames.values()];
  if (imported.join() !== expected.join()) throw new Error('short-imports: the new module imports other names');
  return { wasm, glue: newGlue, renamed: renames.size };
}

/** The glue with each import object key and the module key renamed. */
function renameInGlue(glue, renames) {
  const moduleKey = `"${GLUE_MODULE}": import0`;
  if (glue.split(moduleKey).length !== 2) {
    throw new Error(`short-imports: the glue does not return { "${GLUE_MODULE}": import0 } exactly once`);
  }
  let out = glue.replace(moduleKey, `"${SHORT_MODULE}": import0`);
  for (const [long, short] of renames) {
    const anywhere = out.split(long).length - 1;
    const key = new RegExp(`(^|[\\s{,])${escapeRe(long)}(: function\\b)`, 'm');
    if (anywhere !== 1 || !key.test(out)) {
      throw new Error(`short-imports: ${long} occurs ${anywhere} times in the glue, expected once as an import key`);
    }
    out = out.replace(key, (_, before, after) => before + short + after);
    if (!new RegExp(`[\\s{,]${escapeRe(short)}: function\\b`).test(out)) {
      throw new Error(`short-imports: ${long} was not renamed to ${short} in the glue`);
    }
  }
  return out;
}

/** Exports wasm-bindgen makes for calling a Rust closure from JavaScript. */
const CLOSURE_EXPORT = /^wasm_bindgen_[0-9a-f]+___convert__closures_/;

/**
 * Renames the closure exports (see the top of this file) in `wasmBytes` and
 * `glue`. Returns the new module, the new glue and the number of names
 * changed; throws if either is not as expected.
 */
export function shortenClosureExports(wasmBytes, glue) {
  const section = findSection(wasmBytes, 7, 'short-exports');
  const { r, end } = section;
  const count = r.uleb();
  const renames = new Map();
  const body = [uleb(count)];
  for (let i = 0; i < count; i++) {
    const name = r.name();
    const descStart = r.pos;
    r.u8(); // kind
    r.uleb(); // index
    let newName = name;
    if (CLOSURE_EXPORT.test(name)) {
      newName = `c${renames.size}`;
      renames.set(name, newName);
    }
    const n = Buffer.from(newName);
    body.push(uleb(n.length), n, wasmBytes.subarray(descStart, r.pos));
  }
  if (r.pos !== end) throw new Error('short-exports: export section length mismatch');
  if (renames.size === 0) throw new Error('short-exports: no closure exports (has wasm-bindgen changed?)');

  let out = glue;
  for (const [long, short] of renames) {
    const use = new RegExp(`\\bwasm\\.${escapeRe(long)}(?![\\w$])`, 'g');
    const uses = out.match(use)?.length ?? 0;
    // Apart from that use, the name may only be the glue's own wrapper
    // function of the same name, which terser renames: never a property
    // or a string.
    const asKey = out.match(new RegExp(`[.'"\`]${escapeRe(long)}(?![\\w$])`, 'g'))?.length ?? 0;
    if (uses !== 1 || asKey !== 1) {
      throw new Error(`short-exports: wasm.${long} occurs ${uses} times in the glue, as a property or string ${asKey}; expected once`);
    }
    out = out.replace(use, `wasm.${short}`);
  }
  const wasm = replaceSection(wasmBytes, section, 7, body);
  // The new module must validate and export the new names, not the old.
  const exported = new Set(WebAssembly.Module.exports(new WebAssembly.Module(wasm)).map((e) => e.name));
  for (const [long, short] of renames) {
    if (!exported.has(short) || exported.has(long)) throw new Error(`short-exports: ${short} is not exported in place of ${long}`);
  }
  return { wasm, glue: out, renamed: renames.size };
}
