// Plays the bundled scenario `promise-you-wont-tell` in the real release build (dist/)
// along every path in tests/fixtures/expected/promise-you-wont-tell.json and checks the
// debrief against the hand-computed results: each dimension's percent, overall,
// Passed / Not passed, and the red-line reasons shown first. Also: a reload mid-scenario
// resumes at the same node with the same scores and choice order, a damaged save gives a
// notice and a fresh start, the keyboard alone can play with focus following each step,
// and no screen has WCAG A/AA violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { useApp, ROOT } from './harness.mjs';
import { SCENARIO, PATHS, SESSION_KEY, STEP_TIMEOUT_MS, screenState, act, startScenario, choose, finish, assertDebrief, tabPastTermLinks } from './flows.mjs';

const app = useApp();

test('the fixture has at least two paths, one of them with a red line', () => {
  assert.ok(PATHS.length >= 2, 'at least two expected paths');
  assert.ok(PATHS.some((p) => p.critical.length > 0), 'a path with a critical choice');
  assert.ok(PATHS.some((p) => p.critical.length === 0), 'a path without one');
});

test('the catalogue lists every bundled scenario file', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page, { requireMark: true });
  const files = readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && !['dimensions.yaml', 'glossary.yaml'].includes(f));
  const cards = await page.locator('[data-testid^="scenario-card-"]').count();
  const errors = await page.locator('[data-testid="load-error"]').count();
  assert.equal(cards + errors, files.length, `${cards} cards and ${errors} load errors for ${files.length} files`);
  assert.equal(await page.locator(`[data-testid="scenario-card-${SCENARIO}"] [data-testid="open-${SCENARIO}"]`).count(), 1);
  app.assertNoProblems(problems);
});

test('every bundled scenario plays through to a debrief', { timeout: 120_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  const ids = await page
    .locator('[data-testid^="scenario-card-"]')
    .evaluateAll((els) => els.map((e) => e.dataset.testid.slice('scenario-card-'.length)));
  assert.ok(ids.includes(SCENARIO));
  for (const id of ids) {
    await page.goto(new URL('#/', app.url).href);
    await page.locator(`[data-testid="open-${id}"]`).click();
    await page.locator('[data-testid="start"]').click();
    await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
    let steps = 0;
    while ((await page.locator('[data-testid="debrief"]').count()) === 0) {
      assert.ok(++steps < 200, `${id}: no debrief after 200 steps`);
      // the first choice shown (the order is shuffled per learner), else Continue
      const next = (await page.locator('[data-choice]').count()) > 0 ? '[data-choice] >> nth=0' : '[data-testid="continue"]';
      await act(page, next);
    }
    const status = (await page.locator('[data-testid="result-status"]').innerText()).trim();
    assert.ok(['Passed', 'Not passed'].includes(status), `${id}: status ${status}`);
    t.diagnostic(`${id}: ${steps} steps, ${status}`);
  }
  app.assertNoProblems(problems);
});

for (const expected of PATHS) {
  test(`plays "${expected.name}" and shows the expected debrief`, { timeout: 60_000 }, async (t) => {
    const { page, problems } = await app.open(t, '/');
    await startScenario(page);
    const redLinesSeen = [];
    for (const choice of expected.choices) {
      const notice = await choose(page, choice);
      if (notice !== null) redLinesSeen.push(notice);
    }
    assert.equal(redLinesSeen.length, expected.critical.length, 'a red-line notice after each critical choice');
    redLinesSeen.forEach((notice, i) => assert.ok(notice.includes(expected.critical[i]), `notice ${i + 1}: ${notice}`));
    await finish(page);
    await assertDebrief(page, expected);

    // Restart goes back to the first step with nothing taken.
    await act(page, '[data-testid="restart"]');
    const restarted = await screenState(page);
    assert.equal(restarted.hash, `#/s/${SCENARIO}/play`);
    assert.equal(restarted.step, 'Step 1');
    assert.equal(restarted.feedback, false);
    app.assertNoProblems(problems);
  });
}

test('a reload mid-scenario resumes at the same node, feedback included', { timeout: 60_000 }, async (t) => {
  const expected = PATHS[0];
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await choose(page, expected.choices[0]);
  await choose(page, expected.choices[1]);
  // On to the next decision (through any passage).
  do await act(page, '[data-testid="continue"]');
  while ((await page.locator('[data-choice]').count()) === 0);
  const before = await screenState(page);
  assert.equal(before.feedback, false);
  assert.notEqual(before.step, 'Step 1');

  const order = () => page.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice));
  const saved = () => page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SESSION_KEY);
  const orderBefore = await order();
  const savedBefore = await saved();
  assert.ok(orderBefore.length >= 2, 'a decision with choices is on screen');

  await page.reload();
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.deepEqual(await screenState(page), before, 'same URL, node and step after a reload');
  assert.deepEqual(await order(), orderBefore, 'the same (shuffled) choice order after a reload');
  const savedAfter = await saved();
  assert.deepEqual(savedAfter.slots, savedBefore.slots, 'the same running scores after a reload');
  assert.deepEqual(savedAfter.taken, savedBefore.taken, 'the same decisions after a reload');

  // Right after a choice, a reload shows the same feedback again.
  await choose(page, expected.choices[2]);
  const feedback = (await page.locator('[data-testid="feedback"]').innerText()).trim();
  const pending = await screenState(page);
  await page.reload();
  await page.locator('[data-testid="feedback"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.deepEqual(await screenState(page), pending);
  assert.equal((await page.locator('[data-testid="feedback"]').innerText()).trim(), feedback);

  // …and the resumed play-through still scores exactly as expected.
  for (const choice of expected.choices.slice(3)) await choose(page, choice);
  await finish(page);
  await assertDebrief(page, expected);

  // The debrief survives a reload too.
  await page.reload();
  await assertDebrief(page, expected);
  app.assertNoProblems(problems);
});

test('a damaged save is refused with a notice and a fresh start', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  await page.evaluate((key) => localStorage.setItem(key, '{"version": 1, "scenario": "promise-you'), SESSION_KEY);
  // A full page load (not just a hash change) straight into the playing screen.
  await page.goto('about:blank');
  await page.goto(new URL(`#/s/${SCENARIO}/play`, app.url).href);
  const notice = page.locator('[data-testid="resume-notice"]');
  await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = (await notice.innerText()).trim();
  assert.match(text, /^Your saved progress could not be used because it was damaged, so you are starting from the beginning\.$/);
  const state = await screenState(page);
  assert.equal(state.step, 'Step 1');
  // The fresh session replaced the damaged one in storage.
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SESSION_KEY);
  assert.equal(saved.scenario, SCENARIO);
  assert.equal(saved.node, state.node);
  app.assertNoProblems(problems);
});

test('the keyboard alone can play, and focus follows each step', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  const focused = () => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid || document.activeElement?.tagName);

  await page.locator(`[data-testid="open-${SCENARIO}"]`).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="start"]').waitFor();
  assert.equal(await focused(), 'intro-heading');
  await page.locator('[data-testid="start"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-choice]').first().waitFor();
  assert.equal(await focused(), 'step-heading', 'focus on the new step');

  await page.keyboard.press('Tab');
  const choice = await page.evaluate(() => document.activeElement?.dataset?.choice);
  assert.ok(choice, 'Tab from the step heading reaches a choice button');
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="feedback"]').waitFor();
  assert.equal(await focused(), 'feedback-heading', 'focus on the feedback');
  assert.equal(await page.locator('[aria-live="polite"] [data-testid="feedback"]').count(), 1, 'feedback in a live region');

  await tabPastTermLinks(page);
  assert.equal(await focused(), 'continue');
  const before = await screenState(page);
  await page.keyboard.press('Enter');
  await page.waitForFunction((step) => document.getElementById('step-heading')?.textContent !== step, before.step);
  assert.equal(await focused(), 'step-heading', 'focus on the next step');
  app.assertNoProblems(problems);
});

for (const colorScheme of ['light', 'dark']) {
  test(`no WCAG A/AA violations on any screen (${colorScheme})`, { timeout: 60_000 }, async (t) => {
    const { page, problems } = await app.open(t, '/', { contextOptions: { colorScheme } });
    const check = async (screen) => {
      const results = await app.runAxe(page);
      assert.deepEqual(app.formatAxeViolations(results), [], `axe on the ${screen}`);
    };
    await app.waitForFirstScreen(page);
    await check('catalogue');
    await page.locator(`[data-testid="open-${SCENARIO}"]`).click();
    await page.locator('[data-testid="start"]').waitFor();
    await check('intro');
    await page.locator('[data-testid="start"]').click();
    await page.locator('[data-choice]').first().waitFor();
    await check('decision');
    const critical = PATHS.find((p) => p.critical.length > 0);
    for (const choice of critical.choices) {
      const notice = await choose(page, choice);
      if (notice !== null) await check('red-line feedback');
    }
    await finish(page);
    await check('debrief');
    app.assertNoProblems(problems);
  });
}
