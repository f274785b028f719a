#!/usr/bin/env node
// Measures the cohort report page (report.html) on a large statements file, in headless
// Chromium against the built dist/: how long the web worker takes to read N statements (the
// time the page would be blocked if it read them on its main thread), the time from "Make the
// report" to the report on screen, and the main thread's longest task meanwhile (Long Tasks
// API: tasks over 50 ms). docs/performance.md, "The cohort report page", has the figures.
//
//   node scripts/report-page-measure.mjs [--statements=100000] [--dist=dist]
//
// Not a test (timings vary with the machine); the browser tests check the numbers shown.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, startServer, launchBrowser, newPage } from '../tests/e2e/harness.mjs';

const args = Object.fromEntries(process.argv.slice(2).map((a) => a.replace(/^--/, '').split('=')));
const N = Number(args.statements ?? 100000);
const DIST = path.resolve(args.dist ?? path.join(ROOT, 'dist'));
const dir = mkdtempSync(path.join(os.tmpdir(), 'sq-report-measure-'));
try {
  const file = path.join(dir, 'cohort.jsonl');
  const scenario = 'promise-you-wont-tell';
  execFileSync('cargo', ['run', '--quiet', '--offline', '-p', 'scenario-report', '--example', 'gen_cohort', '--',
    '--scenario', `scenarios/${scenario}.yaml`, '--statements', String(N), '--activity', `https://example.org/s/${scenario}`, '--out', file],
  { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  const mb = statSync(file).size / 1048576;
  const server = await startServer({ root: DIST });
  const browser = await launchBrowser();
  try {
    const { page, close } = await newPage(browser, { origin: server.origin });
    await page.addInitScript(() => {
      window.__long = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__long.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${server.url}report.html`);
    await page.locator(`#report-scenario option[value="${scenario}"]`).waitFor({ state: 'attached' });
    await page.locator('#report-scenario').selectOption(scenario);
    await page.locator('#source-file').setInputFiles(file);
    const start = await page.evaluate(() => performance.now());
    await page.locator('button[type="submit"]').click();
    await page.locator('[data-testid="report"]').waitFor({ timeout: 600_000 });
    const end = await page.evaluate(() => performance.now());
    const note = await page.locator('[data-testid="read-note"]').innerText();
    const long = await page.evaluate((s) => window.__long.filter((t) => t.start >= s), start);
    const longest = long.reduce((m, t) => Math.max(m, t.ms), 0);
    console.log(`report-page-measure: ${N} statements, ${mb.toFixed(1)} MB of JSON lines`);
    console.log(`report-page-measure: worker: ${note}`);
    console.log(`report-page-measure: click → report on screen: ${((end - start) / 1000).toFixed(2)} s`);
    console.log(`report-page-measure: main thread meanwhile: ${long.length} long task(s) over 50 ms, the longest ${longest.toFixed(0)} ms`);
    await close();
  } finally {
    await browser.close();
    await server.close();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
