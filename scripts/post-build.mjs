// Trunk post_build hook (see Trunk.toml). On release builds, in Trunk's
// staging directory before it becomes dist/:
// 1. scripts/minify-js.mjs minifies the JavaScript and mends the integrity
//    hashes in index.html;
// 2. scripts/hash-strings.mjs puts a content hash in the name of the Chinese
//    strings file and names it on the loader's script tag;
// 3. scripts/precompress.mjs writes the .br and .gz copies of the final files.
// One hook for all three, in this order: Trunk runs the hooks of a stage at the
// same time, and the copies must be made of the minified files.
import './minify-js.mjs';
import { hashStrings } from './hash-strings.mjs';
import { precompress, report } from './precompress.mjs';

for (const { file } of hashStrings(process.env.TRUNK_STAGING_DIR)) console.log(`hash-strings: ${file}`);
console.log(report(await precompress(process.env.TRUNK_STAGING_DIR)));
