// Settings and trainer mode: shuffling can be turned off (choices in file order, remembered
// on the device), trainer mode shows every choice's scores and route and the trainer notes,
// jumps to any reachable step by replaying real choices, records no attempts, and large
// text scales the page for a projector.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useApp, ROOT } from './harness.mjs';
import { SCENARIO, SESSION_KEY, STEP_TIMEOUT_MS, screenState, act } from './flows.mjs';

const app = useApp();

/** The choice ids of `node` in the scenario file, in file order. */
function fileOrder(node) {
  const yaml = readFileSync(path.join(ROOT, 'scenarios', `${SCENARIO}.yaml`), 'utf8');
  const start = yaml.indexOf(`\n  ${node}:\n`);
  assert.ok(start >= 0, `node ${node} is in the file`);
  const rest = yaml.slice(start + node.length + 5);
  const end = rest.search(/\n {2}\S/);
  return Array.from((end < 0 ? rest : rest.slice(0, end)).matchAll(/^ {6}- id: (\S+)$/gm), (m) => m[1]);
}

/** Sets a checkbox on the settings page by keyboard (focus, Space). */
async function setSetting(page, id, on) {
  await page.goto(new URL('#/settings', app.url).href);
  const box = page.locator(`[data-testid="${id}"]`);
  await box.waitFor({ timeout: STEP_TIMEOUT_MS });
  if ((await box.isChecked()) !== on) {
    await box.focus();
    await page.keyboard.press('Space');
  }
  assert.equal(await box.isChecked(), on);
}

const shown = (page) => page.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice));

test('with shuffling off, choices show in file order, and the setting is remembered', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  await setSetting(page, 'setting-shuffle', false);
  await page.reload();
  await page.locator('[data-testid="setting-shuffle"]').waitFor();
  assert.equal(await page.locator('[data-testid="setting-shuffle"]').isChecked(), false, 'remembered after a reload');

  await page.goto(new URL(`#/s/${SCENARIO}`, app.url).href);
  await page.locator('[data-testid="start"]').click();
  await page.locator('[data-choice]').first().waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.deepEqual(await shown(page), fileOrder('workshop'));
  // The second decision too (all of its choices are offered after "quiet-room").
  await act(page, '[data-choice="quiet-room"]');
  await act(page, '[data-testid="continue"]');
  assert.equal((await screenState(page)).node, 'promise-ask');
  assert.deepEqual(await shown(page), fileOrder('promise-ask'));
  app.assertNoProblems(problems);
});

test('trainer mode shows scores, routes and notes, jumps to any step, and records nothing', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  await setSetting(page, 'setting-trainer', true);
  await page.reload();
  await page.locator('[data-testid="trainer-tag"]').waitFor({ timeout: STEP_TIMEOUT_MS });

  await page.goto(new URL(`#/s/${SCENARIO}`, app.url).href);
  await page.locator('[data-testid="trainer-notes"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.locator('[data-testid="start"]').click();
  await page.locator('[data-choice]').first().waitFor();
  const choices = await page.locator('[data-choice]').count();
  const details = page.locator('[data-testid="trainer-choice"]');
  assert.equal(await details.count(), choices, 'every choice has its details');
  for (const text of await details.allInnerTexts()) {
    assert.match(text, /Safeguarding and public protection\s[+−0]/);
    assert.match(text, /Leads to: \S+/);
  }
  // A conditional route reads as written.
  await act(page, '[data-choice="quiet-room"]');
  await act(page, '[data-testid="continue"]');
  const limits = await page.locator('[data-choice="limits"] + [data-testid="trainer-choice"]').innerText();
  assert.match(limits, /Leads to: tells if rapport >= 1, otherwise wavers/);
  const promise = await page.locator('[data-choice="promise"] + [data-testid="trainer-choice"]').innerText();
  assert.match(promise, /Red line: /, 'the critical flag');

  // Jump to a step that needs rapport: the replay takes a real route there.
  await page.locator('[data-testid="jump-list"] summary').click();
  await act(page, '[data-jump="disclosure"]');
  assert.equal((await screenState(page)).node, 'disclosure');
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SESSION_KEY);
  assert.equal(saved.node, 'disclosure');
  assert.ok(saved.taken.length >= 2, 'real decisions were replayed');

  // Jump to an ending: the debrief, with the trainer notes; nothing is recorded.
  if (!(await page.locator('[data-testid="jump-list"]').evaluate((d) => d.open))) {
    await page.locator('[data-testid="jump-list"] summary').click();
  }
  await page.locator('[data-jump="end-positive"]').click();
  await page.locator('[data-testid="debrief"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.locator('[data-testid="debrief"]').getAttribute('data-ending'), 'end-positive');
  assert.equal(await page.locator('[data-testid="trainer-notes"]').count(), 1);
  assert.equal(await page.evaluate(() => localStorage.getItem('scenario-quiz/v1/history')), null, 'no attempt recorded');
  await page.goto(new URL('#/history', app.url).href);
  await page.locator('[data-testid="trainer-not-recorded"]').waitFor();
  app.assertNoProblems(problems);
});

test('large text scales the page, and is remembered', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  const size = () => page.evaluate(() => parseFloat(getComputedStyle(document.body).fontSize));
  const normal = await size();
  await setSetting(page, 'setting-large-text', true);
  assert.ok((await size()) >= normal * 1.25, 'at least 25% larger');
  await page.reload();
  await page.locator('[data-testid="setting-large-text"]').waitFor();
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), true);
  app.assertNoProblems(problems);
});
