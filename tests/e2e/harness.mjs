// Browser end-to-end harness: a static server for dist/ and Debian's Chromium driven by
// playwright-core. No other dependencies; tests use node's built-in runner:
//
//   node --test tests/e2e/          (files named *.test.mjs)
//
// Typical test file:
//
//   import { test } from 'node:test';
//   import assert from 'node:assert/strict';
//   import { useApp } from './harness.mjs';
//
//   const app = useApp(); // one server + one browser for this file, closed at the end
//
//   test('something', async (t) => {
//     const { page, problems } = await app.open(t); // fresh context, closed after t
//     await app.waitForFirstScreen(page);
//     ...
//     app.assertNoProblems(problems); // no console errors, page errors, failed requests
//   });
//
// Environment: SQ_DIST_DIR (default <repo>/dist), SQ_CHROMIUM (default /usr/bin/chromium),
// SQ_HEADED=1 to watch the browser (needs a display), SQ_SLOWMO=ms.

import { after, before } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { execFileSync } from 'node:child_process';
import { cpSync, createReadStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, errors as playwrightErrors } from 'playwright-core';

const require = createRequire(import.meta.url);

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST_DIR = path.resolve(process.env.SQ_DIST_DIR || path.join(ROOT, 'dist'));
export const CHROMIUM = process.env.SQ_CHROMIUM || '/usr/bin/chromium';

/**
 * Packs YAML files (name → text) as the build does (`scenario pack`, which trunk's
 * post_build hook runs) and returns the packs (`<stem>.json` → text), to serve with
 * `routePacks` in place of the bundled ones: the build's own index (dist/scenarios/
 * index.json) still says which packs the app fetches. With `{ build: true }`, packs the
 * bundled scenarios folder with these files added or put in place of the bundled ones and
 * returns everything the build would write there, `index.json` included: the real build, as
 * if these files had been in scenarios/ (no new wasm is needed). With `{ index: true }`, the
 * index of these files alone comes too: the catalogue is drawn from the index, so a scenario
 * served in place of a bundled one shows on its card only with it. A file with errors is
 * packed as its errors, which the app shows as a notice.
 */
export function packScenarios(files, { build = false, index = false } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'sq-pack-'));
  try {
    const src = path.join(dir, 'scenarios');
    if (build) cpSync(path.join(ROOT, 'scenarios'), src, { recursive: true });
    else mkdirSync(src);
    for (const [name, body] of Object.entries(files)) writeFileSync(path.join(src, name), body);
    const out = path.join(dir, 'out');
    execFileSync('cargo', ['run', '--quiet', '--offline', '--bin', 'scenario', '--', 'pack', src, '--out', out], {
      cwd: ROOT,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    const written = build
      ? readdirSync(out)
      : [...Object.keys(files).map((name) => name.replace(/\.yaml$/, '.json')), ...(index ? ['index.json'] : [])];
    return Object.fromEntries(written.map((name) => [name, readFileSync(path.join(out, name), 'utf8')]));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Serves these packs (`<name>.json` → text, from packScenarios) in place of the bundled ones. */
export async function routePacks(page, packs) {
  for (const [name, body] of Object.entries(packs)) {
    await page.route(`**/scenarios/${name}`, (route) =>
      route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body }),
    );
  }
}

/**
 * Polls `check` (in node) every 10 ms until it returns something truthy, and returns that;
 * fails with `what` after `timeout` ms. For what the page reports through events the test
 * collects (console messages, requests), where there is no element to wait for.
 */
export async function pollUntil(check, what, { timeout = 5_000 } = {}) {
  const start = Date.now();
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() - start > timeout) assert.fail(`${what} did not happen within ${timeout} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

// Launch flags that work on these machines: no sandbox as root, no GPU, and nothing that
// phones home (the closed network refuses such connections, noisily).
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Timeout for the app's first screen (ms). */
export const FIRST_SCREEN_TIMEOUT_MS = 10_000;

/** Name of the performance mark the app sets once its first screen is rendered. */
export const FIRST_SCREEN_MARK = 'sq:first-screen';

const MIME_TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.yaml': 'text/yaml; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.xml': 'application/xml; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.webmanifest': 'application/manifest+json',
};

export function mimeType(file) {
  return MIME_TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/**
 * Serve `root` (default dist/) on 127.0.0.1 with an ephemeral port (or `port`: the LRS
 * tests name the app's origin to Ralph's CORS setting before the app starts).
 * Returns { url, origin, port, root, requests, close() }; `requests` logs
 * { method, path, status } for every request served.
 */
export async function startServer({ root = DIST_DIR, host = '127.0.0.1', port: wanted = 0 } = {}) {
  root = path.resolve(root);
  if (!existsSync(path.join(root, 'index.html'))) {
    throw new Error(
      `${path.join(root, 'index.html')} not found: build the app first ` +
        '(trunk build --release --offline, or bash scripts/test.sh)',
    );
  }
  const requests = [];
  const server = createServer((req, res) => {
    const done = (status) => requests.push({ method: req.method, path: req.url, status });
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
    let stat = existsSync(file) ? statSync(file) : null;
    if (stat?.isDirectory()) {
      file = path.join(file, 'index.html');
      stat = existsSync(file) ? statSync(file) : null;
    }
    if (!stat?.isFile()) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' }).end('not found\n');
      return done(404);
    }
    res.writeHead(200, {
      'Content-Type': mimeType(file),
      'Content-Length': stat.size,
      'Cache-Control': 'no-store',
    });
    if (req.method === 'HEAD') {
      res.end();
    } else {
      createReadStream(file).pipe(res);
    }
    return done(200);
  });
  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(wanted, host, resolve);
  });
  const { port } = server.address();
  const origin = `http://${host}:${port}`;
  return {
    url: `${origin}/`,
    origin,
    port,
    root,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

/** Launch headless Debian Chromium through playwright-core. */
export async function launchBrowser(options = {}) {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} not found: run bash scripts/setup.sh (installs Debian's chromium)`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: CHROMIUM_ARGS,
    headless: process.env.SQ_HEADED !== '1',
    slowMo: Number(process.env.SQ_SLOWMO || 0),
    ...options,
  });
}

/**
 * A fresh, isolated browser context and page. Everything that goes wrong in it is
 * collected in `problems`:
 *   consoleErrors    console.error()s and browser-logged errors
 *   pageErrors       uncaught exceptions and unhandled rejections (incl. Rust panics
 *                    reported through the console_error_panic_hook, which are console errors)
 *   failedRequests   requests that failed or answered >= 400
 *   externalRequests requests to anything but `origin` (blocked: the app must be self-contained)
 * Returns { context, page, problems, close() }.
 */
export async function newPage(browser, { origin, contextOptions = {} } = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    ...contextOptions,
  });
  const problems = { consoleErrors: [], pageErrors: [], failedRequests: [], externalRequests: [] };
  if (origin) {
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(origin + '/') || url === origin) return route.continue();
      problems.externalRequests.push(url);
      return route.abort('blockedbyclient');
    });
  }
  const page = await context.newPage();
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.consoleErrors.push(`${msg.text()}${loc?.url ? ` (${loc.url}:${loc.lineNumber})` : ''}`);
    }
  });
  page.on('pageerror', (err) => problems.pageErrors.push(String(err?.stack || err)));
  page.on('requestfailed', (req) => {
    const url = req.url();
    if (origin && !url.startsWith(origin)) return; // already counted as external
    // Cancelled because the page went elsewhere (a test's goto or reload) while the app was
    // still prefetching packs at idle: nothing failed. The app itself never aborts a fetch.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return;
    problems.failedRequests.push(`${req.method()} ${url}: ${req.failure()?.errorText}`);
  });
  page.on('response', (res) => {
    if (res.status() >= 400) problems.failedRequests.push(`${res.request().method()} ${res.url()}: HTTP ${res.status()}`);
  });
  return { context, page, problems, close: () => context.close() };
}

/** Assert that nothing went wrong in a page from newPage()/app.open(). */
export function assertNoProblems(problems, message = 'the page reported problems') {
  const found = Object.fromEntries(Object.entries(problems).filter(([, list]) => list.length > 0));
  assert.deepEqual(found, {}, `${message}:\n${JSON.stringify(found, null, 2)}`);
}

/** Tags that are in <body> before the app renders anything. */
const NOT_APP_TAGS = ['SCRIPT', 'NOSCRIPT', 'LINK', 'STYLE', 'TEMPLATE', 'META'];

/**
 * On a timeout, say what the page reported: a bare "Timeout 10000ms exceeded" hides the
 * panic or 404 that caused it. `problems` is the object from newPage()/app.open().
 */
async function explainTimeout(promise, problems, what) {
  try {
    return await promise;
  } catch (err) {
    if (problems && err instanceof playwrightErrors.TimeoutError) {
      err.message += `\n${what} did not happen; the page reported: ${JSON.stringify(problems, null, 2)}`;
    }
    throw err;
  }
}

/**
 * Resolves once <body> has an element that the app rendered (not a script/noscript).
 * Pass `problems` (from newPage()/app.open()) to have them in the error on a timeout.
 */
export async function waitForAppRender(page, { timeout = FIRST_SCREEN_TIMEOUT_MS, problems } = {}) {
  await explainTimeout(
    page.waitForFunction(
      (skip) => Array.from(document.body?.children ?? []).some((el) => !skip.includes(el.tagName)),
      NOT_APP_TAGS,
      { timeout, polling: 'raf' },
    ),
    problems,
    'the app rendering into <body>',
  );
}

/**
 * Resolves once the first screen is up: the app's performance mark `sq:first-screen`
 * (set by the app when its first screen is rendered) or, for builds that set no such mark,
 * the first element rendered in <body>. When an element shows up before any mark, the mark
 * is still awaited for `graceMs` (a loading screen may come first). Returns { ms, source }:
 * ms since navigation start, source 'mark' or 'first-element'. Pass `problems` (from
 * newPage()/app.open()) to have them in the error on a timeout.
 */
export async function waitForFirstScreen(
  page,
  { timeout = FIRST_SCREEN_TIMEOUT_MS, requireMark = false, graceMs = 1000, problems } = {},
) {
  const probe = ({ mark, skip }) => {
    const marks = performance.getEntriesByName(mark);
    if (marks.length > 0) return { ms: marks[0].startTime, source: 'mark' };
    if (Array.from(document.body?.children ?? []).some((el) => !skip.includes(el.tagName))) {
      return { ms: performance.now(), source: 'first-element' };
    }
    return false;
  };
  const opts = { mark: FIRST_SCREEN_MARK, skip: NOT_APP_TAGS };
  const first = await (
    await explainTimeout(
      page.waitForFunction(
        requireMark ? ({ mark }) => performance.getEntriesByName(mark)[0]?.startTime ?? false : probe,
        opts,
        { timeout, polling: 'raf' },
      ),
      problems,
      requireMark ? `the '${FIRST_SCREEN_MARK}' mark` : 'the first screen',
    )
  ).jsonValue();
  if (requireMark) return { ms: first, source: 'mark' };
  if (first.source === 'mark') return first;
  try {
    const markMs = await (
      await page.waitForFunction(({ mark }) => performance.getEntriesByName(mark)[0]?.startTime ?? false, opts, {
        timeout: graceMs,
        polling: 50,
      })
    ).jsonValue();
    return { ms: markMs, source: 'mark' };
  } catch (err) {
    if (!(err instanceof playwrightErrors.TimeoutError)) throw err;
    return first;
  }
}

/** axe-core's browser bundle, read once. */
let axeSource = null;

/**
 * Run axe-core (WCAG 2.x A/AA rules by default) on the page; returns axe's results.
 * Use: const r = await runAxe(page); assert.deepEqual(r.violations.map(v => v.id), []);
 *
 * axe is injected by evaluating its source over the DevTools protocol (page.evaluate with
 * a string), which the page's Content-Security-Policy does not govern. page.addScriptTag
 * would add an inline <script>, which the app's strict policy refuses (docs/security.md),
 * and the refusal would itself be a CSP violation in the page under test.
 */
export async function runAxe(page, { runOnly = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'], context } = {}) {
  if (!(await page.evaluate(() => typeof window.axe?.run === 'function'))) {
    axeSource ??= readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
    const loaded = await page.evaluate(`${axeSource}\n;typeof window.axe?.run === 'function'`);
    assert.equal(loaded, true, 'axe-core did not load into the page');
  }
  return page.evaluate(
    ({ runOnly, context }) =>
      window.axe.run(context ?? document, { runOnly: { type: 'tag', values: runOnly }, resultTypes: ['violations'] }),
    { runOnly, context },
  );
}

/** One-line summaries of axe violations, for assertion messages. */
export function formatAxeViolations(results) {
  return results.violations.map(
    (v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
  );
}

/**
 * Register before/after hooks for one test file: one static server and one browser,
 * shared by the file's tests, closed at the end. Returns an object whose `open(t, path)`
 * gives each test a fresh context (closed after that test) pointed at `path`.
 */
export function useApp({ root = DIST_DIR, port = 0 } = {}) {
  const app = {
    server: null,
    browser: null,
    get url() {
      return app.server.url;
    },
    async open(t, urlPath = '/', { waitUntil = 'load', contextOptions } = {}) {
      const session = await newPage(app.browser, { origin: app.server.origin, contextOptions });
      if (t?.after) t.after(() => session.close());
      await session.page.goto(new URL(urlPath, app.server.url).href, { waitUntil });
      return session;
    },
    newPage: (options = {}) => newPage(app.browser, { origin: app.server.origin, ...options }),
    waitForAppRender,
    waitForFirstScreen,
    assertNoProblems,
    runAxe,
    formatAxeViolations,
  };
  before(async () => {
    app.server = await startServer({ root, port });
    app.browser = await launchBrowser();
  });
  after(async () => {
    await app.browser?.close();
    await app.server?.close();
  });
  return app;
}
