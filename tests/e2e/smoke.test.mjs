// Smoke test: the release build in dist/ loads in Chromium, has its title, and the app
// renders its first screen within 10 s with no console/page errors or failed requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useApp, packScenarios, routePacks, ROOT, FIRST_SCREEN_TIMEOUT_MS } from './harness.mjs';

const app = useApp();

test('the app loads and renders its first screen', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');

  assert.match(await page.title(), /Scenario Quiz/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  const first = await app.waitForFirstScreen(page, { timeout: FIRST_SCREEN_TIMEOUT_MS, problems });
  t.diagnostic(`first screen after ${Math.round(first.ms)} ms (${first.source})`);

  const text = (await page.locator('body').innerText()).trim();
  assert.ok(text.length > 0, 'the app rendered no visible text');

  // let any late errors (e.g. from effects after the first render) surface
  await page.waitForTimeout(200);
  app.assertNoProblems(problems);
});

/**
 * A fresh page on the real build with these YAML files (name → text) packed beside the
 * bundled dimensions.yaml, plus any `served` packs as they are, in place of the bundled
 * ones; returns once the first screen is up.
 */
async function openWithPacks(t, yamlFiles, served = {}) {
  const packs = packScenarios({
    'dimensions.yaml': readFileSync(path.join(ROOT, 'scenarios', 'dimensions.yaml'), 'utf8'),
    ...yamlFiles,
  });
  const session = await app.newPage();
  t.after(() => session.close());
  await routePacks(session.page, { ...packs, ...served });
  await session.page.goto(app.url);
  await app.waitForFirstScreen(session.page, { problems: session.problems });
  return session;
}

test('a scenario with errors, or a damaged pack, shows as a notice and the rest still open', { timeout: 60_000 }, async (t) => {
  // The build packs a broken file as its errors; a pack can also arrive cut short.
  const good = readFileSync(path.join(ROOT, 'dist', 'scenarios', 'got-kids.json'), 'utf8');
  const { page, problems } = await openWithPacks(
    t,
    { 'promise-you-wont-tell.yaml': 'format: 1\nid: promise-you-wont-tell\ntitle: [unclosed\n' },
    { 'got-kids.json': good.slice(0, Math.floor(good.length / 2)) },
  );
  const notices = page.locator('[data-testid="load-error"]');
  await notices.first().waitFor();
  const texts = await notices.allInnerTexts();
  assert.equal(texts.length, 2, texts.join('\n---\n'));
  assert.ok(texts.some((x) => /promise-you-wont-tell\.yaml could not be loaded/.test(x) && /promise-you-wont-tell\.yaml:\d+:\d+ YAML syntax/.test(x)), texts.join('\n---\n'));
  assert.ok(texts.some((x) => /got-kids\.yaml could not be loaded/.test(x) && x.includes('could not read got-kids.json')), texts.join('\n---\n'));
  // Everything else still opens.
  await page.locator('[data-testid="open-sam-lets-me"]').click();
  await page.locator('h1').filter({ hasText: /./ }).first().waitFor();
  assert.match(await page.evaluate(() => location.hash), /sam-lets-me/);
  app.assertNoProblems(problems);
});

test('an audience that starts with a non-ASCII letter is capitalised like any other', { timeout: 60_000 }, async (t) => {
  // The wasm asks the browser to capitalise (it carries no Unicode case tables of its own).
  const stem = 'sam-lets-me';
  const yaml = readFileSync(path.join(ROOT, 'scenarios', `${stem}.yaml`), 'utf8').replace(
    /^audiences: \[refresher\]$/m,
    'audiences: [équipe-de-nuit, refresher]',
  );
  assert.ok(yaml.includes('équipe-de-nuit'), 'the audiences line was not found');
  const { page, problems } = await openWithPacks(t, { [`${stem}.yaml`]: yaml });
  const card = page.locator(`[data-testid="scenario-card-${stem}"]`);
  await card.waitFor();
  assert.match(await card.innerText(), /Équipe de nuit, refresher/);
  const options = await page.locator('[data-testid="filter-audience"] option').allInnerTexts();
  assert.ok(options.includes('Équipe de nuit'), options.join(' | '));
  app.assertNoProblems(problems);
});
