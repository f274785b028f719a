#!/usr/bin/env node
// Size and speed of a release build, after `trunk build --release --offline`:
//   node scripts/measure.mjs [--runs=7] [--dist=dist]
// 1. gzip (zlib level 9, as gzip -9) transfer size of dist/: each .wasm/.js/.css/.html file, per kind
//    and in total.
// 2. The median over N runs (default 7) of the time from navigation start to the first
//    screen in headless Chromium, each run in a fresh browser context: the app's
//    performance mark `sq:first-screen`, or, while the app sets no such mark, the first
//    element rendered in <body> (the output says which).
// Prints one JSON object, then a one-line human summary.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';
import {
  DIST_DIR,
  FIRST_SCREEN_MARK,
  launchBrowser,
  newPage,
  startServer,
  waitForFirstScreen,
} from '../tests/e2e/harness.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)(?:=(.*))?$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (use --runs=N, --dist=DIR)`);
    return [m[1], m[2] ?? 'true'];
  }),
);
const RUNS = Number(args.runs ?? 7);
const DIST = path.resolve(args.dist ?? DIST_DIR);
const KINDS = { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.css': 'css', '.html': 'html' };

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

function kb(bytes) {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

// --- sizes ---------------------------------------------------------------------------
const files = [];
const other = [];
for (const file of walk(DIST).sort()) {
  const kind = KINDS[path.extname(file).toLowerCase()];
  const rel = path.relative(DIST, file);
  const data = readFileSync(file);
  const gzip = gzipSync(data, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
  (kind ? files : other).push({ file: rel, kind: kind ?? 'other', bytes: data.length, gzip });
}
if (!files.some((f) => f.kind === 'wasm')) {
  console.error(`no .wasm in ${DIST}: run trunk build --release --offline first`);
  process.exit(1);
}
const byKind = {};
for (const f of files) {
  byKind[f.kind] ??= { bytes: 0, gzip: 0 };
  byKind[f.kind].bytes += f.bytes;
  byKind[f.kind].gzip += f.gzip;
}
const total = {
  bytes: files.reduce((n, f) => n + f.bytes, 0),
  gzip: files.reduce((n, f) => n + f.gzip, 0),
};

// --- time to first screen ------------------------------------------------------------
const server = await startServer({ root: DIST });
const browser = await launchBrowser();
const runs = [];
const problems = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const session = await newPage(browser, { origin: server.origin });
    try {
      await session.page.goto(server.url, { waitUntil: 'commit' });
      const first = await waitForFirstScreen(session.page, { problems: session.problems });
      runs.push(first);
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
const sources = [...new Set(runs.map((r) => r.source))];
const firstScreen = {
  metric: sources.includes('first-element')
    ? `first element in <body> (app sets no '${FIRST_SCREEN_MARK}' mark yet)`
    : `performance mark '${FIRST_SCREEN_MARK}'`,
  runs_ms: runs.map((r) => Math.round(r.ms * 10) / 10),
  median_ms: Math.round(median(runs.map((r) => r.ms)) * 10) / 10,
};

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
  first_screen_ms: { median: firstScreen.median_ms, runs: firstScreen.runs_ms, metric: firstScreen.metric },
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
  `measure: gzip transfer ${kb(total.gzip)} (${kinds}; raw ${kb(total.bytes)}); ` +
    `first screen median ${firstScreen.median_ms} ms over ${RUNS} runs [${firstScreen.metric}]` +
    (problems.length ? `; ${problems.length} page problem(s), see JSON` : ''),
);
if (problems.length) process.exitCode = 1;
