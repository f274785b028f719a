// Transfer sizes of a built dist/: each file gzipped at level 9 (zlib, as `gzip -9`),
// grouped by kind, and the median of a series. Shared by scripts/budget.mjs (the CI size
// check), scripts/measure.mjs (the size and speed report) and scripts/ink-compare.mjs.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync, constants as zlibConstants } from 'node:zlib';

/** The kinds that make up the app's transfer size; everything else is reported apart. */
export const KINDS = { '.wasm': 'wasm', '.js': 'js', '.mjs': 'js', '.css': 'css', '.html': 'html' };

/** One kilobyte, as these reports print it. */
export const KB = 1024;

export function kb(bytes) {
  return `${(bytes / KB).toFixed(1)} KB`;
}

/** Bytes of `data` gzipped at level 9: the one compression every size report here uses. */
export function gzipSize(data) {
  return gzipSync(data, { level: zlibConstants.Z_BEST_COMPRESSION }).length;
}

/** The median of `values` (the mean of the middle two for an even count); null if empty. */
export function median(values) {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

/** The .gz and .br that scripts/compress.mjs writes beside every file: not files of their own. */
const isCompressedCopy = (name) => name.endsWith('.gz') || name.endsWith('.br');

function walk(dir) {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return walk(full);
    return isCompressedCopy(name) ? [] : [full];
  });
}

/** The folder of the app's second build, with the LMS/LRS runtime (scripts/lms-variant.sh). */
export const LMS_DIR = 'lms';

/**
 * The site's other pages, each NAME.html with its files in NAME/ (built by sq_build_page in
 * scripts/lib.sh): a learner opening index.html fetches none of them.
 */
export const PAGES = ['report', 'studio'];

/** The page a dist-relative file belongs to (one of PAGES), or null for the learner's app. */
export function pageOf(rel) {
  const top = rel.split(path.sep)[0];
  const name = top.endsWith('.html') && !rel.includes(path.sep) ? top.slice(0, -'.html'.length) : top;
  return PAGES.includes(name) ? name : null;
}

/** The glossary page and its stylesheet, written by `scenario pack --site`. */
export const GLOSSARY_FILES = ['glossary.html', 'glossary.css'];

/**
 * Sizes of every file under `dist`: { files, other, lms, pages, glossary, byKind, total }. `files` are
 * the app's (wasm, js, css, html) as { file, kind, bytes, gzip }; `other` the rest (the
 * scenarios: index.json at start-up, each pack when opened or at idle); `lms` the files of dist/lms/, which the loader fetches
 * only under an LMS or an xAPI launch (in place of the plain wasm and its JS), reported
 * apart; `pages[NAME]` the files of the other pages (NAME.html and NAME/), apart too;
 * `glossary` the glossary page's (GLOSSARY_FILES: `scenario pack --site`, the
 * core's pack/page.rs), fetched only when the learner opens it, never by the app, apart too;
 * `byKind[kind]` and `total` sum `bytes` and `gzip` of `files`. The `.gz` and `.br` beside
 * each file (scripts/compress.mjs) are skipped; `br` is the size of the `.br`, when there is
 * one (else null), summed in `byKind` and `total` as `br` when every file has one.
 */
export function distSizes(dist) {
  const files = [];
  const other = [];
  const lms = [];
  const pages = {};
  const glossary = [];
  for (const file of walk(dist).sort()) {
    const kind = KINDS[path.extname(file).toLowerCase()];
    const data = readFileSync(file);
    const gzip = gzipSize(data);
    const rel = path.relative(dist, file);
    const page = pageOf(rel);
    const list = page
      ? (pages[page] ??= [])
      : rel.split(path.sep)[0] === LMS_DIR
        ? lms
        : GLOSSARY_FILES.includes(rel)
          ? glossary
          : kind
            ? files
            : other;
    const br = statSync(`${file}.br`, { throwIfNoEntry: false })?.size ?? null;
    list.push({ file: rel, kind: kind ?? 'other', bytes: data.length, gzip, br });
  }
  const byKind = {};
  for (const f of files) {
    byKind[f.kind] ??= { bytes: 0, gzip: 0, br: 0 };
    byKind[f.kind].bytes += f.bytes;
    byKind[f.kind].gzip += f.gzip;
    byKind[f.kind].br = byKind[f.kind].br === null || f.br === null ? null : byKind[f.kind].br + f.br;
  }
  const total = {
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    gzip: files.reduce((n, f) => n + f.gzip, 0),
    br: files.some((f) => f.br === null) ? null : files.reduce((n, f) => n + f.br, 0),
  };
  return { files, other, lms, pages, glossary, byKind, total };
}
