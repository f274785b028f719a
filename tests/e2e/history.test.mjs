// The learner's record on this device: each play-through that reaches an ending is
// recorded once (history page, catalogue badge), exported as CSV and JSON whose rows match
// the attempts made, reflection answers are kept, the debrief prints as a record with a
// name asked for at print time and stored nowhere, "try a different approach from decision
// N" restarts there, and "clear my data" (after an in-page confirmation) empties storage.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { useApp } from './harness.mjs';
import { SCENARIO, PATHS, SESSION_KEY, STEP_TIMEOUT_MS, screenState, act, startScenario, choose, finish, assertDebrief, parseCsv } from './flows.mjs';

const app = useApp();
const BEST = PATHS.find((p) => p.critical.length === 0 && p.passed);
const CRITICAL = PATHS.find((p) => p.critical.length > 0);

/** Plays `expected` from the first step to its debrief. */
async function playPath(page, expected) {
  for (const choice of expected.choices) await choose(page, choice);
  await finish(page);
  await assertDebrief(page, expected);
}

/** Clicks `selector` and returns the downloaded file's name and text. */
async function download(page, selector) {
  const [file] = await Promise.all([page.waitForEvent('download'), page.locator(selector).click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

const storedKeys = (page) => page.evaluate(() => Object.keys(localStorage).sort());

test('attempts are recorded once, listed, badged and exported as CSV and JSON', { timeout: 90_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await playPath(page, BEST);
  // Showing the debrief again (a reload) does not record the attempt twice.
  await page.reload();
  await assertDebrief(page, BEST);
  await act(page, '[data-testid="restart"]');
  await playPath(page, CRITICAL);

  await page.locator('nav a[href="#/history"]').click();
  await page.locator('[data-testid="attempts"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.locator('#history-heading').evaluate((h) => h === document.activeElement), true, 'focus on the new page');
  const rows = await page.locator('[data-testid="attempt"]').evaluateAll((trs) =>
    trs.map((tr) => Array.from(tr.cells, (td) => td.innerText.replace(/\s+/g, ' ').trim())),
  );
  assert.equal(rows.length, 2, 'two attempts listed');
  // Newest first: the red-line attempt, then the best one.
  for (const [row, expected] of [[rows[0], CRITICAL], [rows[1], BEST]]) {
    assert.match(row[0], /\d{4}/, `a date: ${row[0]}`);
    assert.ok(row[1].startsWith("Promise you won't tell"), row[1]);
    assert.ok(row[1].includes('Ending: '), row[1]);
    assert.ok(row[2].includes(`${expected.overall}%`), row[2]);
    assert.ok(row[2].includes(expected.passed ? 'Passed' : 'Not passed'), row[2]);
  }

  // CSV: a header, then one row per attempt, oldest first.
  const csv = await download(page, '[data-testid="export-csv"]');
  assert.match(csv.name, /^scenario-quiz-history-\d{4}-\d{2}-\d{2}\.csv$/);
  const [header, ...records] = parseCsv(csv.text.replace(/^\uFEFF/, ''));
  assert.deepEqual(header, ['date', 'scenario_id', 'scenario', 'ending_id', 'ending', 'outcome', 'overall_percent', 'passed', 'red_lines', 'dimensions']);
  assert.equal(records.length, 2, `two rows in ${JSON.stringify(csv.text)}`);
  for (const [record, expected] of [[records[0], BEST], [records[1], CRITICAL]]) {
    const cells = Object.fromEntries(header.map((h, i) => [h, record[i]]));
    assert.equal(cells.scenario_id, SCENARIO);
    assert.equal(cells.scenario, "Promise you won't tell");
    assert.equal(cells.ending_id, expected.ending);
    assert.equal(cells.overall_percent, String(expected.overall));
    assert.equal(cells.passed, expected.passed ? 'yes' : 'no');
    assert.equal(cells.red_lines, String(expected.critical.length));
    assert.ok(!Number.isNaN(Date.parse(cells.date)), cells.date);
  }

  // JSON: the same attempts, with every dimension's percent.
  const json = await download(page, '[data-testid="export-json"]');
  assert.match(json.name, /\.json$/);
  const data = JSON.parse(json.text);
  assert.equal(data.app, 'scenario-quiz');
  assert.equal(data.attempts.length, 2);
  for (const [attempt, expected] of [[data.attempts[0], BEST], [data.attempts[1], CRITICAL]]) {
    assert.equal(attempt.scenario, SCENARIO);
    assert.equal(attempt.ending, expected.ending);
    assert.equal(attempt.overall, expected.overall);
    assert.equal(attempt.passed, expected.passed);
    const percents = Object.fromEntries(attempt.dimensions.map((d) => [d.id, d.percent]));
    assert.deepEqual(percents, Object.fromEntries(Object.entries(expected.dimensions).map(([id, d]) => [id, d.percent])));
  }

  // The catalogue shows the best result on this device.
  await page.locator('nav a[href="#/"]').click();
  const badge = page.locator(`[data-testid="scenario-card-${SCENARIO}"] [data-testid="best-result"]`);
  await badge.waitFor({ timeout: STEP_TIMEOUT_MS });
  const text = await badge.innerText();
  assert.ok(text.includes(BEST.passed ? 'Passed' : 'Completed') && text.includes(`${BEST.overall}%`) && text.includes('2 attempts'), text);
  assert.equal(await page.locator('[data-testid="best-result"]').count(), 1, 'only the played scenario has a badge');
  app.assertNoProblems(problems);
});

test('try a different approach from decision N restarts at that decision', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await playPath(page, BEST);
  const saved = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SESSION_KEY);
  const n = 3;
  await act(page, `[data-testid="retry-${n}"]`);
  const state = await screenState(page);
  assert.equal(state.hash, `#/s/${SCENARIO}/play`);
  assert.equal(state.node, saved.taken[n - 1].node, `back at decision ${n}`);
  assert.equal(state.feedback, false);
  const after = await page.evaluate((key) => JSON.parse(localStorage.getItem(key)), SESSION_KEY);
  assert.deepEqual(after.taken, saved.taken.slice(0, n - 1), 'the decisions before it are kept');
  assert.equal(after.seed, saved.seed, 'the same choice order');
  const offered = await page.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice).sort());
  assert.deepEqual(offered, [...saved.taken[n - 1].offered].sort());
  // Back does not land on a "not finished" debrief: the retry replaced that entry.
  await page.goBack();
  await page.waitForFunction(() => !location.hash.endsWith('/debrief') || document.querySelector('[data-testid="debrief"]'));
  assert.notEqual(new URL(page.url()).hash, `#/s/${SCENARIO}/play`);
  app.assertNoProblems(problems);
});

test('reflection answers are kept on the device, and the debrief prints as a named record', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await playPath(page, CRITICAL);
  const answer = 'I would say, before he starts, that I cannot keep safety worries to myself.';
  await page.locator('[data-testid="reflection-1"]').fill(answer);
  await page.reload();
  await page.locator('[data-testid="debrief"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.locator('[data-testid="reflection-1"]').inputValue(), answer, 'the answer survives a reload');

  // Print: the name is asked for, printed, and stored nowhere.
  await page.evaluate(() => {
    window.printed = 0;
    window.print = () => {
      window.printed += 1;
    };
  });
  await page.locator('[data-testid="print"]').click();
  const input = page.locator('[data-testid="print-name-input"]');
  await input.waitFor();
  assert.equal(await input.evaluate((el) => el === document.activeElement), true, 'focus on the name field');
  await input.fill('Alex Example');
  await page.locator('[data-testid="print-now"]').click();
  await page.waitForFunction(() => window.printed === 1);
  assert.equal((await page.locator('[data-testid="print-name"]').textContent()).trim(), 'Alex Example');
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  assert.ok(!stored.includes('Alex Example'), 'the name is not stored');

  await page.emulateMedia({ media: 'print' });
  const visible = (selector) => page.locator(selector).first().isVisible();
  assert.equal(await visible('[data-testid="print-header"]'), true, 'the record header prints');
  assert.equal(await visible('.site-header'), false, 'no navigation in print');
  assert.equal(await visible('[data-testid="restart"]'), false, 'no buttons in print');
  assert.equal(await visible('[data-testid="retry-1"]'), false, 'no retry links in print');
  assert.equal(await visible('[data-testid^="dim-"]'), true, 'dimensions print');
  assert.equal(await visible('[data-testid="decision-1"]'), true, 'the review prints');
  const printed = await page.locator('[data-testid="debrief"]').innerText();
  assert.ok(printed.includes(answer), 'the written answer prints');
  const pdf = await page.pdf({ format: 'A4' });
  const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) || []).length;
  assert.ok(pages >= 1 && pages <= 2, `the record is one or two A4 pages, not ${pages}`);
  t.diagnostic(`printed record: ${pages} page(s)`);
  app.assertNoProblems(problems);
});

test('clear my data asks first, then removes everything the app stored', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await playPath(page, BEST);
  await page.locator('[data-testid="reflection-1"]').fill('A note.');
  await page.goto(new URL('#/settings', app.url).href);
  await page.locator('[data-testid="setting-large-text"]').check();
  const before = await storedKeys(page);
  assert.ok(before.length >= 4, `things are stored: ${before}`);
  assert.ok(before.every((k) => k.startsWith('scenario-quiz/')), `${before}`);

  await page.locator('nav a[href="#/history"]').click();
  await page.locator('[data-testid="clear"]').click();
  const confirm = page.locator('[data-testid="confirm-clear"]');
  await confirm.waitFor();
  assert.equal(await page.locator('#confirm-heading').evaluate((h) => h === document.activeElement), true, 'focus on the question');
  // Cancel keeps everything and returns focus to the button.
  await page.locator('[data-testid="confirm-clear-no"]').click();
  assert.deepEqual(await storedKeys(page), before);
  assert.equal(await page.locator('[data-testid="clear"]').evaluate((b) => b === document.activeElement), true);

  await page.locator('[data-testid="clear"]').click();
  await page.locator('[data-testid="confirm-clear-yes"]').click();
  await page.locator('[data-testid="cleared"]').waitFor();
  assert.deepEqual(await storedKeys(page), [], 'storage is empty');
  assert.equal(await page.locator('[data-testid="no-attempts"]').count(), 1);
  assert.equal(await page.evaluate(() => document.documentElement.classList.contains('large-text')), false, 'settings back to defaults');

  // Nothing comes back on a reload or a visit to the catalogue.
  await page.reload();
  await page.locator('[data-testid="no-attempts"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  await page.goto(new URL('#/', app.url).href);
  await page.locator(`[data-testid="open-${SCENARIO}"]`).waitFor();
  assert.equal(await page.locator('[data-testid="best-result"]').count(), 0);
  assert.deepEqual(await storedKeys(page), []);
  app.assertNoProblems(problems);
});

test('damaged or outdated storage gives a plain notice and a clean start, never a blank page', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  // A save from an older app version, one for a scenario that has changed since, and one
  // that does not fit the scenario.
  await page.locator(`[data-testid="open-${SCENARIO}"]`).click();
  await page.locator('[data-testid="start"]').click();
  await page.locator('[data-choice]').first().waitFor();
  // Edit the saved JSON as text: its u64 fingerprint does not survive JSON.parse.
  const session = await page.evaluate((key) => localStorage.getItem(key), SESSION_KEY);
  const edit = (pattern, replace) => {
    const edited = session.replace(pattern, replace);
    assert.notEqual(edited, session, `${pattern} is in the save`);
    return edited;
  };
  const cases = [
    [edit(/"version":1\b/, '"version":0'), 'it was saved by an older version of this app'],
    [edit(/"fingerprint":(\d+)/, (_, n) => `"fingerprint":${n.slice(0, -1)}${(Number(n.at(-1)) + 1) % 10}`), 'this scenario has been updated since'],
    [edit(/"node":"[^"]+"/, '"node":"no-such-node"'), 'it was damaged'],
    ['{"version": 1, "scenario": "promise-you', 'it was damaged'],
  ];
  for (const [saved, why] of cases) {
    await page.evaluate(([key, value]) => localStorage.setItem(key, value), [SESSION_KEY, saved]);
    await page.goto('about:blank');
    await page.goto(new URL(`#/s/${SCENARIO}`, app.url).href);
    const notice = page.locator('[data-testid="resume-notice"]');
    await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal((await notice.innerText()).trim(), `Your saved progress could not be used because ${why}, so you are starting from the beginning.`);
    assert.equal((await page.locator('[data-testid="start"]').innerText()).trim(), 'Start');
  }

  // Damaged history, settings and answers.
  await page.evaluate(() => {
    localStorage.setItem('scenario-quiz/v1/history', '{"version": 1, "attempts": [{"oops"');
    localStorage.setItem('scenario-quiz/v1/settings', 'not json');
    localStorage.setItem('scenario-quiz/v1/reflection/promise-you-wont-tell', '[1,2');
  });
  await page.goto('about:blank');
  await page.goto(new URL('#/history', app.url).href);
  const notice = page.locator('[data-testid="history-notice"]');
  await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.match(await notice.innerText(), /could not be read \(it was damaged\), so it starts again from empty/);
  await page.goto(new URL('#/settings', app.url).href);
  assert.equal(await page.locator('[data-testid="setting-shuffle"]').isChecked(), true, 'default settings');
  app.assertNoProblems(problems);
});
