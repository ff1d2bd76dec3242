// Tiny static file server for dist/, used by the end-to-end tests and by
// `make serve`. Listens on 127.0.0.1 only. Sends the release build's
// precompressed copies (.br, .gz) to browsers that accept them, as a host
// configured for them would.
//
//   import { start } from './server.mjs';
//   const server = await start({ root: 'dist' });   // free port
//   ... server.url ...                                // http://127.0.0.1:PORT/
//   await server.stop();
//
//   const server = await startProcess({ root: 'dist' }); // the same, served
//                                                       // by a child process
//
//   node tests/e2e/server.mjs [root=dist] [port=8080]
import { spawn } from 'node:child_process';
import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ENCODINGS, compressed } from '../../scripts/precompress.mjs';

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
  '.woff2': 'font/woff2',
};

// Maps a URL path to a file under root. Returns { file } or { redirect } (a
// directory URL without its trailing slash, which would break relative asset
// paths) or null (not found, or outside root).
function resolveFile(root, urlPath) {
  let rel;
  try {
    rel = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (rel.includes('\0')) return null;
  const file = path.resolve(root, '.' + path.posix.normalize('/' + rel));
  if (file !== root && !file.startsWith(root + path.sep)) return null;
  let stat;
  try {
    stat = fs.statSync(file);
  } catch {
    return null;
  }
  if (stat.isDirectory()) {
    if (!urlPath.endsWith('/')) return { redirect: urlPath + '/' };
    const index = path.join(file, 'index.html');
    return fs.existsSync(index) ? { file: index } : null;
  }
  return stat.isFile() ? { file } : null;
}

/**
 * The precompressed copy of `file` to send (see scripts/precompress.mjs), as
 * nginx's `gzip_static` / `brotli_static` and Caddy's `precompressed` do:
 * brotli, else gzip, if the client accepts it and the copy exists.
 */
function precompressed(file, acceptEncoding = '') {
  const accepted = new Set(
    acceptEncoding
      .split(',')
      .map((part) => part.trim().split(';'))
      .filter(([, q = '']) => !/^\s*q\s*=\s*0(\.0*)?\s*$/.test(q))
      .map(([name]) => name.trim().toLowerCase()),
  );
  return ENCODINGS.find((e) => accepted.has(e.name) && fs.existsSync(file + e.ext)) || null;
}

/**
 * Starts serving `root` on 127.0.0.1. `port: 0` (the default) picks a free port.
 * Resolves to { url, port, root, stop() }. `quiet: false` logs each request.
 */
export function start({ root = 'dist', port = 0, host = '127.0.0.1', quiet = true } = {}) {
  const absRoot = path.resolve(root);
  if (!fs.existsSync(path.join(absRoot, 'index.html'))) {
    return Promise.reject(new Error(`${absRoot}/index.html not found: build first (make dist)`));
  }
  // Generous header limit: the tests load 100 000-character URLs.
  const server = http.createServer({ maxHeaderSize: 1 << 20 }, (req, res) => {
    // Origin-form targets ("/a?b") are appended to a base rather than
    // resolved against it: resolved, "//x" would name a host, and "//" no URL.
    let target;
    try {
      target = new URL(req.url.startsWith('/') ? `http://localhost${req.url}` : req.url);
    } catch {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' });
      res.end('bad request\n');
      return;
    }
    const { pathname, search } = target;
    const readable = req.method === 'GET' || req.method === 'HEAD';
    const hit = readable ? resolveFile(absRoot, pathname) : null;
    const status = hit ? (hit.redirect ? 301 : 200) : readable ? 404 : 405;
    if (!quiet) console.log(`${req.method} ${req.url} ${status}`);
    if (!hit || hit.redirect) {
      const headers = { 'content-type': 'text/plain; charset=utf-8' };
      if (hit) headers.location = hit.redirect + search;
      res.writeHead(status, headers);
      res.end(hit ? '' : 'not found\n');
      return;
    }
    const type = MIME[path.extname(hit.file).toLowerCase()] || 'application/octet-stream';
    const encoding = precompressed(hit.file, req.headers['accept-encoding']);
    const body = fs.readFileSync(encoding ? hit.file + encoding.ext : hit.file);
    res.writeHead(200, {
      'content-type': type,
      'content-length': body.length,
      'cache-control': 'no-cache',
      'x-content-type-options': 'nosniff',
      ...(encoding ? { 'content-encoding': encoding.name } : {}),
      ...(compressed(path.basename(hit.file)) ? { vary: 'accept-encoding' } : {}),
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const actual = server.address().port;
      resolve({
        url: `http://${host}:${actual}/`,
        port: actual,
        root: absRoot,
        stop: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

/**
 * The same server in a child process, as a real host is never in the
 * process that drives the browser: there, every request waits for the
 * event loop that also handles Playwright's protocol traffic (20–30 ms of a
 * fresh load's 140 ms, measured). Resolves to { url, port, root, stop() }.
 */
export function startProcess({ root = 'dist', port = 0 } = {}) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), root, String(port)], {
    env: { ...process.env, QUIET: '1' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((done) => child.once('exit', done));
  return new Promise((resolve, reject) => {
    let out = '';
    child.once('exit', (code) => reject(new Error(`server process exited (${code}) before listening: ${out}`)));
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const m = /at (http:\/\/127\.0\.0\.1:(\d+)\/)/.exec(out);
      if (!m) return;
      child.stdout.removeAllListeners('data');
      child.stdout.resume();
      resolve({
        url: m[1],
        port: Number(m[2]),
        root: path.resolve(root),
        stop: () => {
          child.kill('SIGTERM');
          return exited;
        },
      });
    });
  });
}

// CLI: node tests/e2e/server.mjs [root] [port]
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const root = process.argv[2] || 'dist';
  const port = Number(process.argv[3] || 8080);
  start({ root, port, quiet: process.env.QUIET === '1' })
    .then((s) => {
      console.log(`Serving ${s.root} at ${s.url} (Ctrl-C to stop)`);
      const stop = () => s.stop().then(() => process.exit(0));
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    })
    .catch((e) => {
      console.error(`server: ${e.message}`);
      process.exit(1);
    });
}
