// The build ships compressed, and scripts/serve.mjs serves it as a host should
// (docs/hosting.md): every file of dist/ has its .br and .gz beside it (scripts/compress.mjs,
// run by scripts/build.sh and scripts/test.sh), the server picks one by Accept-Encoding with
// Content-Encoding and Vary, the bytes decode to the originals, the wasm is application/wasm,
// a stale .br is never served, and Chromium runs the app from it receiving compressed bytes.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { DIST_DIR, assertNoProblems, launchBrowser, newPage, waitForFirstScreen } from './harness.mjs';
import { serveDist, chooseEncoding } from '../../scripts/serve.mjs';
import { compressDir } from '../../scripts/compress.mjs';

/** Every file of `dir` (relative paths), not counting the .gz and .br. */
function originals(dir) {
  const walk = (d) =>
    readdirSync(d, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? walk(path.join(d, e.name)) : [path.join(d, e.name)]));
  return walk(dir)
    .filter((f) => !f.endsWith('.gz') && !f.endsWith('.br'))
    .map((f) => path.relative(dir, f));
}

/** GET `file` from `server` with this Accept-Encoding (null: none), over raw http (no decoding). */
function get(server, file, acceptEncoding) {
  return new Promise((resolve, reject) => {
    const headers = acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding };
    const pathname = `/${file.split(path.sep).map(encodeURIComponent).join('/')}`;
    request(server.url, { path: pathname, headers }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    })
      .on('error', reject)
      .end();
  });
}

const decode = { br: brotliDecompressSync, gzip: gunzipSync, identity: (b) => b };

const server = await serveDist({ root: DIST_DIR });
after(() => server.close());

test('every file of dist/ has a fresh .br and .gz beside it', () => {
  const files = originals(DIST_DIR);
  assert.ok(files.some((f) => f.endsWith('.wasm')) && files.some((f) => f.startsWith('scenarios')), files.join(' '));
  for (const file of files) {
    const full = path.join(DIST_DIR, file);
    for (const suffix of ['.br', '.gz']) {
      const sibling = statSync(full + suffix, { throwIfNoEntry: false });
      assert.ok(sibling, `${file}${suffix} is missing: run node scripts/compress.mjs dist`);
      assert.ok(sibling.mtimeMs >= statSync(full).mtimeMs, `${file}${suffix} is older than ${file}`);
    }
  }
});

test('the server sends the encoding asked for, and the bytes decode to the originals', async () => {
  let raw = 0;
  let sent = 0;
  for (const file of originals(DIST_DIR)) {
    const original = readFileSync(path.join(DIST_DIR, file));
    for (const [accept, expected] of [
      ['gzip, deflate, br, zstd', 'br'], // Chromium's
      ['gzip', 'gzip'],
      ['br;q=0, gzip;q=0.5', 'gzip'],
      ['gzip;q=1, br;q=0.4', 'gzip'],
      ['*', 'br'],
      ['identity', 'identity'],
      [null, 'identity'],
    ]) {
      const res = await get(server, file, accept);
      const what = `${file} with Accept-Encoding: ${accept}`;
      assert.equal(res.status, 200, what);
      assert.equal(res.headers['content-encoding'] ?? 'identity', expected, what);
      assert.equal(res.headers.vary, 'Accept-Encoding', what);
      assert.equal(Number(res.headers['content-length']), res.body.length, what);
      assert.ok(decode[expected](res.body).equals(original), `${what}: the body does not decode to the file`);
      if (file.endsWith('.wasm')) assert.equal(res.headers['content-type'], 'application/wasm', what);
      if (expected === 'br') {
        raw += original.length;
        sent += res.body.length;
      }
    }
  }
  // Compressed, not merely labelled so: the whole of dist/ goes over as under a third.
  assert.ok(sent < raw / 3, `br sends ${sent} of ${raw} bytes`);
});

test('Accept-Encoding is read with its q-values', () => {
  assert.equal(chooseEncoding('gzip, br', ['br', 'gzip']), 'br');
  assert.equal(chooseEncoding('br;q=0', ['br', 'gzip']), null);
  assert.equal(chooseEncoding('*;q=0.1, gzip', ['br', 'gzip']), 'gzip');
  assert.equal(chooseEncoding('BR', ['br', 'gzip']), 'br');
  assert.equal(chooseEncoding('', ['br', 'gzip']), null);
  assert.equal(chooseEncoding(undefined, ['br']), null);
  assert.equal(chooseEncoding('br', []), null);
});

test('a .br older than its file is never served, and compress.mjs rewrites it', async (t) => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sq-serve-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  cpSync(path.join(DIST_DIR, 'index.html'), path.join(dir, 'index.html'));
  compressDir(dir);
  const own = await serveDist({ root: dir });
  t.after(() => own.close());
  assert.equal((await get(own, 'index.html', 'br')).headers['content-encoding'], 'br');
  // Edited after the build (as scripts/lrs-csp.mjs does): the build's .br and .gz are older.
  const edited = `${readFileSync(path.join(dir, 'index.html'), 'utf8')}<!-- edited -->\n`;
  const earlier = new Date(Date.now() - 10_000);
  for (const suffix of ['.br', '.gz']) utimesSync(path.join(dir, `index.html${suffix}`), earlier, earlier);
  writeFileSync(path.join(dir, 'index.html'), edited);
  let res = await get(own, 'index.html', 'br, gzip');
  assert.equal(res.headers['content-encoding'], undefined, 'a stale .br or .gz was served');
  assert.equal(res.body.toString(), edited);
  compressDir(dir);
  res = await get(own, 'index.html', 'br');
  assert.equal(res.headers['content-encoding'], 'br');
  assert.equal(brotliDecompressSync(res.body).toString(), edited);
  // A .br whose file is gone is removed.
  rmSync(path.join(dir, 'index.html'));
  compressDir(dir);
  assert.deepEqual(readdirSync(dir), []);
});

test('Chromium runs the app from the compressed files', { timeout: 60_000 }, async (t) => {
  const browser = await launchBrowser();
  t.after(() => browser.close());
  const session = await newPage(browser, { origin: server.origin });
  t.after(() => session.close());
  const encodings = new Map();
  session.page.on('response', (res) => encodings.set(new URL(res.url()).pathname, res.headers()['content-encoding']));
  await session.page.goto(server.url);
  await waitForFirstScreen(session.page, { problems: session.problems });
  const wasm = [...encodings.keys()].find((p) => p.endsWith('.wasm'));
  assert.ok(wasm, 'no wasm was fetched');
  for (const [pathname, encoding] of encodings) assert.equal(encoding, 'br', pathname);
  // What came over the wire is smaller than what the browser decoded.
  const sizes = await session.page.evaluate((name) => {
    const entry = performance.getEntriesByType('resource').find((e) => new URL(e.name).pathname === name);
    return { encoded: entry.encodedBodySize, decoded: entry.decodedBodySize };
  }, wasm);
  assert.ok(sizes.encoded > 0 && sizes.encoded < sizes.decoded / 2, JSON.stringify(sizes));
  assertNoProblems(session.problems);
});
