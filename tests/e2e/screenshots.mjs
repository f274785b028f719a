// Screenshots of every screen for a person to look at (not a test: run it by hand).
//
//   node tests/e2e/screenshots.mjs [out-dir]     (default /tmp/sq-shots)
//
// Plays `promise-you-wont-tell` along its red-line path, then captures the catalogue
// (plain and filtered), intro, a decision, red-line feedback, the debrief, history,
// settings, the support panel, the clear-data confirmation and trainer mode, at 1280 px
// and 360 px wide (and 640 px, which is 1280 px at 200% zoom), light and dark; and the
// debrief printed to PDF (converted to PNG with pdftoppm when it is installed).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchBrowser, newPage, startServer } from './harness.mjs';
import { PATHS } from './flows.mjs';

const OUT = path.resolve(process.argv[2] || '/tmp/sq-shots');
const SCENARIO = 'promise-you-wont-tell';
const CRITICAL = PATHS.find((p) => p.critical.length > 0).choices;
mkdirSync(OUT, { recursive: true });

const server = await startServer();
const browser = await launchBrowser();
const url = (hash) => new URL(hash, server.url).href;

async function play(page, choices) {
  for (const choice of choices) {
    while ((await page.locator(`[data-choice="${choice}"]`).count()) === 0) {
      await page.locator('[data-testid="continue"]').click();
    }
    await page.locator(`[data-choice="${choice}"]`).click();
    await page.locator('[data-testid="feedback"]').waitFor();
    if (choice !== choices.at(-1)) await page.locator('[data-testid="continue"]').click();
  }
}

async function shoot(name, page) {
  // Settled: fonts loaded, and two frames for anything the last render changed.
  await page.evaluate(() => document.fonts.ready.then(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)))));
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) console.log(`${name}: ${overflow} px of horizontal overflow`);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage: true });
  // Tall pages also in parts, readable at full size.
  const { width, height } = await page.evaluate(() => ({
    width: document.documentElement.clientWidth,
    height: document.documentElement.scrollHeight,
  }));
  const part = width < 700 ? 900 : 1300;
  if (height > part * 1.3) {
    for (let y = 0, i = 1; y < height; y += part, i++) {
      const clip = { x: 0, y, width, height: Math.min(part, height - y) };
      await page.screenshot({ path: path.join(OUT, `${name}-part${i}.png`), fullPage: true, clip });
    }
  }
}

for (const [width, scheme] of [[1280, 'light'], [360, 'light'], [640, 'light'], [1280, 'dark'], [360, 'dark']]) {
  const tag = `${width}-${scheme}`;
  const { page, close } = await newPage(browser, {
    origin: server.origin,
    contextOptions: { viewport: { width, height: 800 }, colorScheme: scheme },
  });
  await page.goto(url('#/'));
  await page.locator(`[data-testid="open-${SCENARIO}"]`).waitFor();
  await shoot(`${tag}-01-catalogue`, page);
  await page.selectOption('[data-testid="filter-topic"]', 'selfcare');
  await shoot(`${tag}-02-catalogue-filtered`, page);
  await page.goto(url(`#/s/${SCENARIO}`));
  await page.locator('[data-testid="start"]').waitFor();
  await shoot(`${tag}-03-intro`, page);
  await page.locator('[data-testid="start"]').click();
  await page.locator('[data-choice]').first().waitFor();
  await shoot(`${tag}-04-decision`, page);
  await page.locator('[data-choice="quiet-room"]').click();
  await page.locator('[data-testid="continue"]').click();
  await page.locator('[data-choice="promise"]').click();
  await page.locator('[data-testid="critical-notice"]').waitFor();
  await shoot(`${tag}-05-feedback-red-line`, page);
  await page.locator('[data-testid="continue"]').click();
  await play(page, CRITICAL.slice(2));
  await page.locator('[data-testid="continue"]').click();
  await page.locator('[data-testid="debrief"]').waitFor();
  await page.locator('[data-testid="reflection-1"]').fill('I would say no to the promise, warmly, before he starts.');
  await shoot(`${tag}-06-debrief`, page);
  await page.goto(url('#/history'));
  await page.locator('[data-testid="attempts"]').waitFor();
  await shoot(`${tag}-07-history`, page);
  await page.locator('[data-testid="clear"]').click();
  await shoot(`${tag}-08-clear-confirm`, page);
  await page.goto(url('#/settings'));
  await page.locator('[data-testid="setting-trainer"]').waitFor();
  await shoot(`${tag}-09-settings`, page);
  await page.locator('[data-testid="support"] summary').click();
  await shoot(`${tag}-10-support-open`, page);
  await page.locator('[data-testid="support"] summary').click();
  await page.locator('[data-testid="setting-trainer"]').check();
  await page.goto(url(`#/s/${SCENARIO}`));
  await page.locator('[data-testid="trainer-notes"]').waitFor();
  await shoot(`${tag}-11-trainer-intro`, page);
  await page.locator('[data-testid="start"]').click();
  await page.locator('[data-testid="jump-list"] summary').waitFor();
  await page.locator('[data-testid="jump-list"] summary').click();
  await shoot(`${tag}-12-trainer-play`, page);
  await page.locator('[data-testid="setting-large-text"]').count();
  await page.goto(url('#/settings'));
  await page.locator('[data-testid="setting-large-text"]').check();
  await page.goto(url(`#/s/${SCENARIO}/play`));
  await page.locator('[data-choice]').first().waitFor();
  await shoot(`${tag}-13-trainer-large-text`, page);
  await close();
}

// Print: the debrief as a PDF, with a name typed into the print form.
{
  const { page, close } = await newPage(browser, { origin: server.origin });
  await page.goto(url(`#/s/${SCENARIO}`));
  await page.locator('[data-testid="start"]').click();
  await play(page, CRITICAL);
  await page.locator('[data-testid="continue"]').click();
  await page.locator('[data-testid="debrief"]').waitFor();
  await page.locator('[data-testid="reflection-2"]').fill('Talk to Priya straight away, and write down his exact words.');
  await page.evaluate(() => {
    window.print = () => {};
  });
  await page.locator('[data-testid="print"]').click();
  await page.locator('[data-testid="print-name-input"]').fill('Alex Example');
  await page.locator('[data-testid="print-now"]').click();
  await page.emulateMedia({ media: 'print' });
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  writeFileSync(path.join(OUT, 'print-debrief.pdf'), pdf);
  try {
    execFileSync('pdftoppm', ['-png', '-r', '70', path.join(OUT, 'print-debrief.pdf'), path.join(OUT, 'print-debrief')]);
  } catch (err) {
    console.log(`pdftoppm not available (${err.message}); the PDF is in ${OUT}`);
  }
  await close();
}

await browser.close();
await server.close();
console.log(`screenshots in ${OUT}`);
