// The release build's post-processing of the wasm (run by the post_build
// hook): its functions are in the order that compresses best
// (scripts/order-functions.mjs), and it imports the glue's functions by short
// names (scripts/short-imports.mjs), a renaming that refuses glue of a shape
// it does not know.
// No browser needed; run by tests/e2e/run.mjs with the other tests.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import { compressionOrder, functionsOf, orderFunctions, sizeGroup } from '../../scripts/order-functions.mjs';
import { shortenImports } from '../../scripts/short-imports.mjs';
import { sections } from '../../scripts/wasm-module.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dist = path.resolve(repo, process.env.DIST || 'dist');

/** A wasm module importing `names` (functions of no arguments) from `module`. */
function moduleImporting(module, names) {
  const str = (s) => [s.length, ...Buffer.from(s)];
  const uleb = (n) => (n < 0x80 ? [n] : [(n & 0x7f) | 0x80, ...uleb(n >>> 7)]);
  const section = (id, body) => [id, ...uleb(body.length), ...body];
  const types = section(1, [1, 0x60, 0, 0]);
  const imports = section(2, [...uleb(names.length), ...names.flatMap((n) => [...str(module), ...str(n), 0, 0])]);
  return Buffer.from([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, ...types, ...imports]);
}

/** Glue of the shape wasm-bindgen 0.2.130 writes, with one key per name. */
function glueFor(names, extra = '') {
  const keys = names.map((n) => `        ${n}: function() {\n        },\n`).join('');
  return `function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n${keys}    };\n    return {\n        __proto__: null,\n        "./convt_bg.js": import0,\n    };\n}\n${extra}`;
}

export async function release_wasm_imports_the_glue_by_short_names() {
  const files = fs.readdirSync(dist);
  const wasmFile = files.find((f) => f.endsWith('_bg.wasm'));
  const glueFile = files.find((f) => /^convt(-[0-9a-f]+)?\.js$/.test(f));
  assert.ok(wasmFile && glueFile, `no wasm or glue in ${dist}`);
  const imports = WebAssembly.Module.imports(new WebAssembly.Module(fs.readFileSync(path.join(dist, wasmFile))));
  assert.ok(imports.length > 100, `only ${imports.length} imports`);
  const long = imports.filter((i) => i.module !== 'g' || i.name.length > 2);
  assert.deepEqual(long, [], 'imports not renamed');
  const glue = fs.readFileSync(path.join(dist, glueFile), 'utf8');
  assert.equal(glue.match(/__wbg_\w+_[0-9a-f]{16}/g), null, 'hashed import names left in the glue');
  assert.ok(!glue.includes('./convt_bg.js'), 'the glue still names the module ./convt_bg.js');
}

export async function short_imports_renames_both_files_and_refuses_unknown_glue() {
  // Enough names to reach two-letter names with `_` and `$` (a$ is the 116th).
  const names = Array.from({ length: 130 }, (_, i) => `__wbg_f${i}_${(0x1234567890abn + BigInt(i)).toString(16).padStart(16, '0')}`);
  names.push('__wbindgen_init_externref_table');
  const wasm = moduleImporting('./convt_bg.js', names);
  const out = shortenImports(wasm, glueFor(names));
  assert.equal(out.renamed, names.length);
  const imported = WebAssembly.Module.imports(new WebAssembly.Module(out.wasm)).map((i) => `${i.module}.${i.name}`);
  assert.deepEqual(imported.slice(0, 3), ['g.a', 'g.b', 'g.c']);
  assert.ok(imported.includes('g.a$') && imported.includes('g.a_'), imported.slice(100, 120).join());
  assert.ok(imported.every((n) => /^g\.[A-Za-z][\w$]?$/.test(n)), 'names of one or two characters');
  for (const n of names) assert.ok(!out.glue.includes(n), `${n} left in the glue`);
  assert.match(out.glue, /"g": import0/);
  // The new glue's import object satisfies the new module.
  const getImports = new Function(`${out.glue}; return __wbg_get_imports();`);
  await WebAssembly.instantiate(out.wasm, getImports());

  // A name used elsewhere in the glue, a missing key, or another return shape.
  assert.throws(() => shortenImports(wasm, glueFor(names, `wasm.${names[0]}();`)), /occurs 2 times/);
  assert.throws(() => shortenImports(wasm, glueFor(names.slice(1))), /occurs 0 times/);
  assert.throws(() => shortenImports(wasm, glueFor(names).replace('"./convt_bg.js": import0', 'x: import0')), /does not return/);
  assert.throws(() => shortenImports(moduleImporting('env', names), glueFor(names)), /nothing imported/);
}

/** The function bodies of a module, in its order. */
const bodiesOf = (wasm) => functionsOf(wasm).bodies;

/** Size groups of bodies, as scripts/order-functions.mjs groups them. */
const sizeGroups = (bodies) => bodies.map(sizeGroup);

export async function release_wasm_functions_are_in_compression_order() {
  const wasmFile = fs.readdirSync(dist).find((f) => f.endsWith('_bg.wasm'));
  const bodies = bodiesOf(fs.readFileSync(path.join(dist, wasmFile)));
  assert.ok(bodies.length > 1000, `only ${bodies.length} functions`);
  const groups = sizeGroups(bodies);
  const back = groups.filter((g, i) => i > 0 && g < groups[i - 1]).length;
  assert.equal(back, 0, 'the shipped functions are not grouped by size (scripts/order-functions.mjs did not run)');
}

export async function order_functions_reorders_a_module_that_still_computes_the_same() {
  // Functions of several sizes that call one another, directly and through a
  // table, an import, and exports: every index wasm-opt must renumber.
  const wat = `(module
    (import "env" "twice" (func $twice (param i32) (result i32)))
    (table 2 funcref)
    (elem (i32.const 0) $small $large)
    (func $large (param i32) (result i32)
      (local i32)
      (local.set 1 (i32.mul (local.get 0) (i32.const 3)))
      (local.set 1 (i32.add (local.get 1) (call $small (local.get 0))))
      (local.set 1 (i32.xor (local.get 1) (i32.const 0x5a5a)))
      (local.set 1 (i32.add (local.get 1) (call $twice (local.get 1))))
      (i32.sub (local.get 1) (call $medium (local.get 0))))
    (func $small (param i32) (result i32) (i32.add (local.get 0) (i32.const 1)))
    (func $medium (param i32) (result i32)
      (i32.mul (call $small (local.get 0)) (call $small (i32.add (local.get 0) (i32.const 7)))))
    (func $tiny (param i32) (result i32) (local.get 0))
    (func (export "run") (param i32) (result i32)
      (i32.add
        (call_indirect (param i32) (result i32) (local.get 0) (i32.const 1))
        (call $tiny (call $large (local.get 0)))))
  )`;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-test-'));
  let wasm;
  try {
    fs.writeFileSync(path.join(dir, 'm.wat'), wat);
    execFileSync(path.join(repo, 'node_modules/.bin/wasm-as'), [path.join(dir, 'm.wat'), '-o', path.join(dir, 'm.wasm')]);
    wasm = fs.readFileSync(path.join(dir, 'm.wasm'));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const before = bodiesOf(wasm);
  const order = compressionOrder(before);
  assert.notDeepEqual(order, before.map((_, i) => i), 'the test module is already in order');

  const out = orderFunctions(wasm);
  assert.equal(out.functions, before.length);
  const after = bodiesOf(out.wasm);
  // The bodies of this module fall in distinct size groups, so the order
  // chosen is by size (wasm-opt also writes the largest more compactly).
  assert.deepEqual(sizeGroups(after), [...sizeGroups(after)].sort((a, b) => a - b), 'bodies grouped by size');
  assert.ok(!sections(out.wasm, 'test').some((s) => s.custom === 'name'), 'no names shipped');
  const run = async (bytes) => (await WebAssembly.instantiate(bytes, { env: { twice: (x) => 2 * x } })).instance.exports.run;
  const [old, reordered] = [await run(wasm), await run(out.wasm)];
  for (const x of [0, 1, 5, 1000, -3]) assert.equal(reordered(x), old(x), `run(${x})`);

  assert.throws(() => orderFunctions(Buffer.from('not wasm')), /not a wasm module/);
}
