#!/usr/bin/env node
// Writes `<file>.gz` (gzip level 9) and `<file>.br` (brotli quality 11) beside every file of
// a built dist/, so that a host serves them as they are, compressed once at build time
// instead of on every request (nginx `gzip_static`/`brotli_static`; docs/hosting.md), and
// scripts/serve.mjs serves them by the browser's Accept-Encoding. Node's own zlib does both
// (brotli is built in since node 11): no new dependency.
//
//   node scripts/compress.mjs [DIR ...]      (default: dist)
//
// scripts/build.sh and scripts/test.sh run it after `trunk build`; scripts/pack.sh after
// repacking a built dist/scenarios by hand, scripts/lrs-csp.mjs after editing index.html.
// Every file gets both, even where compressing gains little (a few bytes of html), so that a
// host's rule "serve the .br if there is one" is always right. A `.gz`/`.br` whose original is
// gone is removed; one older than its original is rewritten (an original edited after a build).
import { readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

/** The encodings written, by file suffix (what scripts/serve.mjs offers, best first). */
export const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
];

const isCompressed = (file) => ENCODINGS.some((e) => file.endsWith(e.suffix));

/** `bytes` compressed for `encoding` ('br' or 'gzip'), at the strongest setting. */
export function compress(bytes, encoding) {
  if (encoding === 'gzip') return gzipSync(bytes, { level: 9 });
  return brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
}

function* filesUnder(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* filesUnder(full);
    else if (entry.isFile()) yield full;
  }
}

/**
 * Compresses every file under `dir`; returns { files, written, removed, bytes, br, gzip }
 * (sizes summed over the originals and each encoding).
 */
export function compressDir(dir) {
  const summary = { files: 0, written: 0, removed: 0, bytes: 0, br: 0, gzip: 0 };
  for (const file of [...filesUnder(dir)]) {
    if (isCompressed(file)) {
      const original = file.slice(0, file.lastIndexOf('.'));
      if (!statSync(original, { throwIfNoEntry: false })?.isFile()) {
        rmSync(file);
        summary.removed += 1;
      }
      continue;
    }
    const stat = statSync(file);
    const bytes = readFileSync(file);
    summary.files += 1;
    summary.bytes += bytes.length;
    for (const { name, suffix } of ENCODINGS) {
      const target = file + suffix;
      const old = statSync(target, { throwIfNoEntry: false });
      if (old && old.mtimeMs >= stat.mtimeMs) {
        summary[name] += old.size;
        continue;
      }
      const packed = compress(bytes, name);
      writeFileSync(target, packed);
      summary[name] += packed.length;
      summary.written += 1;
    }
  }
  return summary;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dirs = process.argv.slice(2);
  for (const dir of dirs.length ? dirs : ['dist']) {
    if (!statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
      console.error(`compress: no folder ${dir}: build first (bash scripts/build.sh)`);
      process.exit(2);
    }
    const s = compressDir(dir);
    const kb = (b) => `${(b / 1024).toFixed(1)} KB`;
    console.log(
      `compress: ${dir}: ${s.files} files, ${kb(s.bytes)} → br ${kb(s.br)}, gzip ${kb(s.gzip)} ` +
        `(${s.written} written, ${s.removed} stale removed)`,
    );
  }
}
