// Precompressed copies of the release build's files: next to each page file
// (HTML, JS, wasm, CSS, SVG, icon) and the Chinese strings, a `.br` (brotli,
// quality 11) and a `.gz` (gzip, written by Zopfli).
//
// Why: a host that compresses on the fly uses a fast setting, and the page
// then costs more than it need: the release build was 143.5 KiB at brotli 11
// and 173.6 KiB at gzip 9, but 171.5 KiB at brotli 4 and 191 KiB at gzip 1
// (nginx's default `gzip_comp_level`), measured 2026-11-30. Hosts that serve
// precompressed files (nginx `gzip_static` / `brotli_static`, Caddy
// `file_server { precompressed br gzip }`, tests/e2e/server.mjs) send these
// instead; hosts that do not ignore them.
//
// The `.gz` copies come from Zopfli (@gfx/zopfli, Google's exhaustive
// deflate encoder compiled to wasm): standard gzip that every browser and
// `gunzip` reads, 5 % smaller than zlib's level 9 on this build (the wasm
// 155.7 → 147.5 KiB), for about 6 s more build. Its 15 iterations (the
// default) are within 0.2 KiB of 100 iterations, which take 4× as long.
// It may split a file into up to 60 deflate blocks, each with its own
// Huffman codes, instead of its default 15: the wasm, whose functions are
// grouped by size (scripts/order-functions.mjs), changes statistics more
// often than that (0.4 KiB less; the same bytes at 30, 45 and unlimited).
//
// Run by the post_build hook (scripts/post-build.mjs) on release builds.
// By hand: node scripts/precompress.mjs [dist]
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import zlib from 'node:zlib';

/**
 * The files a page loads: those the size budget counts
 * (scripts/size-budget.mjs) and those with precompressed copies.
 */
export const PAGE_FILE = /\.(html|js|wasm|css|svg|ico)$/;

/**
 * Files the page fetches only when needed (the Chinese strings,
 * strings-zh-<hash>.txt): precompressed too, not counted in the budget.
 */
export const ON_DEMAND_FILE = /^strings-[a-z]+(-[0-9a-f]+)?\.txt$/;

/** Whether `name` gets precompressed copies. */
export const compressed = (name) => PAGE_FILE.test(name) || ON_DEMAND_FILE.test(name);

/** Encodings written, in the order a server should prefer them. */
export const ENCODINGS = [
  { name: 'br', ext: '.br', decompress: zlib.brotliDecompressSync },
  { name: 'gzip', ext: '.gz', decompress: zlib.gunzipSync },
];

let zopfli;

async function compress(encoding, bytes, file) {
  if (encoding === 'br') {
    return zlib.brotliCompressSync(bytes, {
      params: {
        [zlib.constants.BROTLI_PARAM_QUALITY]: zlib.constants.BROTLI_MAX_QUALITY,
        [zlib.constants.BROTLI_PARAM_MODE]: file.endsWith('.wasm')
          ? zlib.constants.BROTLI_MODE_GENERIC
          : zlib.constants.BROTLI_MODE_TEXT,
        [zlib.constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
      },
    });
  }
  // Zopfli's gzip header carries no time stamp: the output is reproducible.
  if (!zopfli) {
    try {
      zopfli = await import('@gfx/zopfli');
    } catch {
      throw new Error('@gfx/zopfli is not installed (run scripts/setup.sh, or npm ci)');
    }
  }
  return Buffer.from(await zopfli.gzipAsync(bytes, { numiterations: 15, blocksplittingmax: 60 }));
}

/**
 * Writes `<file>.br` and `<file>.gz` for every page file in `dir` (not in
 * sub-folders), and removes stale copies of files that are gone.
 * Returns [{ file, raw, br, gzip }] in bytes.
 */
export async function precompress(dir) {
  const names = fs.readdirSync(dir);
  for (const name of names) {
    const encoded = ENCODINGS.find((e) => name.endsWith(e.ext));
    if (encoded && !names.includes(name.slice(0, -encoded.ext.length))) fs.rmSync(path.join(dir, name));
  }
  const files = names.filter((f) => compressed(f) && fs.statSync(path.join(dir, f)).isFile()).sort();
  const rows = [];
  for (const file of files) {
    const bytes = fs.readFileSync(path.join(dir, file));
    const row = { file, raw: bytes.length };
    for (const { name, ext } of ENCODINGS) {
      const out = await compress(name, bytes, file);
      fs.writeFileSync(path.join(dir, file + ext), out);
      row[name] = out.length;
    }
    rows.push(row);
  }
  return rows;
}

/** One line on what `precompress` wrote. */
export function report(rows) {
  const kib = (key) => (rows.reduce((a, r) => a + r[key], 0) / 1024).toFixed(1);
  return `precompress: ${rows.length} files, ${kib('br')} KiB brotli, ${kib('gzip')} KiB gzip`;
}

// CLI.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const dir = path.resolve(process.argv[2] || 'dist');
  if (!fs.existsSync(path.join(dir, 'index.html'))) {
    console.error(`precompress: no index.html in ${dir}`);
    process.exit(1);
  }
  console.log(report(await precompress(dir)));
}
