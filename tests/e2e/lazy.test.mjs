// The app fetches what the screen needs: the catalogue is drawn from scenarios/index.json
// before any pack is fetched; a scenario's pack is fetched when it is opened (ahead of the
// others), the rest one at a time at idle after the first screen, each once; resume after a
// reload, the history and trainer mode work on a page that has fetched no pack but the one
// it shows. (A damaged pack's error on its own screen: smoke.test.mjs.)
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR, pollUntil, useApp } from './harness.mjs';
import { SCENARIO, SESSION_KEY, STEP_TIMEOUT_MS, act, screenState, startScenario } from './flows.mjs';

const app = useApp();
const INDEX = JSON.parse(readFileSync(path.join(DIST_DIR, 'scenarios', 'index.json'), 'utf8'));
const PACKS = INDEX.scenarios.map((entry) => entry.file);
const isPack = (url) => /\/scenarios\/(?!index\.json)[^/]+\.json$/.test(new URL(url).pathname);
const packName = (url) => new URL(url).pathname.split('/').pop();

/** A fresh page that records the packs it requests, in order. */
async function openRecording(t) {
  const session = await app.newPage();
  t.after(() => session.close());
  const packs = [];
  session.page.on('request', (req) => {
    if (isPack(req.url())) packs.push(packName(req.url()));
  });
  return { ...session, packs };
}

test('the catalogue shows before any pack is fetched; then every pack is prefetched once, at idle', { timeout: 60_000 }, async (t) => {
  const { page, problems, packs } = await openRecording(t);
  await page.goto(app.url);
  await app.waitForFirstScreen(page, { problems });
  // At the first screen: every listed scenario has its card, and no pack had been requested
  // (Resource Timing, so a request made after the mark does not count).
  const atFirst = await page.evaluate(() => {
    const mark = performance.getEntriesByName('sq:first-screen')[0].startTime;
    return {
      cards: document.querySelectorAll('[data-testid^="scenario-card-"]').length,
      scenarioFiles: performance
        .getEntriesByType('resource')
        .filter((e) => e.name.includes('/scenarios/') && e.startTime < mark)
        .map((e) => new URL(e.name).pathname.split('/').pop()),
    };
  });
  assert.equal(atFirst.cards, INDEX.scenarios.filter((e) => e.scenario).length);
  assert.deepEqual(atFirst.scenarioFiles, ['index.json'], 'only the index before the first screen');
  // The vocabulary's pack is not needed: the index carries the topic filter's topics.
  assert.ok(INDEX.topics?.length > 0, 'the index has no topics');
  const topics = await page.locator('[data-testid="filter-topic"] option').count();
  assert.equal(topics, INDEX.topics.length + 1);
  // At idle, every pack, each once, and nothing else.
  await pollUntil(() => packs.length >= PACKS.length, 'prefetching every pack', { timeout: 20_000 });
  await page.waitForLoadState('networkidle');
  assert.deepEqual([...packs].sort(), [...PACKS].sort());
  assert.ok(!packs.includes('dimensions.json'));
  app.assertNoProblems(problems);
});

test('opening a scenario fetches its pack at once, ahead of the prefetch, and only once', { timeout: 60_000 }, async (t) => {
  const { page, problems, packs } = await openRecording(t);
  // Hold every pack but the one opened, so the prefetch cannot have fetched it first.
  const held = [];
  await page.route('**/scenarios/*.json', (route) => {
    const name = packName(route.request().url());
    if (name === 'index.json' || name === `${SCENARIO}.json`) return route.continue();
    held.push(route);
  });
  const last = INDEX.scenarios.filter((e) => e.scenario).at(-1).scenario.id;
  assert.notEqual(last, SCENARIO);
  await page.goto(app.url);
  await app.waitForFirstScreen(page, { problems });
  // The prefetch has started on the first pack and waits for it (one at a time).
  await pollUntil(() => held.length > 0, 'the prefetch starting');
  assert.equal(held.length, 1, 'the prefetch fetches one pack at a time');
  // Opening the last scenario asks for its pack at once, though the prefetch is stuck.
  await page.locator(`[data-testid="open-${last}"]`).click();
  await pollUntil(() => packs.includes(`${last}.json`), `the request for ${last}.json`);
  assert.equal(await page.getByRole('status').filter({ hasText: 'Opening the scenario' }).count(), 1);
  while (held.length) await held.shift().continue();
  await page.locator('[data-testid="start"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'intro-heading');
  // A pack that arrived is not fetched again: back, and open the scenario whose pack is
  // served (it has arrived by then, through the prefetch or the opening).
  await page.locator('[data-testid="not-today"]').click();
  await page.locator(`[data-testid="open-${SCENARIO}"]`).click();
  await page.locator('[data-testid="start"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  // Release what the prefetch asks for next, until every pack is in.
  await pollUntil(
    async () => {
      while (held.length) await held.shift().continue();
      return new Set(packs).size === PACKS.length;
    },
    'every pack',
    { timeout: 20_000 },
  );
  await page.waitForLoadState('networkidle');
  assert.equal(packs.length, PACKS.length, `a pack fetched twice: ${packs.join(' ')}`);
  app.assertNoProblems(problems);
});

test('after a reload in the middle of a scenario, it resumes from its own pack, the others not yet fetched', { timeout: 90_000 }, async (t) => {
  const { page, problems, packs } = await openRecording(t);
  await page.goto(app.url);
  await startScenario(page);
  // Play up to the first feedback, then reload on the play screen.
  await act(page, `[data-choice="${await page.locator('[data-choice]').first().getAttribute('data-choice')}"]`);
  const before = await screenState(page);
  assert.ok(before.feedback, 'feedback is on screen');
  assert.ok(await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY), 'the session was saved');
  // After the reload every pack but the scenario's is held: the page has fetched no other.
  // Only the reloaded document's requests count: the old page may still be prefetching a
  // pack at idle when the reload starts, and that request is let through and not recorded.
  // Its scripts run only after the new document commits, which Playwright reports as the
  // main frame's navigation before any request the new document makes.
  let reloaded = false;
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame() && !reloaded) {
      reloaded = true;
      packs.length = 0;
    }
  });
  const held = [];
  await page.route('**/scenarios/*.json', (route) => {
    const name = packName(route.request().url());
    if (!reloaded || name === 'index.json' || name === `${SCENARIO}.json`) return route.continue();
    held.push(route);
  });
  await page.reload();
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
  const after = await screenState(page);
  assert.deepEqual(after, before, 'the same step, with its feedback, after the reload');
  assert.equal(packs[0], `${SCENARIO}.json`, `the scenario's pack first: ${packs.join(' ')}`);
  assert.ok(held.length <= 1, 'at most the first prefetched pack is waiting');
  // Carry on playing: the session goes on.
  await act(page, '[data-testid="continue"]');
  // The history and the settings (trainer mode) need no pack.
  await page.evaluate(() => (location.hash = '#/history'));
  await page.getByRole('heading', { name: 'Your history' }).waitFor();
  await page.evaluate(() => (location.hash = '#/settings'));
  await page.locator('[data-testid="setting-trainer"]').check();
  await page.locator('[data-testid="trainer-tag"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.evaluate((id) => (location.hash = `#/s/${id}/play`), SCENARIO);
  await page.locator('[data-testid="trainer-choice"]').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  while (held.length) await held.shift().continue();
  app.assertNoProblems(problems);
});
