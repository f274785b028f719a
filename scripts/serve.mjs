#!/usr/bin/env node
// Serves a built dist/ as a host should (docs/hosting.md): each file's `.br` or `.gz`
// (written by scripts/compress.mjs) when the browser accepts that encoding, with
// `Content-Encoding` and `Vary: Accept-Encoding`; `application/wasm` for the wasm, so that
// the browser compiles it while it streams in; index.html and the scenarios revalidated on
// every load (`no-cache`), the hashed files cached for good. scripts/serve.sh runs it;
// scripts/measure.mjs and tests/e2e/serve.test.mjs import `serveDist`.
//
//   node scripts/serve.mjs [--dist=dist] [--port=8080] [--address=127.0.0.1]
//
// Node's http module, no framework: a static server is ~100 lines, and the tests and the
// measurements must see exactly these headers.
import { createServer } from 'node:http';
import { createReadStream, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENCODINGS } from './compress.mjs';

export const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.gz': 'application/gzip',
  '.br': 'application/octet-stream',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * The encodings `header` (an Accept-Encoding value) accepts, as a Map name → q. `*` stands
 * for every encoding not named; a q of 0 refuses.
 */
export function acceptedEncodings(header) {
  const accepted = new Map();
  for (const part of String(header ?? '').split(',')) {
    const [name, ...params] = part.trim().toLowerCase().split(';');
    if (!name) continue;
    const q = params.map((p) => /^\s*q=([0-9.]+)\s*$/.exec(p)).find(Boolean);
    accepted.set(name, q ? Number(q[1]) : 1);
  }
  return accepted;
}

/** The encoding to send for `header` among `available` (best first), or null for none. */
export function chooseEncoding(header, available) {
  const accepted = acceptedEncodings(header);
  let best = null;
  for (const name of available) {
    const q = accepted.get(name) ?? accepted.get('*') ?? 0;
    if (q > 0 && (best === null || q > best.q)) best = { name, q };
  }
  return best?.name ?? null;
}

/** Hashed names (trunk's `filehash`) never change content; the rest is revalidated. */
const isHashed = (file) => /-[0-9a-f]{16}(_bg)?\.(js|wasm|css)$/.test(file);

/**
 * Serves `root` on `host`:`port` (0: any free port), offering the `encodings` it has siblings
 * for (scripts/measure.mjs serves an older build with gzip alone, as it was measured).
 * Returns { url, origin, port, requests, close() }; `requests` logs { method, path, status,
 * encoding } for every request.
 */
export async function serveDist({ root = 'dist', host = '127.0.0.1', port = 0, encodings = ['br', 'gzip'] } = {}) {
  root = path.resolve(root);
  const requests = [];
  const server = createServer((req, res) => {
    const done = (status, encoding = null) => requests.push({ method: req.method, path: req.url, status, encoding });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { Allow: 'GET, HEAD' }).end();
      return done(405);
    }
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(req.url, 'http://x').pathname);
    } catch {
      res.writeHead(400).end();
      return done(400);
    }
    let file = path.join(root, pathname);
    if (file !== root && !file.startsWith(root + path.sep)) {
      res.writeHead(403).end();
      return done(403);
    }
    let stat = statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = statSync(file, { throwIfNoEntry: false });
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return done(404);
    }
    // A sibling older than its original is stale (the original was edited after the build,
    // e.g. by hand): never serve it.
    const fresh = new Map();
    for (const { name, suffix } of ENCODINGS.filter((e) => encodings.includes(e.name))) {
      const s = statSync(file + suffix, { throwIfNoEntry: false });
      if (s?.isFile() && s.mtimeMs >= stat.mtimeMs) fresh.set(name, { file: file + suffix, stat: s });
    }
    const encoding = chooseEncoding(req.headers['accept-encoding'], [...fresh.keys()]);
    const sent = encoding ? fresh.get(encoding) : { file, stat };
    const headers = {
      'Content-Type': mimeType(file),
      'Content-Length': sent.stat.size,
      'Cache-Control': isHashed(file) ? 'public, max-age=31536000, immutable' : 'no-cache',
      'X-Content-Type-Options': 'nosniff',
    };
    if (fresh.size) headers.Vary = 'Accept-Encoding';
    if (encoding) headers['Content-Encoding'] = encoding;
    res.writeHead(200, headers);
    if (req.method === 'HEAD') res.end();
    else createReadStream(sent.file).pipe(res);
    return done(200, encoding);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, resolve);
  });
  const bound = server.address().port;
  const origin = `http://${host}:${bound}`;
  return {
    url: `${origin}/`,
    origin,
    port: bound,
    root,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const args = Object.fromEntries(
    process.argv.slice(2).map((a) => {
      const m = /^--(dist|port|address)=(.+)$/.exec(a);
      if (!m) {
        console.error(`serve: unknown argument ${a} (use --dist=DIR, --port=N, --address=IP)`);
        process.exit(2);
      }
      return [m[1], m[2]];
    }),
  );
  const root = args.dist ?? 'dist';
  if (!statSync(path.join(root, 'index.html'), { throwIfNoEntry: false })) {
    console.error(`serve: no ${path.join(root, 'index.html')}: build first (bash scripts/build.sh)`);
    process.exit(2);
  }
  const served = await serveDist({ root, host: args.address ?? '127.0.0.1', port: Number(args.port ?? 8080) });
  console.log(`serve: ${root}/ at ${served.url} (Ctrl-C stops)`);
}
