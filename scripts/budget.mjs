#!/usr/bin/env node
// The size budget, run by scripts/test.sh after the release build: fails (exit 1) when the
// app's gzip transfer size, wasm + js + css + html in dist/ each gzipped at level 9, is over
// the budget of 150 KB (1 KB = 1024 bytes, as scripts/measure.mjs prints). The scenario
// files, fetched at start-up, are listed but not counted.
//
//   node scripts/budget.mjs [--dist=dist] [--limit-kb=150]
//
// Where the bytes go and what was done about them: docs/performance.md ("Size"). Last
// measured 149.9 KB (153,532 bytes) on 2026-12-03 with the LMS build's loader (issue 17),
// 68 bytes under the budget; dist/lms/ (the LMS build) is listed, not counted. Re-measure, and
// update that table, when the toolchain, yew, scripts/wasm-release.env, the release profile
// or index.html's wasm-opt flags change, or the app gains a screen.
import path from 'node:path';
import { existsSync } from 'node:fs';
import { distSizes, kb, KB } from './sizes.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (use --dist=DIR, --limit-kb=N)`);
    return [m[1], m[2]];
  }),
);
const DIST = path.resolve(args.dist ?? 'dist');
const LIMIT_KB = Number(args['limit-kb'] ?? 150);
if (!Number.isFinite(LIMIT_KB) || LIMIT_KB <= 0) throw new Error(`bad --limit-kb=${args['limit-kb']}`);
const LIMIT = LIMIT_KB * KB;

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`budget: no ${path.join(DIST, 'index.html')}: build first (bash scripts/build.sh)`);
  process.exit(2);
}
const { files, other, lms, byKind, total } = distSizes(DIST);
if (!byKind.wasm) {
  console.error(`budget: no .wasm in ${DIST}: is this a trunk build?`);
  process.exit(2);
}

const pad = (s, n) => String(s).padStart(n);
console.log(`budget: gzip -9 transfer size of ${path.relative(process.cwd(), DIST) || '.'}/`);
for (const f of [...files].sort((a, b) => b.gzip - a.gzip)) {
  console.log(`budget:   ${pad(kb(f.gzip), 10)}  (${pad(kb(f.bytes), 10)} raw)  ${f.file}`);
}
const kinds = ['wasm', 'js', 'css', 'html'].filter((k) => byKind[k]).map((k) => `${k} ${kb(byKind[k].gzip)}`);
console.log(`budget:   ${kinds.join(' + ')}`);
if (other.length) {
  const otherGzip = other.reduce((n, f) => n + f.gzip, 0);
  console.log(`budget:   not counted: ${other.length} other file(s), ${kb(otherGzip)} gzip (scenarios, fetched at start-up)`);
}
if (lms.length) {
  // The LMS build replaces the plain wasm and its JS; the page, CSS and loader are shared.
  const lmsGzip = lms.reduce((n, f) => n + f.gzip, 0);
  const shared = files.filter((f) => f.kind === 'css' || f.kind === 'html' || f.file === 'loader.js').reduce((n, f) => n + f.gzip, 0);
  console.log(
    `budget:   not counted: the LMS/LRS build in lms/, ${kb(lmsGzip)} gzip (${lms.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')}), ` +
      `fetched only under an LMS or an xAPI launch: that path is ${kb(lmsGzip + shared)} plus the plain wasm the page preloads`,
  );
}
const verdict = total.gzip <= LIMIT ? 'within' : 'OVER';
console.log(
  `budget: total ${kb(total.gzip)} (${total.gzip} bytes) gzip, ${verdict} the budget of ${LIMIT_KB} KB (${LIMIT} bytes)` +
    (total.gzip > LIMIT ? ` by ${kb(total.gzip - LIMIT)}` : `, ${kb(LIMIT - total.gzip)} to spare`),
);
if (total.br !== null) {
  // What a host serving the build's .br (docs/hosting.md) sends; the budget stays gzip -9.
  console.log(`budget: (as served: brotli ${kb(total.br)}, ${total.br} bytes, from the .br files scripts/compress.mjs wrote)`);
}
if (total.gzip > LIMIT) {
  console.error('budget: FAILED: see docs/performance.md ("Size") for where the bytes go');
  process.exit(1);
}
