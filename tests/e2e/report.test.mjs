// The trainer's cohort report page (report.html) driving the real built page: a generated
// cohort whose answers are known (crates/scenario-report/examples/gen_cohort.rs prints them)
// gives those numbers, from a chosen file, its Moodle interactions export and an LRS with
// `more` paging (a same-origin stand-in, so the strict CSP holds); printed, the report alone;
// a file with one bad line shows the report and names the line; a dropped file with nothing
// readable shows an error naming each place, with focus on it; sent from the keyboard, focus
// moved to the report's heading, no axe violations; the learner's settings link to it.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, useApp } from './harness.mjs';

const app = useApp();
const SCENARIO = 'promise-you-wont-tell';
const ACTIVITY = `https://example.org/s/${SCENARIO}`;
let dir;
let cohortFile;
let moodleFile;
let expected;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sq-report-page-'));
  cohortFile = path.join(dir, 'cohort.jsonl');
  moodleFile = path.join(dir, 'moodle-interactions.txt');
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--offline', '-p', 'scenario-report', '--example', 'gen_cohort', '--',
      '--scenario', `scenarios/${SCENARIO}.yaml`, '--learners', '40', '--seed', '11', '--activity', ACTIVITY, '--out', cohortFile,
      '--moodle', moodleFile],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  expected = JSON.parse(out);
});
after(() => rmSync(dir, { recursive: true, force: true }));

const focusedId = (page) => page.evaluate(() => document.activeElement?.id);

/** The report's summary table as { label: value }. */
async function summary(page) {
  return page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelectorAll('.cohort-report table.summary tr')].map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent]),
    ),
  );
}

/** Every decision's answers per choice, summed (the choices tables, the charts' data). */
const answersShown = (page) =>
  page.evaluate(() =>
    [...document.querySelectorAll('.cohort-report table.choices tbody tr')].reduce((n, tr) => n + Number(tr.querySelector('td').textContent), 0),
  );

async function openPage(t) {
  const session = await app.open(t, '/report.html');
  // The form is ready when the site's scenarios have loaded.
  await session.page.locator(`#report-scenario option[value="${SCENARIO}"]`).waitFor({ state: 'attached' });
  return session;
}

async function assertKnownNumbers(page) {
  const s = await summary(page);
  assert.equal(s.Attempts, String(expected.attempts));
  assert.equal(s.Learners, String(expected.learners));
  assert.equal(s.Passed, String(expected.passed));
  assert.equal(s['Finished (reached an ending)'], String(expected.finished));
  assert.equal(s['Attempts that crossed a red line'], String(expected.red_line_attempts));
  assert.equal(await answersShown(page), expected.answers, 'answers per choice add up to the answers given');
}

test('a statements file, sent from the keyboard: the known numbers, focus on the report, no axe violations', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await openPage(t);
  await page.locator('#report-scenario').focus();
  await page.keyboard.press('ArrowDown'); // the first scenario after "All"
  await page.locator('#report-scenario').selectOption(SCENARIO);
  await page.locator('#source-file').setInputFiles(cohortFile);
  assert.match(await page.locator('[data-testid="chosen-file"]').innerText(), /cohort\.jsonl/);
  await page.locator('button[type="submit"]').focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="report"]').waitFor({ timeout: 30_000 });
  assert.equal(await focusedId(page), 'r0-h', 'focus moved to the report heading');
  assert.match(await page.locator('#r0-h').innerText(), /^Cohort report: Promise you won/);
  await assertKnownNumbers(page);
  assert.match(await page.locator('.cohort-report .meta').innerText(), /learners shown: aggregate/);
  // Every chart has its data table right after it.
  const charts = await page.locator('.cohort-report figure.chart-figure').count();
  assert.ok(charts > 0);
  assert.equal(await page.locator('.cohort-report figure.chart-figure + table').count(), charts);
  const axe = await app.runAxe(page);
  assert.deepEqual(app.formatAxeViolations(axe), []);
  // Printed, the report alone.
  await page.emulateMedia({ media: 'print' });
  assert.equal(await page.locator('form.report-form').isVisible(), false);
  assert.equal(await page.locator('#r0-h').isVisible(), true);
  app.assertNoProblems(problems);
});

test('an LMS export of the same cohort (Moodle interactions report) gives the same numbers', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await openPage(t);
  await page.locator('#report-scenario').selectOption(SCENARIO);
  await page.locator('#source-file').setInputFiles(moodleFile);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="report"]').waitFor({ timeout: 30_000 });
  await assertKnownNumbers(page);
  assert.match(await page.locator('.cohort-report .meta').innerText(), /source: lms-export/);
  app.assertNoProblems(problems);
});

test('names only on request', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await openPage(t);
  await page.locator('#source-file').setInputFiles(cohortFile);
  await page.locator('#report-names').check();
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="report"]').waitFor({ timeout: 30_000 });
  assert.match(await page.locator('.cohort-report .meta').first().innerText(), /learners shown: names/);
  assert.ok((await page.locator('text=Learners (names shown on request)').count()) > 0);
  app.assertNoProblems(problems);
});

test('a bad line is named in the report; a file of nothing readable is an error with its places', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await openPage(t);
  const lines = readFileSync(cohortFile, 'utf8').split('\n');
  lines.splice(2, 0, '{"id": "broken", this is not JSON');
  const oneBad = path.join(dir, 'one-bad-line.jsonl');
  writeFileSync(oneBad, lines.join('\n'));
  await page.locator('#report-scenario').selectOption(SCENARIO);
  await page.locator('#source-file').setInputFiles(oneBad);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="report"]').waitFor({ timeout: 30_000 });
  await assertKnownNumbers(page);
  assert.match(await page.locator('.cohort-report .notes').innerText(), /1 statement skipped: 1 not JSON \(line 3\)/);

  // Dropped on the page, a file with nothing readable.
  const bad = await page.evaluateHandle(() => {
    const dt = new DataTransfer();
    dt.items.add(new File(['this is not a statement\n\n{"id": 1}\n'], 'bad.jsonl', { type: 'application/json' }));
    return dt;
  });
  await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer: bad });
  assert.match(await page.locator('[data-testid="chosen-file"]').innerText(), /bad\.jsonl \(dropped\)/);
  await page.locator('button[type="submit"]').click();
  const errors = page.locator('[data-testid="errors"]');
  await errors.waitFor();
  assert.equal(await focusedId(page), 'report-errors', 'focus moved to the errors');
  const text = await errors.innerText();
  assert.match(text, /bad\.jsonl: no statement could be read \(2 skipped\)/);
  assert.match(text, /line 1: not JSON/);
  assert.match(text, /line 3: not a statement this report can read/);
  assert.equal(await page.locator('[data-testid="report"]').count(), 0, 'no report under an error');
  app.assertNoProblems(problems);
});

test('a wrong field is named and linked; an LRS is read page by page with its key and secret', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await openPage(t);
  const statements = readFileSync(cohortFile, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  const half = Math.ceil(statements.length / 2);
  const asked = [];
  // A same-origin stand-in for the LRS (the strict CSP's connect-src 'self' allows it; a real
  // LRS's origin is added by the deployment: docs/security.md).
  await page.route('**/lrs/xAPI/statements**', (route) => {
    const req = route.request();
    asked.push({ url: req.url(), auth: req.headers().authorization, version: req.headers()['x-experience-api-version'] });
    const second = new URL(req.url()).searchParams.get('page') === '2';
    const body = second
      ? { statements: statements.slice(half), more: '' }
      : { statements: statements.slice(0, half), more: '/lrs/xAPI/statements?page=2' };
    return route.fulfill({ status: 200, contentType: 'application/json', body: JSON.stringify(body) });
  });
  await page.locator('#source-lrs-choice').check();
  await page.locator('#lrs-endpoint').fill(`${app.url}lrs/xAPI/`);
  await page.locator('#cohort-since').fill('2026-12-31');
  await page.locator('#cohort-until').fill('2026-01-01');
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="errors"]').waitFor();
  const text = await page.locator('[data-testid="errors"]').innerText();
  assert.match(text, /Scenario activity IRI: give the activity/);
  assert.match(text, /Until: the date must be after the From date/);
  assert.equal(await page.locator('#lrs-activity').getAttribute('aria-invalid'), 'true');
  assert.equal(await page.locator('[data-testid="errors"] a[href="#lrs-activity"]').count(), 1);
  assert.equal(asked.length, 0, 'nothing fetched with wrong fields');

  await page.locator('#cohort-since').fill('');
  await page.locator('#cohort-until').fill('');
  await page.locator('#lrs-activity').fill(ACTIVITY);
  await page.locator('#lrs-key').fill('trainer');
  await page.locator('#lrs-secret').fill('s3cret');
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="report"]').waitFor({ timeout: 30_000 });
  await assertKnownNumbers(page);
  assert.equal(asked.length, 2, 'two pages, following more');
  assert.match(asked[0].url, /statements\?activity=https%3A%2F%2Fexample\.org%2Fs%2Fpromise-you-wont-tell&related_activities=true/);
  assert.ok(asked.every((a) => a.auth === `Basic ${Buffer.from('trainer:s3cret').toString('base64')}` && a.version === '1.0.3'));
  assert.match(await page.locator('.cohort-report .meta').innerText(), /source: lrs/);
  app.assertNoProblems(problems);
});

test('the learner app links to the report from its trainer settings', async (t) => {
  const { page, problems } = await app.open(t, '/#/settings');
  const link = page.locator('a[href="report.html"]');
  await link.waitFor();
  assert.equal(await link.innerText(), 'Cohort report');
  app.assertNoProblems(problems);
});
