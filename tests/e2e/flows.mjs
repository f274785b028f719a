// Shared by the browser tests that play `promise-you-wont-tell`: its expected paths
// (tests/fixtures/expected/promise-you-wont-tell.json) and helpers that read the screen,
// act and wait for the screen to change, play a path and check a debrief.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, waitForFirstScreen } from './harness.mjs';

export const SCENARIO = 'promise-you-wont-tell';
export const PATHS = JSON.parse(readFileSync(path.join(ROOT, 'tests', 'fixtures', 'expected', `${SCENARIO}.json`), 'utf8'));
export const SESSION_KEY = `scenario-quiz/v1/session/${SCENARIO}`;
export const STEP_TIMEOUT_MS = 5_000;

/** What is on screen while playing: the node, the step number and whether feedback shows. */
export async function screenState(page) {
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

/**
 * Presses Tab, then Tab again past every glossary link in the step's text (the first use of a
 * term in a narration, a line or a feedback links to its entry: tests/e2e/glossary.test.mjs),
 * so that the stop after them can be checked. Returns how many links were passed.
 */
export async function tabPastTermLinks(page) {
  await page.keyboard.press('Tab');
  let passed = 0;
  while (await page.evaluate(() => document.activeElement?.matches('a.term') ?? false)) {
    assert.ok(++passed < 50, 'more than 50 glossary links in one step');
    await page.keyboard.press('Tab');
  }
  return passed;
}

/** Clicks `selector` and waits until the screen has changed. */
export async function act(page, selector) {
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
export async function startScenario(page) {
  await waitForFirstScreen(page);
  await page.locator(`[data-testid="open-${SCENARIO}"]`).click();
  await page.locator('[data-testid="start"]').click();
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(new URL(page.url()).hash, `#/s/${SCENARIO}/play`);
}

/**
 * Continues through feedback and passages until `choice` is offered, then takes it.
 * Returns the red-line reason shown in the feedback, or null.
 */
export async function choose(page, choice) {
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
export async function finish(page) {
  for (let guard = 0; guard < 50; guard++) {
    if ((await page.locator('[data-testid="debrief"]').count()) > 0) return;
    assert.ok((await page.locator('[data-choice]').count()) === 0, 'a decision is waiting, but the path has no more choices');
    await act(page, '[data-testid="continue"]');
  }
  assert.fail('no debrief after 50 steps');
}

/** Checks the debrief on screen against one expected path. */
export async function assertDebrief(page, expected) {
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

/** A minimal RFC 4180 parser: rows of cells (quoted cells may hold commas, quotes, line breaks). */
export function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell]);
  return rows;
}
