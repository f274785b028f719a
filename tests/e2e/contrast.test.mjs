// WCAG 2.2 AA contrast of the colour pairs the stylesheet uses, computed from the custom
// properties in styles/app.css for the light and the dark scheme: text at least 4.5:1,
// user-interface parts (borders of controls, the focus ring, score bars) at least 3:1.
// axe-core checks the text it finds on a page; this also covers borders and the focus ring.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './harness.mjs';

const css = readFileSync(path.join(ROOT, 'styles', 'app.css'), 'utf8');

/** The custom properties declared in the first `:root { … }` after `from`. */
function variables(from) {
  const start = css.indexOf(':root {', css.indexOf(from));
  const block = css.slice(start, css.indexOf('}', start));
  return Object.fromEntries(Array.from(block.matchAll(/--([\w-]+):\s*(#[0-9a-fA-F]{6})\s*;/g), (m) => [m[1], m[2]]));
}

function luminance(hex) {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255);
  const lin = (c) => (c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a, b) {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
}

// [foreground, background, minimum]: text 4.5, UI parts 3.
const TEXT = 4.5;
const UI = 3;
const PAIRS = [
  ...['bg', 'surface', 'surface-2', 'accent-soft'].flatMap((bg) => [
    ['text', bg, TEXT],
    ['muted', bg, TEXT],
    ['accent', bg, TEXT],
  ]),
  ['accent-text', 'accent', TEXT],
  ['critical-text', 'critical-bg', TEXT],
  ['warn-text', 'warn-bg', TEXT],
  ['pass-text', 'pass-bg', TEXT],
  ['fail-text', 'fail-bg', TEXT],
  ['pass-text', 'bg', TEXT],
  ['fail-text', 'bg', TEXT],
  ['danger-text', 'critical-border', TEXT],
  ['border', 'bg', UI],
  ['border', 'surface', UI],
  ['border', 'surface-2', UI],
  ['accent', 'surface', UI],
  ['focus', 'bg', UI],
  ['focus', 'surface', UI],
  ['focus', 'surface-2', UI],
  ['focus', 'accent-soft', UI],
  ['focus', 'critical-bg', UI],
  ['bar-fill', 'bar-track', UI],
  ['critical-border', 'critical-bg', UI],
  ['critical-border', 'surface', UI],
  ['warn-border', 'warn-bg', UI],
];

for (const [scheme, from] of [['light', ''], ['dark', 'prefers-color-scheme: dark']]) {
  test(`colour pairs meet WCAG AA contrast (${scheme})`, () => {
    const vars = variables(from);
    const failures = [];
    for (const [fg, bg, min] of PAIRS) {
      assert.ok(vars[fg] && vars[bg], `--${fg} and --${bg} are declared for ${scheme}`);
      const ratio = contrast(vars[fg], vars[bg]);
      if (ratio < min) failures.push(`--${fg} ${vars[fg]} on --${bg} ${vars[bg]}: ${ratio.toFixed(2)} < ${min}`);
    }
    assert.deepEqual(failures, []);
  });
}
