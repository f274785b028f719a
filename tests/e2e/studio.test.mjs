// The studio (studio.html, issue 16) in the built site: its page carries the learner's strict
// CSP and nothing inline; the learner's header links to it; it opens a file (input and drag
// and drop), the template and a bundled scenario; the checker (in a web worker) lists every
// problem as "line L, column C: message" and choosing one moves the caret there; typing
// re-checks; the draft survives a reload; "Download YAML" saves <id>.yaml; a 10 MB text gives
// a problem and the page stays responsive; axe-core finds nothing; no CSP violation and no
// request off the origin.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR, ROOT, useApp } from './harness.mjs';

const app = useApp();

const cspOf = (html) => /http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i.exec(html)?.[1];
const FIXTURES = path.join(ROOT, 'tests', 'fixtures', 'diagnostics');
/** The `# expect: <severity> <code> <line>:<column>` lines of a diagnostic fixture. */
const expects = (text) =>
  [...text.matchAll(/^# expect: (\w+) ([\w-]+) (\d+):(\d+)$/gm)].map(([, severity, code, line, column]) => ({
    severity,
    code,
    line: Number(line),
    column: Number(column),
  }));

/** Opens the studio with CSP violations collected from before the first script. */
async function openStudio(t, { fresh = true } = {}) {
  const session = await app.newPage();
  t.after(() => session.close());
  const { page } = session;
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'}`);
    });
  });
  session.requests = [];
  page.on('request', (req) => session.requests.push(req.url()));
  await page.goto(new URL('studio.html', app.url).href);
  await page.getByRole('textbox', { name: 'Scenario YAML' }).waitFor();
  if (fresh) await page.getByRole('status').filter({ hasText: 'Open a file' }).waitFor();
  return session;
}

const editor = (page) => page.getByRole('textbox', { name: 'Scenario YAML' });
const problems = (page) => page.getByRole('list', { name: 'Problems' }).getByRole('listitem');
const statusSays = (page, text) => page.getByRole('status').filter({ hasText: text }).waitFor();

async function assertClean(page, session) {
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'CSP violations');
  app.assertNoProblems(session.problems);
  const origin = new URL(app.url).origin;
  assert.deepEqual(session.requests.filter((u) => new URL(u).origin !== origin), [], 'requests off the origin');
}

test('studio.html carries the same strict CSP as index.html and nothing inline', () => {
  const studio = readFileSync(path.join(DIST_DIR, 'studio.html'), 'utf8');
  const index = readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  assert.ok(cspOf(studio), 'studio.html has a CSP');
  assert.equal(cspOf(studio), cspOf(index));
  assert.doesNotMatch(studio, /<script\b[^>]*>[^<\s]/i, 'an inline script');
  assert.doesNotMatch(studio, /<style\b|\sstyle\s*=|\son[a-z]+\s*=/i, 'inline style or handler');
  assert.doesNotMatch(studio, /{{/, 'a placeholder left in the page');
});

test("the learner's header links to the studio", async (t) => {
  const { page } = await app.open(t);
  const link = page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Studio' });
  assert.equal(await link.getAttribute('href'), 'studio.html');
});

test('the template checks clean; a typo is listed at its line and column and choosing it moves the caret', async (t) => {
  const session = await openStudio(t);
  const { page } = session;
  await page.getByRole('button', { name: 'New from template' }).click();
  await statusSays(page, 'No problems in new-scenario.yaml');
  assert.equal(await problems(page).count(), 0);
  assert.equal(await page.evaluate(() => document.activeElement?.id), 'yaml', 'the editor has the focus');

  // Type over the start node's name: the checker runs again on its own.
  const text = await editor(page).inputValue();
  const at = text.indexOf('start: request') + 'start: '.length;
  await editor(page).evaluate((el, at) => el.setSelectionRange(at, at + 'request'.length), at);
  await page.keyboard.type('nowhere');
  await statusSays(page, '1 error');
  const line = text.slice(0, at).split('\n').length;
  const item = problems(page).first();
  assert.match(await item.innerText(), new RegExp(`line ${line}, column 8: .*\`nowhere\``));
  await item.getByRole('button').click();
  const caret = await editor(page).evaluate((el) => [document.activeElement === el, el.selectionStart, el.selectionEnd]);
  assert.deepEqual(caret, [true, at, at + 'nowhere'.length], 'the problem is selected in the editor');
  await assertClean(page, session);
});

test('opening a file (input and drop) lists the fixture\'s diagnostic at its line; the draft survives a reload; Download saves <id>.yaml', async (t) => {
  const session = await openStudio(t);
  const { page } = session;
  const fixture = readFileSync(path.join(FIXTURES, 'yaml-syntax.yaml'), 'utf8');
  const [expected] = expects(fixture);
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'yaml-syntax.yaml', mimeType: 'text/yaml', buffer: Buffer.from(fixture) });
  await statusSays(page, '1 error');
  assert.equal(await editor(page).inputValue(), fixture);
  const button = problems(page).first().getByRole('button');
  assert.equal(await button.getAttribute('data-code'), expected.code);
  assert.match(await button.innerText(), new RegExp(`line ${expected.line}, column ${expected.column}: `));

  // Drag and drop a second file onto the page.
  const template = readFileSync(path.join(ROOT, 'scenarios', 'got-kids.yaml'), 'utf8');
  const drop = await page.evaluateHandle((text) => {
    const dt = new DataTransfer();
    dt.items.add(new File([text], 'got-kids.yaml', { type: 'text/yaml' }));
    return dt;
  }, template);
  await page.dispatchEvent('.studio', 'drop', { dataTransfer: drop });
  await statusSays(page, 'in got-kids.yaml');
  assert.equal(await editor(page).inputValue(), template);

  // Edit, reload: the edited text is back.
  await editor(page).press('Control+End');
  await page.keyboard.type('\n# my note');
  await page.reload();
  await editor(page).waitFor();
  await statusSays(page, 'in got-kids.yaml');
  assert.equal(await editor(page).inputValue(), `${template}\n# my note`);

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download YAML' }).click()]);
  assert.equal(download.suggestedFilename(), 'got-kids.yaml');
  const saved = readFileSync(await download.path(), 'utf8');
  assert.equal(saved, `${template}\n# my note`);
  await assertClean(page, session);
});

test('"Start from…" opens a bundled scenario; a 10 MB text is a problem, not a frozen page; axe finds nothing', async (t) => {
  const session = await openStudio(t);
  const { page } = session;
  await page.getByLabel('Start from…').selectOption('promise-you-wont-tell');
  await page.getByRole('button', { name: 'Open this scenario' }).click();
  await statusSays(page, 'No problems in promise-you-wont-tell.yaml');
  assert.equal(await editor(page).inputValue(), readFileSync(path.join(ROOT, 'scenarios', 'promise-you-wont-tell.yaml'), 'utf8'));

  const axe = await app.runAxe(page);
  assert.deepEqual(app.formatAxeViolations(axe), []);

  // Over the core's limit (1 MiB) but small enough to edit: the core's own problem.
  const large = `id: large\n${`# ${'x'.repeat(200)}\n`.repeat(5_500)}`;
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'large.yaml', mimeType: 'text/yaml', buffer: Buffer.from(large) });
  await statusSays(page, 'in large.yaml');
  const item = await problems(page).first().getByRole('button').innerText();
  assert.match(item, /too-large.*line 1, column 1: the file is \d+ KiB; scenario files are limited to 1024 KiB/);
  // 10 MB: not put in the editor (Chromium would lay it out for many seconds), a notice says why.
  const big = `id: big\n${'# filler line of a very large file\n'.repeat(300_000)}`;
  await page.getByLabel('Open a scenario file').setInputFiles({ name: 'big.yaml', mimeType: 'text/yaml', buffer: Buffer.from(big) });
  await page.getByRole('alert').filter({ hasText: 'big.yaml is 10.0 MB, too large to edit here' }).waitFor();
  assert.equal((await editor(page).inputValue()).length, large.length, 'the editor keeps its text');
  // The page answers while and after the worker checked.
  assert.equal(await page.evaluate(() => 1 + 1), 2);
  await assertClean(page, session);
});
