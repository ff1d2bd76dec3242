// Where the wasm's bytes go, by crate: runs `twiggy top` on the cargo output
// (before wasm-bindgen and wasm-opt; twiggy 0.7 cannot parse the optimised
// file in dist/) and sums the items by the crate that names them.
//
//   node bench/wasm-crates.mjs [target/wasm32-unknown-unknown/release/convt.wasm] [--top 25]
//
// An item `<A as B>::f` counts for A's crate (the implementing type), a
// generic instance for the crate of its outermost path. Custom sections
// (wasm-bindgen's metadata, the name section) and wasm-bindgen's descriptor
// functions and exports are listed apart: they are not shipped. Proportions are indicative: wasm-opt shrinks the shipped file.
import { execFileSync } from 'node:child_process';
import os from 'node:os';
import path from 'node:path';

const args = process.argv.slice(2);
const topAt = args.indexOf('--top');
const top = topAt >= 0 ? Number(args[topAt + 1]) : 25;
const file = args.find((a, i) => !a.startsWith('--') && i !== topAt + 1) || 'target/wasm32-unknown-unknown/release/convt.wasm';
const twiggy = process.env.TWIGGY || path.join(os.homedir(), '.cargo/bin/twiggy');

const items = JSON.parse(
  execFileSync(twiggy, ['top', '-n', '1000000', '-f', 'json', file], { encoding: 'utf8', maxBuffer: 1 << 28 }),
);

const DESCRIPTORS = '(wasm-bindgen descriptors: removed by wasm-bindgen)';
const CUSTOM = '(custom sections: not shipped)';
const NOT_SHIPPED = new Set([DESCRIPTORS, CUSTOM]);

/** The crate an item is attributed to. */
function crateOf(name) {
  if (/^custom section|subsection$/.test(name)) return CUSTOM;
  if (/__wbindgen_describe|WasmDescribe|::describe::/.test(name)) return DESCRIPTORS;
  if (/^data\[\d+\]$/.test(name)) return '(data segments)';
  if (/^(type|import|export|elem|table|memory|global|start|code)\b/.test(name) || /^\w+\[\d+\]$/.test(name)) {
    return '(wasm imports, exports, tables, types)';
  }
  const n = name.replace(/\[[0-9a-f]{1,16}\]/g, ''); // core[c5930c85a12de822] → core
  const crate = (path) => path.match(/^&?(?:mut )?(?:dyn )?([A-Za-z_][A-Za-z0-9_]*)::/)?.[1];
  // <A as B>::f counts for A's crate, or B's when A is generic or
  // primitive; <A>::f (an inherent method) for A's.
  const impl = n.match(/^<(.+?)(?: as (.+?))?>::/);
  if (impl) return crate(impl[1]) || (impl[2] && crate(impl[2])) || (/^(char|str|f32|f64|[iu](8|16|32|64|128|size))\b/.test(impl[1]) ? 'core' : '(other)');
  return crate(n) || (/^(__|wasm_bindgen)/.test(n) ? 'wasm_bindgen' : '(other)');
}

const byCrate = new Map();
let total = 0;
for (const it of items) {
  if (!it.name || /^Σ|^\.\.\. and/.test(it.name)) continue;
  total += it.shallow_size;
  const c = crateOf(it.name);
  const e = byCrate.get(c) || { bytes: 0, items: 0 };
  e.bytes += it.shallow_size;
  e.items += 1;
  byCrate.set(c, e);
}
const notShipped = [...NOT_SHIPPED].reduce((a, c) => a + (byCrate.get(c)?.bytes || 0), 0);
const shippedTotal = total - notShipped;
const rows = [...byCrate.entries()].sort((a, b) => b[1].bytes - a[1].bytes);
console.log(`${file}: ${(total / 1024).toFixed(1)} KiB, of which ${(shippedTotal / 1024).toFixed(1)} KiB code and data that wasm-bindgen keeps (before wasm-opt)`);
console.log('');
console.log('| crate | KiB | % of code+data | items |');
console.log('| --- | ---: | ---: | ---: |');
for (const [c, e] of rows.slice(0, top)) {
  const pct = NOT_SHIPPED.has(c) ? '–' : ((100 * e.bytes) / shippedTotal).toFixed(1);
  console.log(`| ${c} | ${(e.bytes / 1024).toFixed(1)} | ${pct} | ${e.items} |`);
}
