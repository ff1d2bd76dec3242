// Puts the wasm module's functions in the order that compresses best, found
// from their bodies: the release build's last step on the wasm before its
// imports are renamed (scripts/minify-js.mjs).
//
// Why: gzip (deflate) finds repeats only within the last 32 KiB, and codes
// each block with one table of how often each byte and length occurs. A
// function compiled from the same generic code as another, or sharing its
// prologue, compresses well only if it lies near that other. wasm-opt
// leaves functions in name order (the order Rust's names give), which keeps
// some instances of one generic together but not functions alike in size
// and shape. Measured on the 2026-11-30 build: random order 7 % more gzip
// than name order; this order 2.1 % less than name order (3.0 KiB of the
// shipped Zopfli copy), sorting by size alone 1.4 % less, a greedy chain of
// the most similar bodies (MinHash of 8-byte shingles) 1.2 % less.
//
// The order: functions grouped by size (groups growing by a factor of
// 1.7, so alike-sized generic instances fall together), each group sorted
// by its bodies' instructions, byte by byte (after the locals, so that
// bodies starting alike are neighbours). Identical bodies cannot occur:
// wasm-opt has merged them.
//
// How: the step gives each function a name that sorts into that order, in a
// `name` section, and lets wasm-opt (binaryen, from npm) move them
// (`--reorder-functions-by-name`), which renumbers every call, table entry
// and export and validates the module. The names are checked to come in
// order, and removed: the shipped module carries none. The same Stack IR optimisation as `-Oz`'s last step is applied, so the bodies
// are written as compactly as wasm-opt wrote them (without it, 0.4 KiB
// more raw). The output must also have as many functions and import and
// export the same names.
//
//   import { orderFunctions } from './order-functions.mjs';
//   const { wasm, functions } = orderFunctions(wasmBytes);
//
// By hand: node scripts/order-functions.mjs in.wasm out.wasm

import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Reader, sections, uleb, wasmName } from './wasm-module.mjs';

const WHAT = 'order-functions';
const HERE = path.dirname(fileURLToPath(import.meta.url));
const WASM_OPT = path.join(HERE, '..', 'node_modules', '.bin', 'wasm-opt');

/** Groups grow by this factor of body size (tried 1.1–4: 1.7 is best). */
const SIZE_GROUP_FACTOR = 1.7;

// The features Rust's wasm32-unknown-unknown target enables (Rust 1.95).
// The release module no longer says which (its target_features section is
// stripped), so they are named here; a module using another fails wasm-opt's
// validation and the build.
const FEATURES = [
  '--enable-bulk-memory',
  '--enable-multivalue',
  '--enable-mutable-globals',
  '--enable-nontrapping-float-to-int',
  '--enable-reference-types',
  '--enable-sign-ext',
];

/** What orderFunctions needs of a module: its imports, exports and bodies. */
export function functionsOf(wasmBytes) {
  const found = { importedFunctions: 0, imports: [], exports: [], bodies: [] };
  for (const { id, body: r, end } of sections(wasmBytes, WHAT)) {
    if (id === 2) {
      for (let n = r.uleb(); n > 0; n--) {
        const name = `${r.name()}.${r.name()}`;
        if (r.importDesc() === 0) found.importedFunctions++;
        found.imports.push(name);
      }
    } else if (id === 7) {
      for (let n = r.uleb(); n > 0; n--) {
        const name = r.name();
        found.exports.push(`${name}:${r.u8()}`);
        r.uleb();
      }
    } else if (id === 10) {
      for (let n = r.uleb(); n > 0; n--) {
        const size = r.uleb();
        found.bodies.push(wasmBytes.subarray(r.pos, r.pos + size));
        r.pos += size;
      }
    } else continue;
    if (r.pos !== end) throw new Error(`${WHAT}: section ${id} length mismatch`);
  }
  return found;
}

/** The function names of a name section, in the order of the functions. */
function functionNamesOf(r, end) {
  r.name(); // "name"
  const names = [];
  while (r.pos < end) {
    const subsection = r.u8();
    const size = r.uleb();
    if (subsection !== 1) {
      r.pos += size;
      continue;
    }
    for (let n = r.uleb(); n > 0; n--) {
      r.uleb(); // function index, ascending
      names.push(r.name());
    }
    return names;
  }
  return names;
}

/** A body's instructions: what follows its locals' declarations. */
function instructions(body) {
  const r = new Reader(body, 0, WHAT);
  for (let groups = r.uleb(); groups > 0; groups--) {
    r.uleb(); // how many
    r.u8(); // of which type
  }
  return body.subarray(r.pos);
}

/** The size group of a body: groups grow by SIZE_GROUP_FACTOR. */
export const sizeGroup = (body) => Math.floor(Math.log(body.length) / Math.log(SIZE_GROUP_FACTOR));

/** The module without its `name` sections. */
function withoutNames(wasmBytes) {
  const kept = sections(wasmBytes, WHAT).filter((s) => s.custom !== 'name');
  return Buffer.concat([wasmBytes.subarray(0, 8), ...kept.map((s) => wasmBytes.subarray(s.start, s.end))]);
}

/** The order of the bodies (indices into `bodies`) that compresses best. */
export function compressionOrder(bodies) {
  const group = bodies.map(sizeGroup);
  const code = bodies.map(instructions);
  return bodies.map((_, i) => i).sort((a, b) => group[a] - group[b] || Buffer.compare(code[a], code[b]) || a - b);
}

/**
 * The module with its functions in compressionOrder. Returns the new module
 * and the number of functions; throws if wasm-opt fails or its output is not
 * the same module in that order.
 */
export function orderFunctions(wasmBytes) {
  const before = functionsOf(wasmBytes);
  const order = compressionOrder(before.bodies);
  const rank = new Array(order.length);
  order.forEach((f, r) => {
    rank[f] = r;
  });

  // A name section (its function names, subsection 1) whose names sort in
  // that order; imports come first in any order, and keep their places.
  const pad = (n) => String(n).padStart(6, '0');
  const names = [];
  for (let i = 0; i < before.importedFunctions; i++) names.push(uleb(i), wasmName(`i${pad(i)}`));
  rank.forEach((r, i) => names.push(uleb(before.importedFunctions + i), wasmName(`f${pad(r)}`)));
  const functionNames = Buffer.concat([uleb(before.importedFunctions + rank.length), ...names]);
  const nameSection = Buffer.concat([wasmName('name'), Buffer.from([1]), uleb(functionNames.length), functionNames]);
  const named = Buffer.concat([withoutNames(wasmBytes), Buffer.from([0]), uleb(nameSection.length), nameSection]);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'order-functions-'));
  let wasm;
  try {
    fs.writeFileSync(path.join(dir, 'in.wasm'), named);
    execFileSync(
      WASM_OPT,
      [
        ...FEATURES,
        '-g', // keep the names, to check the order by
        '--shrink-level=2',
        '--optimize-level=2',
        '--reorder-functions-by-name',
        '--generate-stack-ir',
        '--optimize-stack-ir',
        path.join(dir, 'in.wasm'),
        '-o',
        path.join(dir, 'out.wasm'),
      ],
      { stdio: ['ignore', 'inherit', 'inherit'] },
    );
    wasm = fs.readFileSync(path.join(dir, 'out.wasm'));
  } catch (e) {
    throw new Error(`${WHAT}: wasm-opt failed (${e.message.split('\n')[0]})`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }

  // wasm-opt kept the names (`-g`): they must now come in order. Then they go.
  const nameSections = sections(wasm, WHAT).filter((s) => s.custom === 'name');
  if (nameSections.length !== 1) throw new Error(`${WHAT}: wasm-opt wrote ${nameSections.length} name sections`);
  const ranks = functionNamesOf(nameSections[0].body, nameSections[0].end).filter((n) => n.startsWith('f'));
  if (ranks.length !== order.length || ranks.some((n, k) => n !== `f${pad(k)}`)) {
    throw new Error(`${WHAT}: the output is not in the order chosen`);
  }
  wasm = withoutNames(wasm);
  const after = functionsOf(wasm);
  if (after.imports.join() !== before.imports.join()) throw new Error(`${WHAT}: the output imports other names`);
  if (after.exports.join() !== before.exports.join()) throw new Error(`${WHAT}: the output exports other names`);
  if (after.bodies.length !== before.bodies.length) throw new Error(`${WHAT}: the output has another number of functions`);
  new WebAssembly.Module(wasm); // throws if the module does not validate
  return { wasm, functions: after.bodies.length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [input, output] = process.argv.slice(2);
  if (!input || !output) {
    console.error('usage: node scripts/order-functions.mjs in.wasm out.wasm');
    process.exit(2);
  }
  const { wasm, functions } = orderFunctions(fs.readFileSync(input));
  fs.writeFileSync(output, wasm);
  console.log(`order-functions: ${functions} functions ordered, ${fs.statSync(input).size} -> ${wasm.length} bytes`);
}
