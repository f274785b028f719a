#!/usr/bin/env node
// Size and speed of a release build as staff would meet it, after `bash scripts/build.sh`:
//   node scripts/measure.mjs [--runs=7] [--dist=dist] [--before=DIR] [--profiles=localhost,slow]
//                            [--scenario=promise-you-wont-tell]
// 1. gzip (level 9, as `gzip -9`) and brotli (the build's .br) transfer size of dist/, per kind
//    (scripts/sizes.mjs; scripts/budget.mjs checks the gzip total in CI).
// 2. Side by side in one run, interleaved (each round loads every page once under every
//    profile, so a busy machine slows them alike), each load in a fresh browser context of
//    headless Chromium with an empty cache:
//    - `ours`: dist/, served by scripts/serve.mjs as a host should (brotli, docs/hosting.md);
//    - `before` (with --before=DIR, e.g. an older build): served with gzip alone, as issue 19
//      measured it (its .gz are written first if missing);
//    - `static`: the static floor, our first screen as static HTML + our CSS, no script
//      (scripts/measure-pages.mjs);
//    - `ink`: a plain JavaScript player, inkjs's runtime playing the same scenarios translated
//      to ink (scripts/measure-pages.mjs says what the translation keeps);
//    under the profiles `localhost` (no throttling) and `slow` (slow 4G as Lighthouse and the
//    issue define it: 1.6 Mbps down, 750 kbps up, 150 ms round trip, and the CPU slowed 4×,
//    through the DevTools protocol; no request goes through the test harness, whose routing
//    had added 17–28% to the times).
//    Measured, each in the page (performance marks and a requestAnimationFrame loop, no driver
//    round trip in a timed span):
//    - first paint: the largest contentful paint (LCP), read before any interaction;
//    - first interactive screen: the app's `sq:first-screen` mark (the ink page sets the same
//      mark when its catalogue is drawn; the static page is interactive at its LCP);
//    - open → first decision: "Open" is clicked on the scenario's card, then Start as soon as
//      the intro shows it, until the first choice is on screen;
//    - choice → feedback: the first offered choice is clicked, until its feedback shows.
// Prints one JSON object, then a table of medians with each page's ratio to ink.
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, launchBrowser, newPage } from '../tests/e2e/harness.mjs';
import { distSizes, kb, median } from './sizes.mjs';
import { serveDist } from './serve.mjs';
import { compressDir } from './compress.mjs';
import { writeInkPage, writeStaticFloor } from './measure-pages.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--(runs|dist|before|profiles|scenario)=(.+)$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (use --runs=N, --dist=DIR, --before=DIR, --profiles=localhost,slow, --scenario=ID)`);
    return [m[1], m[2]];
  }),
);
const RUNS = Number(args.runs ?? 7);
const DIST = path.resolve(args.dist ?? path.join(ROOT, 'dist'));
const BEFORE = args.before ? path.resolve(args.before) : null;
const SCENARIO = args.scenario ?? 'promise-you-wont-tell';
const PROFILES = {
  localhost: null,
  slow: { latency: 150, downloadThroughput: (1.6e6 / 8) * 0.9, uploadThroughput: (750e3 / 8) * 0.9, cpu: 4 },
};
const profiles = (args.profiles ?? 'localhost,slow').split(',');
for (const p of profiles) if (!(p in PROFILES)) throw new Error(`no profile ${p} (localhost, slow)`);
const TIMEOUT_MS = 30_000;
const r1 = (ms) => (ms == null ? null : Math.round(ms * 10) / 10);
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`measure: no ${DIST}/index.html: run bash scripts/build.sh first`);
  process.exit(2);
}
compressDir(DIST);
if (BEFORE) compressDir(BEFORE);
const sizes = distSizes(DIST);

/** In the page: the LCP so far (ms since navigation start), and the first-screen mark. */
const readPaint = (page) =>
  page.evaluate(
    () =>
      new Promise((resolve) => {
        let lcp = null;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries()) lcp = e.startTime;
        }).observe({ type: 'largest-contentful-paint', buffered: true });
        // Two frames, so the observer has delivered every buffered entry.
        requestAnimationFrame(() =>
          requestAnimationFrame(() =>
            resolve({
              lcp,
              fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null,
              mark: performance.getEntriesByName('sq:first-screen')[0]?.startTime ?? null,
            }),
          ),
        );
      }),
  );

/**
 * In the page: clicks `selector`, then (for each of `then`, in turn) clicks it as soon as it
 * shows, and resolves with the ms until `until` shows, measured at the animation frame that
 * first has it.
 */
const timed = (page, selector, then, until) =>
  page.evaluate(
    ({ selector, then, until, timeout }) =>
      new Promise((resolve, reject) => {
        const start = performance.now();
        const queue = [...then];
        document.querySelector(selector).click();
        const check = () => {
          const now = performance.now();
          if (queue.length && document.querySelector(queue[0])) document.querySelector(queue.shift()).click();
          if (!queue.length && document.querySelector(until)) return resolve(now - start);
          if (now - start > timeout) return reject(new Error(`no ${until} after clicking ${selector}`));
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      }),
    { selector, then, until, timeout: TIMEOUT_MS },
  );

async function oneLoad(browser, server, variant, profile) {
  const session = await newPage(browser); // no origin: no request routing
  const { page } = session;
  try {
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    const p = PROFILES[profile];
    if (p) {
      await cdp.send('Network.emulateNetworkConditions', {
        offline: false,
        latency: p.latency,
        downloadThroughput: p.downloadThroughput,
        uploadThroughput: p.uploadThroughput,
      });
      await cdp.send('Emulation.setCPUThrottlingRate', { rate: p.cpu });
    }
    await page.goto(server.url, { waitUntil: 'commit', timeout: TIMEOUT_MS });
    if (variant === 'static') {
      await page.locator('.cards').waitFor({ timeout: TIMEOUT_MS });
      await page.waitForLoadState('load');
    } else {
      await page.waitForFunction(() => performance.getEntriesByName('sq:first-screen').length > 0, null, { timeout: TIMEOUT_MS, polling: 50 });
    }
    const paint = await readPaint(page);
    const result = { lcp: paint.lcp, fcp: paint.fcp, interactive: variant === 'static' ? paint.lcp : paint.mark };
    if (variant !== 'static') {
      await page.locator(`[data-testid="open-${SCENARIO}"]`).waitFor({ timeout: TIMEOUT_MS });
      result.openToDecision = await timed(page, `[data-testid="open-${SCENARIO}"]`, ['[data-testid="start"]'], '[data-choice]');
      result.choiceToFeedback = await timed(page, '[data-choice]', [], '[data-testid="feedback"]');
    }
    const problems = Object.entries(session.problems).flatMap(([k, list]) => list.map((x) => `${k}: ${x}`));
    return { ...result, problems };
  } finally {
    await session.close();
  }
}

const work = mkdtempSync(path.join(os.tmpdir(), 'sq-measure-'));
const servers = {};
const browser = await launchBrowser();
const samples = {};
const problems = [];
const machine = { date: new Date().toISOString(), nproc: os.availableParallelism(), loadavg: { start: load() } };
try {
  machine.chromium = browser.version();
  servers.ours = await serveDist({ root: DIST });
  if (BEFORE) servers.before = await serveDist({ root: BEFORE, encodings: ['gzip'] });
  // The static floor: our own first screen, as the app rendered it on localhost.
  {
    const session = await newPage(browser);
    await session.page.goto(servers.ours.url);
    await session.page.waitForFunction(() => performance.getEntriesByName('sq:first-screen').length > 0, null, { timeout: TIMEOUT_MS });
    const html = await session.page.evaluate(() => document.documentElement.outerHTML);
    await session.close();
    writeStaticFloor(DIST, path.join(work, 'static'), html);
    compressDir(path.join(work, 'static'));
    servers.static = await serveDist({ root: path.join(work, 'static') });
  }
  machine.ink = writeInkPage(DIST, path.join(work, 'ink'));
  compressDir(path.join(work, 'ink'));
  servers.ink = await serveDist({ root: path.join(work, 'ink') });

  const variants = Object.keys(servers);
  for (let run = 0; run < RUNS; run++) {
    for (const profile of profiles) {
      for (const variant of variants) {
        const r = await oneLoad(browser, servers[variant], variant, profile);
        const key = `${profile}/${variant}`;
        samples[key] ??= { lcp: [], fcp: [], interactive: [], openToDecision: [], choiceToFeedback: [] };
        for (const m of Object.keys(samples[key])) if (r[m] != null) samples[key][m].push(r[m]);
        problems.push(...r.problems.map((p) => `${key} run ${run + 1}: ${p}`));
      }
    }
    console.error(`measure: round ${run + 1}/${RUNS} done (load ${load().join(' ')})`);
  }
  machine.loadavg.end = load();
} finally {
  await browser.close();
  for (const s of Object.values(servers)) await s.close();
  rmSync(work, { recursive: true, force: true });
}

const METRICS = { lcp: 'first paint (LCP)', interactive: 'first interactive screen', openToDecision: 'open → first decision', choiceToFeedback: 'choice → feedback' };
const medians = {};
for (const [key, m] of Object.entries(samples)) {
  medians[key] = Object.fromEntries(Object.entries(m).map(([k, list]) => [k, { median: r1(median(list)), runs: list.map(r1) }]));
}
const ratios = {};
for (const key of Object.keys(medians)) {
  const [profile] = key.split('/');
  const ink = medians[`${profile}/ink`];
  ratios[key] = Object.fromEntries(
    Object.keys(METRICS)
      .filter((m) => medians[key][m].median != null && ink?.[m]?.median)
      .map((m) => [m, Math.round((medians[key][m].median / ink[m].median) * 100) / 100]),
  );
}
const result = {
  machine,
  runs: RUNS,
  scenario: SCENARIO,
  profiles: Object.fromEntries(profiles.map((p) => [p, PROFILES[p]])),
  sizes: {
    gzip: { ...Object.fromEntries(Object.entries(sizes.byKind).map(([k, v]) => [k, v.gzip])), total: sizes.total.gzip },
    br: sizes.total.br,
    raw: sizes.total.bytes,
  },
  medians,
  ratios_to_ink: ratios,
  problems,
};
console.log(JSON.stringify(result, null, 1));
const lines = [`measure: app ${kb(sizes.total.gzip)} gzip, ${sizes.total.br == null ? '?' : kb(sizes.total.br)} br; medians of ${RUNS}, interleaved; load ${machine.loadavg.start.join(' ')} → ${machine.loadavg.end?.join(' ')}`];
for (const profile of profiles) {
  lines.push(`  ${profile}:`);
  for (const key of Object.keys(medians).filter((k) => k.startsWith(`${profile}/`))) {
    const cells = Object.entries(METRICS)
      .map(([m, label]) => `${label} ${medians[key][m].median ?? '—'} ms${ratios[key][m] != null && !key.endsWith('/ink') ? ` (${ratios[key][m]}× ink)` : ''}`)
      .join(', ');
    lines.push(`    ${key.split('/')[1].padEnd(7)} ${cells}`);
  }
}
console.error(lines.join('\n'));
if (problems.length) {
  console.error(`measure: ${problems.length} page problem(s), see JSON`);
  process.exitCode = 1;
}
