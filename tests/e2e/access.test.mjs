// Accessibility and navigation across every screen: a keyboard-only play-through that
// chooses with the number keys, with focus moved to the new content and the change
// announced at every step; axe-core finds no WCAG 2.x A/AA violations on any screen,
// trainer mode included, in light and dark; no screen scrolls sideways at 360 px or at
// 200% zoom; the support panel is on every screen; routes, filters and the back button.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { ROOT, useApp } from './harness.mjs';
import { SCENARIO, PATHS, STEP_TIMEOUT_MS, screenState, act, startScenario, choose, finish, tabPastTermLinks } from './flows.mjs';

const app = useApp();
const CRITICAL = PATHS.find((p) => p.critical.length > 0);
// The bundled scenarios: every scenarios/*.yaml but the folder's shared files.
const BUNDLED = readdirSync(path.join(ROOT, 'scenarios')).filter((f) => f.endsWith('.yaml') && !['dimensions.yaml', 'glossary.yaml'].includes(f)).length;

const focused = (page) =>
  page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid || document.activeElement?.tagName);
const announced = (page) => page.locator('[data-testid="announcer"]').textContent();

test('the keyboard alone plays to the debrief, choosing with number keys', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  // The skip link comes first.
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.locator(`[data-testid="open-${SCENARIO}"]`).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="start"]').waitFor();
  assert.equal(await focused(page), 'intro-heading');
  assert.equal(await announced(page), "Promise you won't tell: introduction");
  assert.equal(await page.title(), "Promise you won't tell: introduction \u2013 Scenario Quiz");
  await page.keyboard.press('Tab');
  assert.equal(await focused(page), 'start', 'Start is the next stop after the heading');
  await page.keyboard.press('Enter');
  await page.locator('section.step').waitFor();

  let steps = 0;
  while ((await page.locator('[data-testid="debrief"]').count()) === 0) {
    assert.ok(++steps < 60, 'no debrief after 60 steps');
    const state = await screenState(page);
    assert.equal(await focused(page), 'step-heading', `focus on the new step (${state.node})`);
    assert.equal(await announced(page), `Promise you won't tell: ${state.step.toLowerCase()}`);
    if ((await page.locator('[data-choice]').count()) > 0) {
      const first = await page.locator('[data-choice]').first().getAttribute('data-choice');
      await page.keyboard.press('1');
      await page.locator('[data-testid="feedback"]').waitFor({ timeout: STEP_TIMEOUT_MS });
      assert.equal(await focused(page), 'feedback-heading', 'focus on the feedback');
      assert.ok((await page.locator('.your-choice').innerText()).length > 0);
      const taken = await page.evaluate(() => JSON.parse(localStorage.getItem('scenario-quiz/v1/session/promise-you-wont-tell')).taken.at(-1).choice);
      assert.equal(taken, first, 'key 1 took the first choice shown');
      // More number keys do nothing while the feedback is on screen.
      await page.keyboard.press('2');
      assert.equal(await page.locator('[data-testid="feedback"]').count(), 1);
    }
    await tabPastTermLinks(page);
    assert.equal(await focused(page), 'continue');
    const before = await screenState(page);
    await page.keyboard.press('Enter');
    await page.waitForFunction((before) => {
      const now = {
        node: document.querySelector('section.step')?.dataset.node ?? null,
        feedback: document.querySelector('[data-testid="feedback"]') !== null,
        debrief: document.querySelector('[data-testid="debrief"]') !== null,
      };
      return now.debrief || now.node !== before.node || now.feedback !== before.feedback;
    }, before);
  }
  assert.equal(await focused(page), 'debrief-heading', 'focus on the debrief');
  assert.equal(await announced(page), "Promise you won't tell: debrief");
  t.diagnostic(`${steps} steps by keyboard`);
  app.assertNoProblems(problems);
});

test('number keys with a modifier do not choose', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await page.locator('[data-testid="support"] summary').focus();
  await page.keyboard.press('Control+1');
  assert.equal(await page.locator('[data-testid="feedback"]').count(), 0, 'no choice on Ctrl+1');
  app.assertNoProblems(problems);
});

/** Visits every screen, calling `check(name)` on each. */
async function everyScreen(page, check, { trainer = false } = {}) {
  const go = async (hash, selector) => {
    await page.goto(new URL(hash, app.url).href);
    await page.locator(selector).first().waitFor({ timeout: STEP_TIMEOUT_MS });
  };
  if (trainer) {
    await go('#/settings', '[data-testid="setting-trainer"]');
    await page.locator('[data-testid="setting-trainer"]').check();
  }
  await go('#/', `[data-testid="open-${SCENARIO}"]`);
  await check('catalogue');
  await page.selectOption('[data-testid="filter-topic"]', 'selfcare');
  await check('catalogue, filtered');
  await go(`#/s/${SCENARIO}`, '[data-testid="start"]');
  await check('intro');
  await page.locator('[data-testid="start"]').click();
  await page.locator('[data-choice]').first().waitFor();
  if (trainer) await page.locator('[data-testid="jump-list"] summary').click();
  await check('decision');
  for (const choice of CRITICAL.choices) {
    const notice = await choose(page, choice);
    if (notice !== null) await check('red-line feedback');
  }
  await finish(page);
  await page.locator('[data-testid="reflection-1"]').fill('An answer.');
  await page.locator('[data-testid="print"]').click();
  await check('debrief');
  await go('#/history', trainer ? '[data-testid="trainer-not-recorded"]' : '[data-testid="attempts"]');
  await check('history');
  await page.locator('[data-testid="clear"]').click();
  await check('clear confirmation');
  await go('#/settings', '[data-testid="setting-trainer"]');
  await page.locator('[data-testid="support"] summary').click();
  await check('settings, support open');
  await go('#/nowhere', '#not-found-heading');
  await check('not found');
}

for (const colorScheme of ['light', 'dark']) {
  for (const trainer of [false, true]) {
    const mode = trainer ? 'trainer mode' : 'learner mode';
    test(`no WCAG A/AA violations on any screen (${mode}, ${colorScheme})`, { timeout: 90_000 }, async (t) => {
      const { page, problems } = await app.open(t, '/', { contextOptions: { colorScheme } });
      await app.waitForFirstScreen(page);
      await everyScreen(
        page,
        async (screen) => {
          const results = await app.runAxe(page, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] });
          assert.deepEqual(app.formatAxeViolations(results), [], `axe on the ${screen}`);
        },
        { trainer },
      );
      app.assertNoProblems(problems);
    });
  }
}

for (const width of [360, 640]) {
  test(`nothing scrolls sideways at ${width} px${width === 640 ? ' (1280 px at 200% zoom)' : ''}`, { timeout: 90_000 }, async (t) => {
    const { page, problems } = await app.open(t, '/', { contextOptions: { viewport: { width, height: 720 } } });
    await app.waitForFirstScreen(page);
    await everyScreen(
      page,
      async (screen) => {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        assert.equal(overflow, 0, `the ${screen} is ${overflow} px too wide`);
      },
      { trainer: true },
    );
    app.assertNoProblems(problems);
  });
}

test('every screen has a URL, the support panel and a working back button', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  const hash = () => new URL(page.url()).hash;
  // A filter is part of the URL; changing it does not add history entries.
  await page.selectOption('[data-testid="filter-audience"]', 'refresher');
  await page.waitForFunction(() => location.hash === '#/?audience=refresher');
  // By keyboard: the first topic after "All topics", and focus stays on the filter.
  await page.locator('[data-testid="filter-topic"]').focus();
  await page.keyboard.press('ArrowDown');
  await page.waitForFunction(() => location.hash.startsWith('#/?audience=refresher&topic='));
  assert.equal(await page.locator('[data-testid="filter-topic"]').evaluate((s) => s === document.activeElement), true, 'focus stays on the filter');
  await page.selectOption('[data-testid="filter-topic"]', 'manipulation');
  await page.waitForFunction(() => location.hash === '#/?audience=refresher&topic=manipulation');
  const count = await page.locator('[data-testid="filter-count"]').innerText();
  assert.match(count, new RegExp(`^Showing \\d+ of ${BUNDLED} scenarios$`));
  const cards = await page.locator('[data-testid^="scenario-card-"]').count();
  assert.ok(cards > 0 && cards < BUNDLED, `${cards} cards`);

  // A link straight to a filtered list works, and so does Back after opening a scenario.
  const open = page.locator('[data-testid^="open-"]').first();
  await open.click();
  await page.locator('[data-testid="start"]').waitFor();
  assert.match(hash(), /^#\/s\/[a-z0-9-]+$/);
  assert.equal(await page.locator('[data-testid="support"]').count(), 1, 'support on the intro');
  await page.goBack();
  await page.locator('[data-testid="filter-count"]').waitFor();
  assert.equal(hash(), '#/?audience=refresher&topic=manipulation');
  assert.equal(await page.locator('[data-testid="filter-audience"]').inputValue(), 'refresher');
  assert.equal(await page.locator('[data-testid^="scenario-card-"]').count(), cards);

  // Intro → play → Back → intro; "Not today" → catalogue.
  await page.goto(new URL(`#/s/${SCENARIO}`, app.url).href);
  await page.locator('[data-testid="start"]').click();
  await page.locator('section.step').waitFor();
  assert.equal(await page.locator('[data-testid="support"]').count(), 1, 'support while playing');
  await page.goBack();
  await page.locator('[data-testid="not-today"]').waitFor();
  assert.equal(hash(), `#/s/${SCENARIO}`);
  await page.locator('[data-testid="not-today"]').click();
  await page.locator('[data-testid="filter-count"]').waitFor();
  assert.equal(hash(), '#/');

  // History and settings have their own URLs and nav links marked as current.
  for (const [link, path, heading] of [['History', '#/history', 'history-heading'], ['Settings', '#/settings', 'settings-heading']]) {
    await page.locator('nav').getByRole('link', { name: link }).click();
    await page.locator(`#${heading}`).waitFor();
    assert.equal(hash(), path);
    assert.equal(await page.locator('nav [aria-current="page"]').innerText(), link);
    assert.equal(await focused(page), heading);
  }
  await page.goBack();
  await page.locator('#history-heading').waitFor();

  // The support panel opens by keyboard and says where to turn.
  await page.locator('[data-testid="support"] summary').focus();
  await page.keyboard.press('Enter');
  const support = await page.locator('[data-testid="support"]').innerText();
  assert.match(support, /manager/);
  assert.match(support, /employer\u2019s support service/);
  app.assertNoProblems(problems);
});
