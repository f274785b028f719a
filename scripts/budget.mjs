#!/usr/bin/env node
// The size budget, run by scripts/test.sh after the release build: fails (exit 1) when the
// app's gzip transfer size, wasm + js + css + html in dist/ each gzipped at level 9, is over
// the budget of 150 KB (1 KB = 1024 bytes, as scripts/measure.mjs prints). The scenario
// files (index.json at start-up, each pack when its scenario is opened or at idle) are listed
// but not counted; nor are the site's other pages
// (report.html with report/, studio.html with studio/), which a learner never loads, and the
// glossary page (glossary.html and glossary.css, a page of its own that the app only links to).
//
//   node scripts/budget.mjs [--dist=dist] [--limit-kb=150]
//   node scripts/budget.mjs --page=report|studio [--limit-kb=N]   (another page, its own budget)
//
// With --page=NAME it measures that page alone: NAME.html, its wasm, JS and CSS in NAME/ and
// the learner's stylesheet it links, against its own budget (the cohort report page: 300 KB,
// measured 278.2 KB; the studio: 280 KB, measured 274.7 KB; both on 2026-12-03,
// docs/performance.md, "The cohort report page", "The studio"); the scenarios' YAML the
// studio fetches on "Start from…" is listed, not counted. Without --page it also fails when
// the learner's index.html names a file of another page, or a learner wasm or JS carries the
// studio's wasm exports: a learner downloads none of the trainers' pages.
//
// Where the bytes go and what was done about them: docs/performance.md ("Size"). Last
// measured 149.6 KB (153,173 bytes) on 2026-12-03 in CI's run, 427 bytes under the budget:
// 144.1 KB after this session's size work (esbuild minifying the JS, CSS and HTML; the talc
// allocator), then the glossary's links, the lazily fetched packs (issue 19) and the links to
// the studio and the cohort report page; dist/lms/ (the LMS build) is listed, not counted.
// Re-measure, and update that table, when the toolchain, yew, talc, esbuild,
// scripts/wasm-release.env, the release profile or index.html's wasm-opt flags change, or the
// app gains a screen.
import path from 'node:path';
import { existsSync, readFileSync } from 'node:fs';
import { distSizes, kb, KB, PAGES, pageOf } from './sizes.mjs';

const args = Object.fromEntries(
  process.argv.slice(2).map((a) => {
    const m = /^--([^=]+)=(.*)$/.exec(a);
    if (!m) throw new Error(`unknown argument ${a} (use --dist=DIR, --limit-kb=N, --page=NAME)`);
    return [m[1], m[2]];
  }),
);
const DIST = path.resolve(args.dist ?? 'dist');
// Each page's own budget (KB gzip), when --limit-kb does not say.
const PAGE_BUDGETS = { report: 300, studio: 280 };
const PAGE = args.page;
if (PAGE !== undefined && !PAGES.includes(PAGE)) throw new Error(`--page=${PAGE}: not one of ${PAGES.join(', ')}`);
const LIMIT_KB = Number(args['limit-kb'] ?? (PAGE ? PAGE_BUDGETS[PAGE] : 150));
if (!Number.isFinite(LIMIT_KB) || LIMIT_KB <= 0) throw new Error(`bad --limit-kb=${args['limit-kb']}`);
const LIMIT = LIMIT_KB * KB;

if (!existsSync(path.join(DIST, 'index.html'))) {
  console.error(`budget: no ${path.join(DIST, 'index.html')}: build first (bash scripts/build.sh)`);
  process.exit(2);
}
const { files, other, lms, pages, glossary, byKind, total } = distSizes(DIST);
const pad = (s, n) => String(s).padStart(n);

if (PAGE) {
  const list = pages[PAGE] ?? [];
  if (!list.some((f) => f.file === `${PAGE}.html`) || !list.some((f) => f.kind === 'wasm')) {
    console.error(`budget: no ${PAGE}.html with a .wasm in ${PAGE}/ in ${DIST}: build first (bash scripts/build.sh)`);
    process.exit(2);
  }
  // The page's own files but its data (the studio's scenario YAML), and the learner's CSS it links.
  const pageHtml = readFileSync(path.join(DIST, `${PAGE}.html`), 'utf8');
  const linked = files.filter((f) => f.kind === 'css' && pageHtml.includes(`"./${f.file}"`));
  const counted = [...list.filter((f) => f.kind !== 'other'), ...linked];
  const data = list.filter((f) => f.kind === 'other');
  const sum = counted.reduce((n, f) => n + f.gzip, 0);
  console.log(`budget: gzip -9 transfer size of ${PAGE}.html and ${PAGE}/ (a page of its own)`);
  for (const f of [...counted].sort((a, b) => b.gzip - a.gzip)) {
    console.log(`budget:   ${pad(kb(f.gzip), 10)}  (${pad(kb(f.bytes), 10)} raw)  ${f.file}`);
  }
  if (data.length) {
    console.log(`budget:   not counted: ${data.length} data file(s), ${kb(data.reduce((n, f) => n + f.gzip, 0))} gzip (fetched on demand)`);
  }
  const over = sum > LIMIT;
  console.log(
    `budget: ${PAGE} total ${kb(sum)} (${sum} bytes) gzip, ${over ? 'OVER' : 'within'} its budget of ${LIMIT_KB} KB (${LIMIT} bytes)` +
      (over ? ` by ${kb(sum - LIMIT)}` : `, ${kb(LIMIT - sum)} to spare`),
  );
  if (over) {
    console.error(`budget: FAILED: see docs/performance.md for the ${PAGE} page's bytes`);
    process.exit(1);
  }
  process.exit(0);
}
if (!byKind.wasm) {
  console.error(`budget: no .wasm in ${DIST}: is this a trunk build?`);
  process.exit(2);
}

console.log(`budget: gzip -9 transfer size of ${path.relative(process.cwd(), DIST) || '.'}/`);
for (const f of [...files].sort((a, b) => b.gzip - a.gzip)) {
  console.log(`budget:   ${pad(kb(f.gzip), 10)}  (${pad(kb(f.bytes), 10)} raw)  ${f.file}`);
}
const kinds = ['wasm', 'js', 'css', 'html'].filter((k) => byKind[k]).map((k) => `${k} ${kb(byKind[k].gzip)}`);
console.log(`budget:   ${kinds.join(' + ')}`);
if (other.length) {
  const otherGzip = other.reduce((n, f) => n + f.gzip, 0);
  console.log(`budget:   not counted: ${other.length} other file(s), ${kb(otherGzip)} gzip (scenarios: index.json at start-up, each pack when opened or at idle)`);
}
for (const [name, list] of Object.entries(pages)) {
  const sum = list.reduce((n, f) => n + f.gzip, 0);
  console.log(`budget:   not counted: ${name}.html and ${name}/, ${kb(sum)} gzip, a page of its own (--page=${name})`);
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
// A learner downloads none of the other pages: index.html names none of their files, and no
// learner file carries the studio's wasm exports (its wasm-bindgen names).
const failures = [];
const indexHtml = readFileSync(path.join(DIST, 'index.html'), 'utf8');
for (const [, ref] of indexHtml.matchAll(/\s(?:src|href|data-[a-z-]+)="([^"]+)"/g)) {
  const rel = path.normalize(ref.replace(/^\.\//, ''));
  if (pageOf(rel)) failures.push(`index.html names ${ref}, a file of ${pageOf(rel)}.html`);
}
for (const f of files) {
  if (f.kind !== 'wasm' && f.kind !== 'js') continue;
  const body = readFileSync(path.join(DIST, f.file));
  for (const name of ['start_studio', 'check_in_worker']) {
    if (body.includes(name)) failures.push(`${f.file} carries the studio's \`${name}\``);
  }
}
if (glossary.length) {
  const glossaryGzip = glossary.reduce((n, f) => n + f.gzip, 0);
  console.log(
    `budget:   not counted: the glossary page, ${kb(glossaryGzip)} gzip (${glossary.map((f) => `${f.file} ${kb(f.gzip)}`).join(', ')}), ` +
      'fetched only when the learner opens it, never by the app',
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
if (total.gzip > LIMIT) failures.push(`the learner's app is ${kb(total.gzip - LIMIT)} over its budget`);
if (failures.length) {
  for (const f of failures) console.error(`budget: FAILED: ${f}`);
  console.error('budget: see docs/performance.md ("Size") for where the bytes go');
  process.exit(1);
}
