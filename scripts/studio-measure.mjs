#!/usr/bin/env node
// How long the studio's checker takes in the browser (issue 16's "within a second"): the
// worker round trip, from the page's "Checking…" to the result on screen, for the largest
// bundled scenario and for generated files of 1,000, 3,900 and 5,000 nodes (scripts/story-gen.mjs,
// the shape the Rust benchmark uses), five runs each, the median printed. Needs a release build.
//
//   node scripts/studio-measure.mjs [--dist=dist]
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { startServer, launchBrowser, newPage, ROOT } from '../tests/e2e/harness.mjs';
import { generateStory } from './story-gen.mjs';
import { median } from './sizes.mjs';

const dist = path.resolve(process.argv.find((a) => a.startsWith('--dist='))?.slice(7) ?? path.join(ROOT, 'dist'));
const scenarios = path.join(ROOT, 'scenarios');
const largest = readdirSync(scenarios)
  .filter((n) => n.endsWith('.yaml') && n !== 'dimensions.yaml' && n !== 'glossary.yaml')
  .sort((a, b) => statSync(path.join(scenarios, b)).size - statSync(path.join(scenarios, a)).size)[0];
const cases = [
  [largest, readFileSync(path.join(scenarios, largest), 'utf8')],
  // 5 lines a node: issue 16's "5,000-line file".
  ['generated 1,000 nodes', generateStory(1_000, 'studio-measure').yaml],
  // The most this shape fits under the core's 1 MiB file limit (a 5,000-node file of it is
  // 1.3 MiB, which the core refuses at once as `too-large`).
  ['generated 3,900 nodes', generateStory(3_900, 'studio-measure').yaml],
  ['generated 5,000 nodes', generateStory(5_000, 'studio-measure').yaml],
];

const server = await startServer({ root: dist });
const browser = await launchBrowser();
try {
  const { page } = await newPage(browser, { origin: server.origin });
  await page.goto(`${server.url}studio.html`);
  await page.getByRole('textbox', { name: 'Scenario YAML' }).waitFor();
  for (const [name, text] of cases) {
    const runs = [];
    for (let i = 0; i < 5; i++) {
      // A comment that changes each run, so every run is a new check.
      const ms = await page.evaluate(async (text) => {
        const area = document.getElementById('yaml');
        const status = document.querySelector('[data-testid="check-status"]');
        const seen = (what) =>
          new Promise((resolve) => {
            if (what(status.textContent)) return resolve(performance.now());
            const obs = new MutationObserver(() => {
              if (what(status.textContent)) {
                obs.disconnect();
                resolve(performance.now());
              }
            });
            obs.observe(status, { childList: true, subtree: true, characterData: true });
          });
        area.value = text;
        area.dispatchEvent(new Event('input', { bubbles: true }));
        const start = await seen((t) => t.startsWith('Checking'));
        const end = await seen((t) => !t.startsWith('Checking'));
        return { ms: end - start, status: status.textContent };
      }, `${text}\n# run ${i}\n`);
      runs.push(ms.ms);
      if (i === 0) console.log(`studio-measure: ${name}: ${text.split('\n').length} lines, ${(text.length / 1024).toFixed(0)} KiB: ${ms.status}`);
    }
    console.log(`studio-measure: ${name}: check round trip median ${median(runs).toFixed(0)} ms (runs: ${runs.map((r) => r.toFixed(0)).join(', ')})`);
  }
} finally {
  await browser.close();
  await server.close();
}
