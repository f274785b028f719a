// Plays the bundled scenario `promise-you-wont-tell` in the real release build (dist/)
// along every path in tests/fixtures/expected/promise-you-wont-tell.json and checks the
// debrief against the hand-computed results: each dimension's percent, overall,
// Passed / Not passed, and the red-line reasons shown first. Also: a reload mid-scenario
// resumes at the same node, a damaged save gives a notice and a fresh start, the keyboard
// alone can play with focus following each step, and no screen has WCAG A/AA violations.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { useApp, ROOT } from './harness.mjs';

const SCENARIO = 'promise-you-wont-tell';
const PATHS = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'expected', `${SCENARIO}.json`), 'utf8'));
const SESSION_KEY = `scenario-quiz/v1/session/${SCENARIO}`;
const STEP_TIMEOUT_MS = 5_000;

const app = useApp();

/** What is on screen while playing: the node, the step number and whether feedback shows. */
async function screenState(page) {
  return page.evaluate(() => {
    const step = document.querySelector('section.step');
    return {
      hash: location.hash,
      node: step?.dataset.node ?? null,
      step: document.getElementById('step-heading')?.textContent ?? null,
      feedback: document.querySelector('[data-testid="feedback"]') !== null,
      debrief: document.querySelector('[data-testid="debrief"]') !== null,
    };
  });
}

/** Clicks `selector` and waits until the screen has changed. */
async function act(page, selector) {
  const before = JSON.stringify(await screenState(page));
  await page.locator(selector).click();
  await page.waitForFunction(
    (before) => {
      const step = document.querySelector('section.step');
      const now = JSON.stringify({
        hash: location.hash,
        node: step?.dataset.node ?? null,
        step: document.getElementById('step-heading')?.textContent ?? null,
        feedback: document.querySelector('[data-testid="feedback"]') !== null,
        debrief: document.querySelector('[data-testid="debrief"]') !== null,
      });
      return now !== before;
    },
    before,
    { timeout: STEP_TIMEOUT_MS },
  );
}

/** From the catalogue, through the intro, to the first step. */
async function startScenario(page) {
  await app.waitForFirstScreen(page);
  await page.locator(`[data-testid="open-${SCENARIO}"]`).click();
  await page.locator('[data-testid="start"]').click();
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(new URL(page.url()).hash, `#/s/${SCENARIO}/play`);
}

/**
 * Continues through feedback and passages until `choice` is offered, then takes it.
 * Returns the red-line reason shown in the feedback, or null.
 */
async function choose(page, choice) {
  for (let guard = 0; guard < 50; guard++) {
    if ((await page.locator(`[data-choice="${choice}"]`).count()) > 0) {
      await act(page, `[data-choice="${choice}"]`);
      await page.locator('[data-testid="feedback"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      const notice = page.locator('[data-testid="critical-notice"]');
      return (await notice.count()) > 0 ? (await notice.innerText()).trim() : null;
    }
    if ((await page.locator('[data-testid="continue"]').count()) === 0) {
      const offered = await page.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice));
      const { node } = await screenState(page);
      assert.fail(`choice "${choice}" is not offered at "${node}"; offered: ${offered.join(', ')}`);
    }
    await act(page, '[data-testid="continue"]');
  }
  assert.fail(`gave up looking for choice "${choice}" after 50 steps`);
}

/** Continues until the debrief shows. */
async function finish(page) {
  for (let guard = 0; guard < 50; guard++) {
    if ((await page.locator('[data-testid="debrief"]').count()) > 0) return;
    assert.ok((await page.locator('[data-choice]').count()) === 0, 'a decision is waiting, but the path has no more choices');
    await act(page, '[data-testid="continue"]');
  }
  assert.fail('no debrief after 50 steps');
}

/** Checks the debrief on screen against one expected path. */
async function assertDebrief(page, expected) {
  const debrief = page.locator('[data-testid="debrief"]');
  await debrief.waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(new URL(page.url()).hash, `#/s/${SCENARIO}/debrief`);
  assert.equal(await debrief.getAttribute('data-ending'), expected.ending, 'ending reached');

  assert.equal((await page.locator('[data-testid="result-status"]').innerText()).trim(), expected.passed ? 'Passed' : 'Not passed');
  const overall = await page.locator('[data-testid="overall"]').innerText();
  assert.ok(
    overall.includes(expected.overall === null ? 'Not assessed' : `${expected.overall}%`),
    `overall shows ${JSON.stringify(overall)}, expected ${expected.overall}%`,
  );

  const rows = await page.locator('[data-testid^="dim-"]').evaluateAll((els) => els.map((e) => e.dataset.testid));
  assert.deepEqual(rows.sort(), Object.keys(expected.dimensions).map((d) => `dim-${d}`).sort(), 'one row per dimension');
  for (const [id, dimension] of Object.entries(expected.dimensions)) {
    const row = page.locator(`[data-testid="dim-${id}"]`);
    const percent = dimension.percent;
    assert.equal(await row.getAttribute('data-percent'), percent === null ? 'none' : String(percent), `data-percent of ${id}`);
    const text = await row.innerText();
    assert.ok(text.includes(percent === null ? 'not assessed' : `${percent}%`), `row ${id} shows ${JSON.stringify(text)}`);
  }

  const reasons = page.locator('[data-testid="critical-reasons"]');
  if (expected.critical.length === 0) {
    assert.equal(await reasons.count(), 0, 'no red-line reasons on a path without one');
    return;
  }
  const shown = await reasons.locator('li').evaluateAll((els) => els.map((e) => e.textContent.trim()));
  assert.deepEqual(shown, expected.critical, 'the red-line reasons');
  // Shown first: before the pass/fail status, the overall and every dimension row.
  const first = await page.evaluate(() => {
    const reasons = document.querySelector('[data-testid="critical-reasons"]');
    const others = document.querySelectorAll('[data-testid="result-status"], [data-testid="overall"], [data-testid^="dim-"]');
    return Array.from(others).every((el) => reasons.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  });
  assert.ok(first, 'the red-line reasons come before the scores');
}

test('the fixture has at least two paths, one of them with a red line', () => {
  assert.ok(PATHS.length >= 2, 'at least two expected paths');
  assert.ok(PATHS.some((p) => p.critical.length > 0), 'a path with a critical choice');
  assert.ok(PATHS.some((p) => p.critical.length === 0), 'a path without one');
});

test('the catalogue lists every bundled scenario file', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page, { requireMark: true });
  const files = readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && f !== 'dimensions.yaml');
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
  await act(page, '[data-testid="continue"]');
  const before = await screenState(page);
  assert.equal(before.feedback, false);
  assert.notEqual(before.step, 'Step 1');

  await page.reload();
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.deepEqual(await screenState(page), before, 'same URL, node and step after a reload');

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
  assert.match(text, /^Your saved progress could not be resumed: .+\. Starting fresh\.$/);
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

  await page.keyboard.press('Tab');
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
