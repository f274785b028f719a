#!/usr/bin/env node
// Size and speed of a release build, after `bash scripts/build.sh`:
//   node scripts/measure.mjs [--runs=7] [--dist=dist] [--scenario=promise-you-wont-tell]
// 1. gzip (zlib level 9, as gzip -9) transfer size of dist/: each .wasm/.js/.css/.html file, per kind
//    and in total (scripts/sizes.mjs; scripts/budget.mjs checks the total in CI).
// 2. Over N runs (default 7), each in a fresh browser context of headless Chromium, medians of:
//    - first screen: navigation start → the app's performance mark `sq:first-screen` (or, for a
//      build that sets no such mark, the first element rendered in <body>; the output says which);
//    - choice → feedback: a choice is clicked → its feedback is in the DOM;
//    - continue → next node: Continue is clicked → the next node's step heading is in the DOM.
//    The interactions are timed inside the page, so no driver round trip is counted: a
//    performance.mark right before the element's click(), then a requestAnimationFrame loop
//    that stops at the first frame whose DOM shows the change (that frame is the one painted
//    with it). Each run plays the scenario's first path in tests/fixtures/expected/, so every
//    decision and passage of that path is one sample.
// Prints one JSON object, then a one-line human summary.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { FIRST_SCREEN_MARK, ROOT, launchBrowser, newPage, startServer, waitForFirstScreen } from '../tests/e2e/harness.mjs';
import { distSizes, kb, median } from './sizes.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (use --runs=N, --dist=DIR, --scenario=ID)`);
    return [m[1], m[2] ?? 'true'];
  }),
);
const RUNS = Number(args.runs ?? 7);
const DIST = path.resolve(args.dist ?? path.join(ROOT, 'dist'));
const SCENARIO = args.scenario ?? 'promise-you-wont-tell';
const PATH = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'expected', `${SCENARIO}.json`), 'utf8'))[0];
const STEP_TIMEOUT_MS = 5_000;

const round = (ms) => (ms === null ? null : Math.round(ms * 10) / 10);

// --- sizes ---------------------------------------------------------------------------
const { files, other, byKind, total } = distSizes(DIST);
if (!byKind.wasm) {
  console.error(`no .wasm in ${DIST}: run bash scripts/build.sh (or trunk build --release --offline) first`);
  process.exit(1);
}

// --- timings -------------------------------------------------------------------------
/**
 * In the page: clicks `selector`, then resolves with the ms from just before the click to
 * the first animation frame whose DOM shows the change: for `kind` 'feedback', the
 * feedback panel; for 'node', a step heading on another node than before the click.
 * (No functions are passed as text: the page's CSP forbids eval, and the measurement runs
 * under it.)
 */
async function timedClick(page, selector, kind) {
  return page.evaluate(
    async ({ selector, kind, timeout }) => {
      const nodeNow = () => document.querySelector('section.step')?.dataset.node ?? null;
      const el = document.querySelector(selector);
      if (!el) throw new Error(`nothing matches ${selector}`);
      const before = nodeNow();
      const done =
        kind === 'feedback'
          ? () => document.querySelector('[data-testid="feedback"]') !== null
          : () => nodeNow() !== null && nodeNow() !== before && document.getElementById('step-heading') !== null;
      performance.mark('sq:measure-click');
      const start = performance.now();
      el.click();
      return new Promise((resolve, reject) => {
        // performance.now(), not the callback's argument: that is the frame's start time,
        // which can be before the click.
        const check = () => {
          const now = performance.now();
          if (done()) return resolve(now - start);
          if (now - start > timeout) return reject(new Error(`no change after clicking ${selector}`));
          requestAnimationFrame(check);
        };
        requestAnimationFrame(check);
      });
    },
    { selector, kind, timeout: STEP_TIMEOUT_MS },
  );
}

const server = await startServer({ root: DIST });
const browser = await launchBrowser();
const samples = { firstScreen: [], choiceToFeedback: [], continueToNode: [] };
const sources = new Set();
const problems = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const session = await newPage(browser, { origin: server.origin });
    const { page } = session;
    try {
      await page.goto(server.url, { waitUntil: 'commit' });
      const first = await waitForFirstScreen(page, { problems: session.problems });
      samples.firstScreen.push(first.ms);
      sources.add(first.source);
      await page.locator(`[data-testid="open-${SCENARIO}"]`).click();
      await page.locator('[data-testid="start"]').click();
      await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
      for (const choice of PATH.choices) {
        // Continue through passages (and past the last feedback) to the decision.
        for (let guard = 0; (await page.locator(`[data-choice="${choice}"]`).count()) === 0; guard++) {
          if (guard > 50) throw new Error(`choice ${choice} never offered`);
          samples.continueToNode.push(
            await timedClick(page, '[data-testid="continue"]', 'node'),
          );
        }
        samples.choiceToFeedback.push(await timedClick(page, `[data-choice="${choice}"]`, 'feedback'));
      }
      for (const [kind, list] of Object.entries(session.problems)) {
        for (const p of list) problems.push(`run ${i + 1}: ${kind}: ${p}`);
      }
    } finally {
      await session.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}
const timing = (list) => ({ median: round(median(list)), samples: list.length, runs_ms: list.map(round) });
const metric = sources.has('first-element')
  ? `first element in <body> (app sets no '${FIRST_SCREEN_MARK}' mark yet)`
  : `performance mark '${FIRST_SCREEN_MARK}'`;

const pick = (key) => ({
  ...Object.fromEntries(['wasm', 'js', 'css', 'html'].filter((k) => byKind[k]).map((k) => [k, byKind[k][key]])),
  total: total[key],
});
const result = {
  dist: path.relative(process.cwd(), DIST) || '.',
  gzip_bytes: pick('gzip'),
  raw_bytes: pick('bytes'),
  files: files.map(({ file, bytes, gzip }) => ({ file, bytes, gzip })),
  other_files: other.map(({ file, bytes, gzip }) => ({ file, bytes, gzip })),
  first_screen_ms: { ...timing(samples.firstScreen), metric },
  choice_to_feedback_ms: timing(samples.choiceToFeedback),
  continue_to_next_node_ms: timing(samples.continueToNode),
  scenario: SCENARIO,
  path: PATH.name,
  problems,
};
// small JSON: one line per top-level key
console.log(
  `{\n${Object.entries(result)
    .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
    .join(',\n')}\n}`,
);
const kinds = ['wasm', 'js', 'css', 'html']
  .filter((k) => byKind[k])
  .map((k) => `${k} ${kb(byKind[k].gzip)}`)
  .join(' + ');
console.log(
  `measure: gzip transfer ${kb(total.gzip)} (${kinds}; raw ${kb(total.bytes)}); over ${RUNS} runs, medians: ` +
    `first screen ${result.first_screen_ms.median} ms [${metric}], ` +
    `choice → feedback ${result.choice_to_feedback_ms.median} ms, ` +
    `continue → next node ${result.continue_to_next_node_ms.median} ms` +
    (problems.length ? `; ${problems.length} page problem(s), see JSON` : ''),
);
if (problems.length) process.exitCode = 1;
