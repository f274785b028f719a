#!/usr/bin/env node
// Minifies a release build's text files in place, then makes index.html's subresource-integrity
// hashes match them again:
//
//   node scripts/minify.mjs DIST
//
// trunk runs it after every release build (scripts/release-dist.sh, a post_build hook in
// Trunk.toml); by hand, `node scripts/minify.mjs dist` on a built dist/ (running it again
// only renames local names once more).
//
// What: every .js and .css file that DIST/index.html names (the stylesheet, loader.js, the
// wasm-bindgen JS of the plain build and of the LMS build) through esbuild (`minify`: the
// same program, without comments and whitespace, with short local names), and index.html's
// own comments. Then every `integrity="sha384-…"` in index.html is computed afresh from the
// file it names. -2.9 KB gzip on 2026-12-03 (docs/performance.md, "Size").
//
// Why here and not trunk's own `minify` setting: trunk minifies JS with the minify-js crate,
// which breaks wasm-bindgen's JS (trunk issues #761, #1044: it drops getters, or gives up on
// `export default` and leaves the file as it was), and that setting has no switch for the
// Rust pipeline's JS alone. esbuild is the minifier most bundlers use on wasm-bindgen output.
// It changes no CSS rule's meaning (no `target` is given, so nothing is lowered) and renames
// only local names: wasm-bindgen's import names are object keys, which it keeps.
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { transformSync } from 'esbuild';

const dir = process.argv[2];
if (!dir || process.argv.length > 3) {
  console.error('usage: node scripts/minify.mjs DIST');
  process.exit(2);
}
const htmlPath = path.join(dir, 'index.html');
if (!existsSync(htmlPath)) {
  console.error(`minify: ${htmlPath} not found: build first`);
  process.exit(2);
}

/** The local file an attribute value names (`./a.css`, `a.css`), or null for anything else. */
function localFile(value) {
  if (/^[a-z][a-z0-9+.-]*:|^\/|^#|\.\./i.test(value)) return null;
  return path.join(dir, value.replace(/^\.\//, '').replace(/[?#].*$/, ''));
}

let html = readFileSync(htmlPath, 'utf8');
const before = Buffer.byteLength(html);
let saved = 0;

// The .js and .css files the page names, once each.
const named = new Set();
for (const [, value] of html.matchAll(/\s(?:href|src|data-js|data-lms-js)="([^"]+)"/g)) {
  const file = localFile(value);
  if (file && /\.(js|css)$/.test(file)) named.add(file);
}
for (const file of named) {
  if (!existsSync(file)) {
    console.error(`minify: ${file}, named in index.html, is not there`);
    process.exit(1);
  }
  const source = readFileSync(file, 'utf8');
  const css = file.endsWith('.css');
  // An error (a file esbuild cannot parse) stops the build: better no build than a broken one.
  const { code } = transformSync(source, css ? { loader: 'css', minify: true } : { loader: 'js', format: 'esm', minify: true });
  writeFileSync(file, code);
  saved += Buffer.byteLength(source) - Buffer.byteLength(code);
}

// index.html's comments (notes for whoever reads the source; the page has no inline script or
// style for a comment to be part of: docs/security.md).
html = html.replace(/<!--[\s\S]*?-->\s*/g, '');

// Every integrity hash, from the file as it now is (trunk's are sha384, of the unminified files).
html = html.replace(/<(link|script)\b[^>]*>/g, (tag) => {
  const integrity = /\sintegrity="sha384-[^"]*"/.exec(tag);
  if (!integrity) return tag;
  const ref = /\s(?:href|src)="([^"]+)"/.exec(tag);
  const file = ref && localFile(ref[1]);
  if (!file || !existsSync(file)) {
    console.error(`minify: cannot recompute the integrity of ${tag}`);
    process.exit(1);
  }
  const hash = createHash('sha384').update(readFileSync(file)).digest('base64');
  return tag.replace(integrity[0], ` integrity="sha384-${hash}"`);
});
writeFileSync(htmlPath, html);
saved += before - Buffer.byteLength(html);
console.log(`minify: ${named.size} files and index.html in ${dir}, ${saved} bytes smaller (raw)`);
