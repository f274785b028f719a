#!/usr/bin/env node
// Side by side with ink (inkjs, npm), on this machine, in one run:
//   node scripts/ink-compare.mjs [--nodes=3500] [--runs=5] [--dist=dist]
// Needs a release build in dist/ (bash scripts/build.sh) and node_modules (npm ci:
// inkjs, playwright-core); builds the release `scenario` CLI (cargo build --release).
//
// scripts/story-gen.mjs writes one branching story twice, as a scenario and as ink (the
// same nodes, choices, variable, conditions, scores and feedback). This first checks that
// the two really are the same story:
//   - structure: nodes/knots, decisions, passages, endings, choices and conditional choices,
//     counted in what each tool built (inkjs's compiled JSON; `scenario stats` and
//     `scenario graph` for ours), against what the generator wrote;
//   - behaviour: four ways of choosing (always "Go on"; "Hi" whenever offered; always the
//     harmful one; a seeded random pick among the offered ones) are played in the inkjs
//     runtime, and the same choices are replayed with `scenario play --choose`, which
//     fails if a choice is not offered where it is made or the story does not end right
//     after the last one; the endings must agree.
// Then it measures, each the median of --runs (the first, cold run is also shown):
//   1. inkjs compiling the ink source (inkjs/full's Compiler, in this node process) vs
//      `scenario check` on the YAML (native release binary, the whole process: start,
//      read, parse, validate, state analysis, report, exit);
//      Also `scenario pack` on the same folder: what the build does to every scenario file
//      (load for play, write the pack the app fetches), natively, the whole process;
//   2. in the browser (headless Chromium), the built app loading our scenario: the app
//      fetches packs, not YAML (crates/scenario-core/src/pack/), so the generated file is
//      packed by the release CLI and its pack served in place of one bundled scenario's
//      (same id); in each page load the time from the last scenario file's arrival
//      (Resource Timing responseEnd) to the app's `sq:first-screen` mark is taken: that is
//      the app reading every fetched pack (JSON parse, model, index checks; in wasm, on the
//      main thread) plus rendering the catalogue. Pages with the bundled file and with the generated one alternate; the
//      difference of the medians is the generated file's load. Against it: inkjs compiling
//      the same ink source, and inkjs loading the compiled JSON (new Story), in a blank
//      page of the same server;
//   3. transfer size (gzip -9): inkjs's runtime (dist/ink.js) and runtime + compiler
//      (dist/ink-full.js) vs our wasm + js, and our whole app (wasm, js, css, html).
// Prints one JSON object (stdout), then a summary with the ratios (stderr). Figures: docs/performance.md
// ("Side by side with ink").
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { ROOT, launchBrowser, newPage, startServer, waitForFirstScreen } from '../tests/e2e/harness.mjs';
import { distSizes, gzipSize, median } from './sizes.mjs';
import { CHOICE_IDS, generateStory } from './story-gen.mjs';

const require = createRequire(import.meta.url);
const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (!m || !['nodes', 'runs', 'dist'].includes(m[1])) throw new Error(`unknown argument ${a} (use --nodes=N, --runs=N, --dist=DIR)`);
    return [m[1], m[2]];
  }),
);
const NODES = Number(args.nodes ?? 3500);
const RUNS = Number(args.runs ?? 5);
const DIST = path.resolve(args.dist ?? path.join(ROOT, 'dist'));
// The bundled scenario whose file the generated one replaces in the browser measurement.
const STAND_IN = 'promise-you-wont-tell';
// The format's size limit for one file (crates/scenario-core/src/load.rs, MAX_FILE_BYTES).
const MAX_FILE_BYTES = 1024 * 1024;

const r1 = (x) => Math.round(x * 10) / 10;
const timeMs = (f) => {
  const t = process.hrtime.bigint();
  const v = f();
  return [Number(process.hrtime.bigint() - t) / 1e6, v];
};
const summary = (xs) => ({ median: r1(median(xs)), first: r1(xs[0]), runs: xs.map(r1) });
const load = () => os.loadavg().map((x) => Math.round(x * 100) / 100);
const log = (msg) => console.error(`ink-compare: ${msg} (load ${load().join(' ')})`);

if (!Number.isInteger(RUNS) || RUNS < 1) throw new Error('--runs must be a positive integer');
if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`ink-compare: no ${DIST}/index.html: run bash scripts/build.sh (or trunk build --release --offline) first`);
  process.exit(2);
}

const machine = {
  date: new Date().toISOString(),
  nproc: os.availableParallelism(),
  cpu: /^model name\s*:\s*(.*)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? os.cpus()[0]?.model,
  memory_gib: Math.round(os.totalmem() / 2 ** 30),
  node: process.version,
  inkjs: JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'inkjs', 'package.json'), 'utf8')).version,
  loadavg: { start: load() },
};

// --- the story -------------------------------------------------------------------------
const work = mkdtempSync(path.join(os.tmpdir(), 'ink-compare-'));
const story = generateStory(NODES, STAND_IN);
const yamlBytes = Buffer.byteLength(story.yaml);
if (yamlBytes > MAX_FILE_BYTES) {
  throw new Error(`the YAML for ${NODES} nodes is ${yamlBytes} bytes, over the format's 1 MiB limit: use fewer --nodes`);
}
const yamlFile = path.join(work, `${STAND_IN}.yaml`);
writeFileSync(yamlFile, story.yaml);
cpSync(path.join(ROOT, 'scenarios', 'dimensions.yaml'), path.join(work, 'dimensions.yaml'));
writeFileSync(path.join(work, 'story.ink'), story.ink);

// Always build: a stale binary would measure old code (a no-op when up to date).
log('cargo build --release --bin scenario');
const built = spawnSync('cargo', ['build', '--release', '-q', '--bin', 'scenario'], { cwd: ROOT, stdio: 'inherit' });
if (built.status !== 0) throw new Error('cargo build --release --bin scenario failed');
const cli = path.join(ROOT, 'target', 'release', 'scenario');
const scenario = (...cliArgs) => {
  const run = spawnSync(cli, cliArgs, { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  if (run.status !== 0) {
    throw new Error(`scenario ${cliArgs.slice(0, 3).join(' ')} … failed (${run.status}): ${run.stdout.slice(0, 400)} ${run.stderr.slice(0, 400)}`);
  }
  return run.stdout;
};

// --- 0. the same story? ------------------------------------------------------------------
const { Compiler, Story } = require('inkjs/full');
log(`${NODES} nodes: compiling the ink once and checking both versions`);
let json;
{
  const compiler = new Compiler(story.ink);
  const compiled = compiler.Compile();
  if (compiler.errors.length) throw new Error(`ink errors: ${compiler.errors.slice(0, 3).join('; ')}`);
  if (compiler.warnings.length) throw new Error(`ink warnings: ${compiler.warnings.slice(0, 3).join('; ')}`);
  json = compiled.ToJson();
}
// The scenario check must pass cleanly: no warning either.
{
  const report = JSON.parse(scenario('check', '--format', 'json', yamlFile));
  if (report.errors !== 0 || report.warnings !== 0) throw new Error(`scenario check reported problems: ${JSON.stringify(report).slice(0, 600)}`);
}

/** Counts in inkjs's compiled JSON: knots, and choice points inside each. */
function inkCounts(compiledJson) {
  const root = JSON.parse(compiledJson).root;
  const knots = Object.entries(root[root.length - 1]).filter(([name]) => name !== 'global decl' && !name.startsWith('#'));
  const counts = { nodes: knots.length, decisions: 0, passages: 0, endings: 0, choices: 0, conditionalChoices: 0 };
  for (const [, body] of knots) {
    let choices = 0;
    let conditional = 0;
    let ends = false;
    const walk = (v) => {
      if (Array.isArray(v)) return v.forEach(walk);
      if (v === 'end') ends = true;
      if (v && typeof v === 'object') {
        if ('*' in v) {
          choices += 1;
          if (v.flg & 1) conditional += 1; // ChoicePoint.hasCondition
        }
        Object.values(v).forEach(walk);
      }
    };
    walk(body);
    counts.choices += choices;
    counts.conditionalChoices += conditional;
    if (choices > 0) counts.decisions += 1;
    else if (ends) counts.endings += 1;
    else counts.passages += 1;
  }
  return counts;
}

/** Counts from our tools: `scenario stats` for the nodes, `scenario graph` for the choices. */
function scenarioCounts() {
  // The text report: `stats --format json` fails on this story ("number out of range":
  // its playthrough count, 851 digits, does not fit a JSON number).
  const text = scenario('stats', yamlFile);
  const m = /nodes (\d+) \(decisions (\d+), passages (\d+), endings (\d+)\)/.exec(text);
  if (!m) throw new Error(`unexpected scenario stats output: ${text.slice(0, 300)}`);
  const [nodes, decisions, passages, endings] = m.slice(1).map(Number);
  const dot = scenario('graph', '--format', 'dot', yamlFile);
  // One edge per choice, two for a choice whose `next` has branches: count (node, choice id).
  const choices = new Set();
  const conditional = new Set();
  for (const m of dot.matchAll(/^\s*(n\d+) -> n\d+ \[label="([^"\\]+)\\n([^"]*)"/gm)) {
    choices.add(`${m[1]}/${m[2]}`);
    if (m[3].includes('offered if')) conditional.add(`${m[1]}/${m[2]}`);
  }
  return {
    nodes,
    decisions,
    passages,
    endings,
    choices: choices.size,
    conditionalChoices: conditional.size,
  };
}

const structure = { generated: story.counts, ink: inkCounts(json), scenario: scenarioCounts() };
for (const side of ['ink', 'scenario']) {
  if (JSON.stringify(structure[side]) !== JSON.stringify(story.counts)) {
    throw new Error(`the ${side} version's structure differs: ${JSON.stringify(structure)}`);
  }
}

/** Plays the ink story with `pick(offered texts, node number)`; returns the texts chosen and the ending. */
function playInk(pick) {
  const s = new Story(json);
  const chosen = [];
  for (;;) {
    s.ContinueMaximally();
    if (s.currentChoices.length === 0) break;
    const offered = s.currentChoices.map((c) => c.text);
    const text = pick(offered, Number(/Node (\d+)\./.exec(s.currentText)[1]));
    chosen.push(text);
    s.ChooseChoiceIndex(offered.indexOf(text));
  }
  return { chosen, outcome: s.currentTags[0] ?? null, trust: s.variablesState['trust'] };
}
let seed = 12345;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
// The last decision before the endings (a passage every fifth node).
const lastDecision = [NODES - 4, NODES - 5].find((i) => i % 5 !== 4);
const policies = {
  'always Go on': () => 'Go on',
  // trust 1 at the first node, 2 at the last decision: its `trust >= 2` branch, the mixed ending
  'Hi first and last': (offered, node) => (node === 0 || node === lastDecision ? 'Hi' : 'Go on'),
  'Hi whenever offered': (offered) => (offered.includes('Hi') ? 'Hi' : 'Go on'),
  'always Yes': () => 'Yes',
  'seeded random': (offered) => offered[Math.floor(random() * offered.length)],
};
const plays = {};
for (const [name, pick] of Object.entries(policies)) {
  const ink = playInk(pick);
  const ours = JSON.parse(scenario('play', yamlFile, '--choose', ink.chosen.map((t) => CHOICE_IDS[t]).join(','), '--format', 'json'));
  if (ours.outcome !== ink.outcome) throw new Error(`${name}: ink ends ${ink.outcome}, ours ${ours.outcome} (${ours.ending})`);
  plays[name] = { decisions: ink.chosen.length, outcome: ours.outcome, ending: ours.ending, ink_trust: ink.trust };
}
if (new Set(Object.values(plays).map((p) => p.ending)).size !== 3) throw new Error(`the plays do not reach all three endings: ${JSON.stringify(plays)}`);

// --- 1. inkjs compile (node) vs scenario check (native) ----------------------------------
log(`inkjs compile in node, ${RUNS} runs`);
const compileMs = [];
for (let i = 0; i < RUNS; i++) {
  const compiler = new Compiler(story.ink);
  compileMs.push(timeMs(() => compiler.Compile())[0]);
}
const storyLoadMs = [];
for (let i = 0; i < RUNS; i++) storyLoadMs.push(timeMs(() => new Story(json))[0]);
machine.loadavg.after_inkjs_node = load();

log(`scenario check (native), ${RUNS} runs`);
const checkMs = [];
for (let i = 0; i < RUNS; i++) {
  const [ms, run] = timeMs(() => spawnSync(cli, ['check', '--format', 'json', yamlFile], { encoding: 'utf8' }));
  if (run.status !== 0) throw new Error(`scenario check failed (${run.status}): ${run.stdout.slice(0, 500)} ${run.stderr.slice(0, 500)}`);
  checkMs.push(ms);
}
log(`scenario pack (native), ${RUNS} runs`);
const packDir = path.join(work, 'packs');
const packMs = [];
for (let i = 0; i < RUNS; i++) {
  rmSync(packDir, { recursive: true, force: true });
  const [ms, run] = timeMs(() => spawnSync(cli, ['pack', work, '--out', packDir], { encoding: 'utf8' }));
  if (run.status !== 0 || run.stderr.includes('holds errors')) throw new Error(`scenario pack failed (${run.status}): ${run.stderr.slice(0, 500)}`);
  packMs.push(ms);
}
const packFile = path.join(packDir, `${STAND_IN}.json`);
const packBytes = statSync(packFile).size;
// What spawning any process costs from this node process (part of the figures above).
const spawnMs = [];
for (let i = 0; i < RUNS; i++) spawnMs.push(timeMs(() => spawnSync('/bin/true'))[0]);
machine.loadavg.after_check = load();

// --- 2. in the browser ---------------------------------------------------------------------
const withStory = path.join(work, 'dist-with-story');
cpSync(DIST, withStory, { recursive: true });
cpSync(packFile, path.join(withStory, 'scenarios', `${STAND_IN}.json`));
// A page without the app (and its CSP) for inkjs.
writeFileSync(path.join(withStory, 'ink.html'), '<!doctype html><html lang="en"><meta charset="utf-8"><title>ink</title></html>');
cpSync(require.resolve('inkjs/full'), path.join(withStory, 'ink-full.js'));
writeFileSync(path.join(withStory, 'story.ink.txt'), story.ink);

/** One page load of the app: first-screen mark, last scenario response, the stand-in's title. */
async function appLoad(browser, server) {
  const session = await newPage(browser, { origin: server.origin });
  try {
    await session.page.goto(server.url, { waitUntil: 'commit' });
    const first = await waitForFirstScreen(session.page, { requireMark: true, problems: session.problems });
    const timing = await session.page.evaluate((stem) => {
      const files = performance.getEntriesByType('resource').filter((e) => /\/scenarios\/[^/]+\.json$/.test(e.name));
      return {
        files: files.length,
        lastResponseEnd: Math.max(...files.map((e) => e.responseEnd)),
        standInBytes: files.find((e) => e.name.endsWith(`/${stem}.json`))?.decodedBodySize,
      };
    }, STAND_IN);
    // The stand-in scenario loaded without errors: its card is there, with its title.
    const title = await session.page.locator(`#card-${STAND_IN}`).textContent({ timeout: 5_000 });
    const problems = Object.entries(session.problems).flatMap(([kind, list]) => list.map((p) => `${kind}: ${p}`));
    return { firstScreen: first.ms, loadToScreen: first.ms - timing.lastResponseEnd, ...timing, title, problems };
  } finally {
    await session.close();
  }
}

log(`the app in Chromium, ${RUNS} page loads each with the bundled and the generated file, alternating`);
const browser = await launchBrowser();
const pageLoads = { bundled: [], generated: [] };
let inkBrowser = null;
const problems = [];
const servers = { bundled: await startServer({ root: DIST }), generated: await startServer({ root: withStory }) };
try {
  machine.chromium = browser.version();
  for (let i = 0; i < RUNS; i++) {
    for (const label of ['bundled', 'generated']) {
      const run = await appLoad(browser, servers[label]);
      pageLoads[label].push(run);
      problems.push(...run.problems.map((p) => `${label}: ${p}`));
    }
  }
  for (const run of pageLoads.generated) {
    if (run.title !== 'Generated' || run.standInBytes !== packBytes) throw new Error(`the generated story was not the one loaded: ${JSON.stringify(run)}`);
  }
  machine.loadavg.after_app = load();

  log(`inkjs in Chromium, ${RUNS} runs`);
  const session = await newPage(browser, { origin: servers.generated.origin });
  try {
    await session.page.goto(`${servers.generated.url}ink.html`);
    await session.page.addScriptTag({ url: `${servers.generated.url}ink-full.js` });
    inkBrowser = await session.page.evaluate(
      async ({ runs }) => {
        const source = await (await fetch('./story.ink.txt')).text();
        const compile = [];
        const load = [];
        let json = null;
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          const compiled = new inkjs.Compiler(source).Compile();
          compile.push(performance.now() - t);
          json ??= compiled.ToJson();
        }
        for (let i = 0; i < runs; i++) {
          const t = performance.now();
          new inkjs.Story(json);
          load.push(performance.now() - t);
        }
        return { compile, load };
      },
      { runs: RUNS },
    );
    problems.push(...Object.values(session.problems).flat().map((p) => `ink page: ${p}`));
  } finally {
    await session.close();
  }
  machine.loadavg.end = load();
} finally {
  await browser.close();
  await servers.bundled.close();
  await servers.generated.close();
  rmSync(work, { recursive: true, force: true });
}

// --- 3. sizes --------------------------------------------------------------------------------
const inkDir = path.dirname(require.resolve('inkjs/full'));
const inkRuntime = readFileSync(path.join(inkDir, 'ink.js'));
const inkFull = readFileSync(path.join(inkDir, 'ink-full.js'));
const ours = distSizes(DIST);
const oursCode = ours.byKind.wasm.gzip + ours.byKind.js.gzip;

const loadToScreen = (label) => pageLoads[label].map((r) => r.loadToScreen);
const ourLoad = median(loadToScreen('generated')) - median(loadToScreen('bundled'));
const result = {
  machine,
  story: {
    nodes: NODES,
    ...structure.generated,
    yaml_bytes: yamlBytes,
    pack_bytes: packBytes,
    ink_bytes: Buffer.byteLength(story.ink),
    ink_json_bytes: Buffer.byteLength(json),
  },
  same_story: { structure, plays },
  runs: RUNS,
  node_inkjs_compile_ms: summary(compileMs),
  node_inkjs_story_load_ms: summary(storyLoadMs),
  native_scenario_check_ms: summary(checkMs),
  native_scenario_pack_ms: summary(packMs),
  spawn_true_ms: summary(spawnMs),
  browser_app: {
    last_scenario_response_to_first_screen_ms: { bundled: summary(loadToScreen('bundled')), generated: summary(loadToScreen('generated')) },
    first_screen_ms: { bundled: summary(pageLoads.bundled.map((r) => r.firstScreen)), generated: summary(pageLoads.generated.map((r) => r.firstScreen)) },
    our_load_ms: r1(ourLoad),
  },
  browser_inkjs_compile_ms: summary(inkBrowser.compile),
  browser_inkjs_story_load_ms: summary(inkBrowser.load),
  gzip_bytes: {
    inkjs_runtime: gzipSize(inkRuntime),
    inkjs_full: gzipSize(inkFull),
    ours_wasm_js: oursCode,
    ours_wasm: ours.byKind.wasm.gzip,
    ours_app_total: ours.total.gzip,
  },
  problems,
};
result.ratios = {
  node_inkjs_compile_over_native_check: r1(median(compileMs) / median(checkMs)),
  node_inkjs_compile_over_native_pack: r1(median(compileMs) / median(packMs)),
  browser_inkjs_compile_over_our_load: r1(median(inkBrowser.compile) / ourLoad),
  browser_inkjs_story_load_over_our_load: Math.round((median(inkBrowser.load) / ourLoad) * 100) / 100,
  ours_wasm_js_over_inkjs_runtime: r1(oursCode / result.gzip_bytes.inkjs_runtime),
  ours_wasm_js_over_inkjs_full: r1(oursCode / result.gzip_bytes.inkjs_full),
};
console.log(JSON.stringify(result, null, 1));
const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
console.error(
  [
    `ink-compare: ${NODES} nodes (${story.counts.decisions} decisions, ${story.counts.choices} choices), the same story in both (structure and ${Object.keys(plays).length} plays agree); medians of ${RUNS}; ${machine.nproc} × ${machine.cpu}, load ${machine.loadavg.start.join(' ')} → ${machine.loadavg.end.join(' ')}`,
    `  inkjs compile (node) ${result.node_inkjs_compile_ms.median} ms vs scenario check (native, whole process, of which ~${result.spawn_true_ms.median} ms is spawning any process) ${result.native_scenario_check_ms.median} ms: ${result.ratios.node_inkjs_compile_over_native_check}×; scenario pack ${result.native_scenario_pack_ms.median} ms: ${result.ratios.node_inkjs_compile_over_native_pack}×`,
    `  in Chromium: inkjs compile ${result.browser_inkjs_compile_ms.median} ms, inkjs new Story(json) ${result.browser_inkjs_story_load_ms.median} ms; the app loading our pack ${result.browser_app.our_load_ms} ms (last file → first screen ${result.browser_app.last_scenario_response_to_first_screen_ms.generated.median} vs ${result.browser_app.last_scenario_response_to_first_screen_ms.bundled.median} ms): inkjs compile ${result.ratios.browser_inkjs_compile_over_our_load}×, inkjs Story(json) ${result.ratios.browser_inkjs_story_load_over_our_load}×`,
    `  gzip -9: inkjs runtime ${kb(result.gzip_bytes.inkjs_runtime)}, with compiler ${kb(result.gzip_bytes.inkjs_full)}; ours wasm + js ${kb(oursCode)} (whole app ${kb(ours.total.gzip)}): ${result.ratios.ours_wasm_js_over_inkjs_runtime}× the ink runtime, ${result.ratios.ours_wasm_js_over_inkjs_full}× runtime + compiler`,
  ].join('\n'),
);
if (problems.length) {
  console.error(`ink-compare: ${problems.length} page problem(s), see JSON`);
  process.exitCode = 1;
}
