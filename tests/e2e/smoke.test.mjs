// Smoke test: the release build in dist/ loads in Chromium, has its title, and the app
// renders its first screen within 10 s with no console/page errors or failed requests; it
// learns its scenarios from scenarios/index.json (a scenario packed after the build shows
// with no new wasm; a missing or damaged index is a notice), and a broken file or pack is a
// notice while the rest still open.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useApp, packScenarios, routePacks, ROOT, DIST_DIR, FIRST_SCREEN_TIMEOUT_MS } from './harness.mjs';

const app = useApp();

test('the app loads and renders its first screen', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');

  assert.match(await page.title(), /Scenario Quiz/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  const first = await app.waitForFirstScreen(page, { timeout: FIRST_SCREEN_TIMEOUT_MS, problems });
  t.diagnostic(`first screen after ${Math.round(first.ms)} ms (${first.source})`);

  const text = (await page.locator('body').innerText()).trim();
  assert.ok(text.length > 0, 'the app rendered no visible text');

  // Every scenario the build's index lists has its card, and the page has settled: no
  // request for 500 ms, then two frames for any effect after the last render. Errors from
  // those effects would be in `problems` by then.
  const index = JSON.parse(readFileSync(path.join(DIST_DIR, 'scenarios', 'index.json'), 'utf8'));
  const listed = index.scenarios.filter((entry) => entry.scenario).map((entry) => entry.scenario.id);
  assert.ok(listed.length > 0, 'the index lists no scenario');
  for (const id of listed) await page.locator(`[data-testid="scenario-card-${id}"]`).waitFor();
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
  app.assertNoProblems(problems);
});

/**
 * A fresh page on the real build, as if these YAML files (name → text) had been in
 * scenarios/ when it was packed (packs and index), plus any `served` files as they are;
 * returns once the first screen is up.
 */
async function openWithPacks(t, yamlFiles, served = {}) {
  const packs = packScenarios(yamlFiles, { build: true });
  const session = await app.newPage();
  t.after(() => session.close());
  await routePacks(session.page, { ...packs, ...served });
  await session.page.goto(app.url);
  await app.waitForFirstScreen(session.page, { problems: session.problems });
  return session;
}

test('a scenario with errors is a notice in the catalogue; a damaged pack, on its own screen only; the rest still open', { timeout: 60_000 }, async (t) => {
  // The build packs a broken file as its errors (the index lists it as failed); a pack can
  // also arrive cut short, which shows only once it is opened.
  const good = readFileSync(path.join(DIST_DIR, 'scenarios', 'got-kids.json'), 'utf8');
  const { page, problems } = await openWithPacks(
    t,
    { 'promise-you-wont-tell.yaml': 'format: 1\nid: promise-you-wont-tell\ntitle: [unclosed\n' },
    { 'got-kids.json': good.slice(0, Math.floor(good.length / 2)) },
  );
  const notices = page.locator('[data-testid="load-error"]');
  await notices.first().waitFor();
  let texts = await notices.allInnerTexts();
  assert.equal(texts.length, 1, texts.join('\n---\n'));
  assert.match(texts[0], /promise-you-wont-tell\.yaml could not be loaded/);
  assert.match(texts[0], /promise-you-wont-tell\.yaml:\d+:\d+ YAML syntax/);
  // The damaged pack's scenario is listed (from the index); opening it says what went wrong.
  await page.locator('[data-testid="open-got-kids"]').click();
  await page.getByRole('heading', { name: 'Not available' }).waitFor();
  texts = await notices.allInnerTexts();
  assert.equal(texts.length, 1, texts.join('\n---\n'));
  assert.match(texts[0], /got-kids\.yaml could not be loaded/);
  assert.ok(texts[0].includes('could not read got-kids.json'), texts[0]);
  assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Not available', 'focus on the heading');
  // Everything else still opens, and the catalogue still shows no notice for got-kids.
  await page.locator('[data-testid="back-to-catalogue"]').click();
  await page.locator('[data-testid="scenario-card-got-kids"]').waitFor();
  assert.equal(await notices.count(), 1);
  await page.locator('[data-testid="open-sam-lets-me"]').click();
  await page.locator('[data-testid="start"]').waitFor();
  assert.match(await page.evaluate(() => location.hash), /sam-lets-me/);
  app.assertNoProblems(problems);
});

test('an audience that starts with a non-ASCII letter is capitalised like any other', { timeout: 60_000 }, async (t) => {
  // The wasm carries no Unicode case tables: on the card the stylesheet capitalises
  // (`.audiences::first-letter`), in the filter the index's label does (made at build time).
  const stem = 'sam-lets-me';
  const yaml = readFileSync(path.join(ROOT, 'scenarios', `${stem}.yaml`), 'utf8').replace(
    /^audiences: \[refresher\]$/m,
    'audiences: [équipe-de-nuit, refresher]',
  );
  assert.ok(yaml.includes('équipe-de-nuit'), 'the audiences line was not found');
  const { page, problems } = await openWithPacks(t, { [`${stem}.yaml`]: yaml });
  const card = page.locator(`[data-testid="scenario-card-${stem}"]`);
  await card.waitFor();
  // innerText is the text as rendered, text-transform applied (::first-letter's too); the
  // document keeps the audience as written, and the capital comes from the stylesheet.
  assert.match(await card.innerText(), /Équipe de nuit, refresher/);
  const audiences = card.locator('dd.audiences');
  assert.equal(await audiences.textContent(), 'équipe de nuit, refresher');
  assert.equal(await audiences.evaluate((el) => getComputedStyle(el, '::first-letter').textTransform), 'uppercase');
  const options = await page.locator('[data-testid="filter-audience"] option').allInnerTexts();
  assert.ok(options.includes('Équipe de nuit'), options.join(' | '));
  app.assertNoProblems(problems);
});

test('a scenario packed after the build shows: the app learns its scenarios from the index', { timeout: 60_000 }, async (t) => {
  // The same wasm as ever; only scenarios/ changed (a new file, packed and indexed).
  const yaml = readFileSync(path.join(ROOT, 'scenarios', 'sam-lets-me.yaml'), 'utf8').replace(/^id: sam-lets-me$/m, 'id: added-later');
  assert.ok(yaml.includes('id: added-later'), 'the id line was not found');
  const { page, problems } = await openWithPacks(t, { 'added-later.yaml': yaml });
  await page.locator('[data-testid="scenario-card-added-later"]').waitFor();
  await page.locator('[data-testid="open-added-later"]').click();
  await page.locator('[data-testid="start"]').waitFor();
  assert.equal(await page.evaluate(() => location.hash), '#/s/added-later');
  app.assertNoProblems(problems);
});

test('a missing or damaged index is a notice, and no pack is fetched', { timeout: 60_000 }, async (t) => {
  const index = readFileSync(path.join(DIST_DIR, 'scenarios', 'index.json'), 'utf8');
  for (const [served, says] of [
    [null, /could not fetch scenarios\/index\.json, the list of the scenarios: HTTP 404/],
    [index.slice(0, Math.floor(index.length / 2)), /could not read scenarios\/index\.json, the list of the scenarios: /],
    [index.replace('"index":1', '"index":99'), /index format 99/],
  ]) {
    const session = await app.newPage();
    t.after(() => session.close());
    const { page, problems } = session;
    const packs = [];
    page.on('request', (req) => {
      if (/\/scenarios\/(?!index\.json)/.test(req.url())) packs.push(req.url());
    });
    await page.route('**/scenarios/index.json', (route) =>
      served === null
        ? route.fulfill({ status: 404, contentType: 'text/plain', body: 'not found' })
        : route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: served }),
    );
    await page.goto(app.url);
    await app.waitForFirstScreen(page, { problems });
    const notice = page.locator('[data-testid="load-error"]');
    await notice.waitFor();
    const text = await notice.innerText();
    assert.match(text, /scenarios\/index\.json could not be loaded/);
    assert.match(text, says);
    assert.equal(await notice.count(), 1);
    assert.equal(await page.locator('[data-testid^="scenario-card-"]').count(), 0);
    assert.equal(await page.getByText('No scenarios are bundled').count(), 0, 'no second, vaguer notice');
    assert.deepEqual(packs, [], 'packs fetched without an index');
    // The 404 (a failed request, and Chromium's console error for it) is the only problem
    // the page reports; the harness counts every one.
    const url = new URL('scenarios/index.json', app.url).href;
    const is404 = (line) => line.includes(url) && /\b404\b/.test(line);
    const others = Object.fromEntries(Object.entries(problems).map(([kind, list]) => [kind, list.filter((line) => !is404(line))]));
    app.assertNoProblems(others);
    assert.deepEqual(problems.failedRequests, served === null ? [`GET ${url}: HTTP 404`] : []);
    assert.equal(problems.consoleErrors.length, served === null ? 1 : 0, problems.consoleErrors.join('\n'));
  }
});
