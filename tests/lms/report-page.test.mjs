// The trainer's cohort report page (report.html) against a real LRS: a generated cohort whose
// answers are known (crates/scenario-report/examples/gen_cohort.rs prints them) is POSTed to
// Ralph in batches of 100 (tests/infra/report_lrs.py), then the built page, told the LRS's
// endpoint, key and secret, reads it back through the statements API across Ralph's pages
// (`more`; Ralph answers at most 100 statements a page, scripts/lrs.sh) and shows the known
// attempts, passes and answers per choice, with no CSP violation: Ralph's origin is in the
// served copy's connect-src (scripts/lms-test.sh, scripts/lrs-csp.mjs --page=report.html) and
// Ralph answers CORS for the page's origin. tests/e2e/report.test.mjs covers the page's other
// sources and its errors with a same-origin stand-in for the LRS.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ROOT, useApp } from '../e2e/harness.mjs';

const { SQ_LRS_ENDPOINT: ENDPOINT, SQ_LRS_AUTH: AUTH, SQ_LRS_URL: LRS, SQ_LRS_USER: USER, SQ_LRS_PASSWORD: PASSWORD } = process.env;
if (!ENDPOINT || !AUTH || !LRS || !USER || !PASSWORD) throw new Error('run through scripts/lms-test.sh (it starts Ralph)');
const app = useApp({ port: Number(process.env.SQ_E2E_PORT || 0) });
const SCENARIO = 'promise-you-wont-tell';
// Its own activity, so that statements the other tests send to the same Ralph are not read.
const ACTIVITY = `https://example.org/report-page-test/s/${SCENARIO}`;
const PAGE_SIZE = 100; // RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT in scripts/lrs.sh
let dir;
let statements;
let expected;

before(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'sq-report-ralph-'));
  const cohortFile = path.join(dir, 'cohort.jsonl');
  const out = execFileSync(
    'cargo',
    ['run', '--quiet', '--offline', '-p', 'scenario-report', '--example', 'gen_cohort', '--',
      '--scenario', `scenarios/${SCENARIO}.yaml`, '--learners', '30', '--seed', '18', '--activity', ACTIVITY, '--out', cohortFile],
    { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
  );
  expected = JSON.parse(out);
  statements = readFileSync(cohortFile, 'utf8').trim().split('\n').length;
  assert.ok(statements > 2 * PAGE_SIZE, `the cohort spans several of Ralph's pages (${statements} statements)`);
  execFileSync('python3', ['tests/infra/report_lrs.py', ENDPOINT, AUTH, cohortFile, String(PAGE_SIZE)], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
});
after(() => rmSync(dir, { recursive: true, force: true }));

test('the report page reads a cohort from Ralph, page by page: the known numbers, no CSP violation', { timeout: 60_000 }, async (t) => {
  // Not the harness's origin-only routing: the LRS is another origin. Anything else is refused.
  const { page, problems, close } = await app.newPage({ origin: undefined });
  t.after(close);
  const elsewhere = [];
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url.startsWith(`${app.server.origin}/`) || url.startsWith(`${LRS}/`)) return route.continue();
    elsewhere.push(url);
    return route.abort('blockedbyclient');
  });
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI}`));
  });
  const cspConsole = [];
  page.on('console', (msg) => {
    if (/Content.Security.Policy|Refused to/i.test(msg.text())) cspConsole.push(msg.text());
  });
  const asked = [];
  page.on('request', (req) => {
    if (req.url().startsWith(`${LRS}/`) && req.method() === 'GET') {
      asked.push({ url: req.url(), auth: req.headers().authorization, version: req.headers()['x-experience-api-version'] });
    }
  });

  await page.goto(new URL('/report.html', app.url).href);
  await page.locator(`#report-scenario option[value="${SCENARIO}"]`).waitFor({ state: 'attached' });
  await page.locator('#report-scenario').selectOption(SCENARIO);
  await page.locator('#source-lrs-choice').check();
  await page.locator('#lrs-endpoint').fill(ENDPOINT);
  await page.locator('#lrs-activity').fill(ACTIVITY);
  await page.locator('#lrs-key').fill(USER);
  await page.locator('#lrs-secret').fill(PASSWORD);
  await page.locator('button[type="submit"]').click();
  await page.locator('[data-testid="report"], [data-testid="errors"]').first().waitFor({ timeout: 30_000 });
  const errors = page.locator('[data-testid="errors"]');
  if ((await errors.count()) > 0) assert.fail(`the page showed errors: ${await errors.innerText()}`);

  const summary = await page.evaluate(() =>
    Object.fromEntries([...document.querySelectorAll('.cohort-report table.summary tr')].map((tr) => [tr.querySelector('th').textContent, tr.querySelector('td').textContent])),
  );
  assert.equal(summary.Attempts, String(expected.attempts));
  assert.equal(summary.Learners, String(expected.learners));
  assert.equal(summary.Passed, String(expected.passed));
  assert.equal(summary['Finished (reached an ending)'], String(expected.finished));
  assert.equal(summary['Attempts that crossed a red line'], String(expected.red_line_attempts));
  // Every decision's answers per choice, as the choices tables show them (choices offered and
  // never chosen show 0; the generator records only those chosen).
  const shown = await page.evaluate(() =>
    [...document.querySelectorAll('.cohort-report table.choices')].flatMap((table) => {
      const node = table.querySelector('caption code').textContent;
      return [...table.querySelectorAll('tbody tr')].map((tr) => ({ node, choice: tr.querySelector('th code').textContent, count: Number(tr.querySelector('td').textContent) }));
    }),
  );
  const key = (c) => `${c.node} / ${c.choice}`;
  const byKey = (list) => Object.fromEntries(list.filter((c) => c.count > 0).map((c) => [key(c), c.count]).sort());
  assert.ok(expected.choices.length > 0);
  assert.deepEqual(byKey(shown), byKey(expected.choices), 'answers per decision and choice');
  assert.match(await page.locator('.cohort-report .meta').first().innerText(), /source: lrs/);

  // Read through the statements API, following `more` across Ralph's pages, each request with
  // the key and secret and the xAPI version.
  assert.ok(asked.length >= Math.ceil(statements / PAGE_SIZE), `${asked.length} pages asked for ${statements} statements`);
  const first = new URL(asked[0].url);
  assert.equal(first.origin + first.pathname, `${ENDPOINT}statements`);
  assert.equal(first.searchParams.get('activity'), ACTIVITY);
  assert.equal(first.searchParams.get('related_activities'), 'true');
  assert.ok(asked.slice(1).every((a) => a.url !== asked[0].url), 'the later pages are the `more` links');
  assert.ok(asked.every((a) => a.auth === AUTH && a.version === '1.0.3'));

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'securitypolicyviolation events');
  assert.deepEqual(cspConsole, [], 'CSP messages in the console');
  assert.deepEqual(elsewhere, [], 'requests to anything but the page and Ralph');
  app.assertNoProblems(problems);
});
