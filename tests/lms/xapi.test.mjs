// xAPI against a real LRS: the release build's LMS variant, launched with xAPI launch
// parameters, plays `promise-you-wont-tell` and sends its statements to Ralph (started by
// scripts/lms-test.sh, which also allows Ralph's origin in the served copy's CSP). Every
// statement as sent is valid by @learninglocker/xapi-validation 3.0.0 and carries the
// version header and the launch's Authorization; read back through GET /xAPI/statements they
// hold the expected result (tests/fixtures/expected/). With the LRS unreachable, statements
// wait in the localStorage queue (a reload included) and reach Ralph afterwards in the order
// they were made, none twice.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { randomUUID } from 'node:crypto';
import { useApp, pollUntil } from '../e2e/harness.mjs';
import { SCENARIO, PATHS, STEP_TIMEOUT_MS, choose, finish } from '../e2e/flows.mjs';

const require = createRequire(import.meta.url);
const validate = require('@learninglocker/xapi-validation').default;
const { SQ_LRS_ENDPOINT: ENDPOINT, SQ_LRS_AUTH: AUTH, SQ_LRS_URL: LRS } = process.env;
if (!ENDPOINT || !AUTH || !LRS) throw new Error('run through scripts/lms-test.sh (it starts Ralph)');
const app = useApp({ port: Number(process.env.SQ_E2E_PORT || 0) });
const EXT = 'https://scenario-quiz.github.io/xapi/extensions/';
const QUEUE_KEY = 'scenario-quiz/v1/xapi-queue';
const ACTOR = { objectType: 'Agent', name: 'Test Learner', mbox: 'mailto:learner@example.org' };
const verb = (s) => s.verb.id.split('/').pop();

function launchUrl(registration) {
  const query = new URLSearchParams({
    endpoint: ENDPOINT,
    auth: AUTH,
    actor: JSON.stringify(ACTOR),
    registration,
    activity_id: `https://training.example.org/scenarios/${SCENARIO}`,
  });
  return `${app.url}?${query}#/s/${SCENARIO}`;
}

/** A fresh context (the LRS is another origin, so not the harness's origin-only one). */
async function open(t) {
  const context = await app.browser.newContext();
  t.after(() => context.close());
  const page = await context.newPage();
  const seen = { pageErrors: [], posts: [] };
  page.on('pageerror', (e) => seen.pageErrors.push(String(e)));
  page.on('request', (req) => {
    if (req.url().startsWith(LRS) && req.method() === 'POST') seen.posts.push({ headers: req.headers(), body: req.postData() });
  });
  return { context, page, seen };
}

async function start(page, registration) {
  await page.goto(launchUrl(registration));
  await page.locator('[data-testid="start"]').click({ timeout: 15_000 });
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
}

const queued = (page) => page.evaluate((k) => JSON.parse(localStorage.getItem(k) || '[]'), QUEUE_KEY);

/** Every statement of `registration` in Ralph, in the order stored (Ralph's fs backend). */
async function stored(registration) {
  const out = [];
  let url = `${ENDPOINT}statements?registration=${registration}&limit=100`;
  for (;;) {
    const res = await fetch(url, { headers: { Authorization: AUTH, 'X-Experience-API-Version': '1.0.3' } });
    assert.equal(res.status, 200, `GET ${url}`);
    const page = await res.json();
    out.push(...page.statements);
    if (!page.more || page.statements.length === 0) return out;
    url = new URL(page.more, LRS).href;
  }
}

test('a full playthrough reaches Ralph: valid statements, in order, with the core result', { timeout: 90_000 }, async (t) => {
  const expected = PATHS.find((p) => p.critical.length > 0);
  const registration = randomUUID();
  const { page, seen } = await open(t);
  await start(page, registration);
  for (const choice of expected.choices) await choose(page, choice);
  await finish(page);
  await pollUntil(async () => (await queued(page)).length === 0, 'the queue emptying', { timeout: 20_000 });
  await page.goto('about:blank'); // pagehide: `terminated`, sent with keepalive
  const count = expected.choices.length + 4;
  const statements = await pollUntil(async () => {
    const s = await stored(registration);
    return s.length >= count && s;
  }, `${count} statements in Ralph`, { timeout: 20_000 });

  assert.deepEqual(statements.map(verb), ['initialized', ...expected.choices.map(() => 'answered'), 'failed', 'completed', 'terminated']);
  assert.equal(new Set(statements.map((s) => s.id)).size, statements.length, 'no statement twice');
  // What was sent: valid, with the headers, every time.
  // (the last POST, `terminated` with keepalive as the page goes, may leave no trace here)
  assert.ok(seen.posts.length >= statements.length - 1, `${seen.posts.length} POSTs seen`);
  for (const post of seen.posts) {
    assert.equal(post.headers['x-experience-api-version'], '1.0.3');
    assert.equal(post.headers.authorization, AUTH);
    const sent = JSON.parse(post.body);
    for (const s of Array.isArray(sent) ? sent : [sent]) assert.deepEqual(validate(s), [], `${verb(s)} is valid xAPI`);
  }
  for (const s of statements) {
    assert.deepEqual(validate(s), [], `${verb(s)} as stored is valid xAPI`);
    assert.equal(s.actor.mbox, ACTOR.mbox);
    assert.equal(s.context.registration, registration);
    assert.equal(s.context.platform, 'scenario-quiz');
    assert.match(s.context.extensions[`${EXT}scenario-fingerprint`], /^\d+$/);
    assert.ok(s.timestamp);
  }
  const answers = statements.filter((s) => verb(s) === 'answered');
  assert.deepEqual(answers.map((s) => s.result.response), expected.choices);
  assert.deepEqual(answers.map((s) => s.result.extensions[`${EXT}decision-number`]), expected.choices.map((_, i) => i + 1));
  for (const a of answers) {
    assert.match(a.object.id, new RegExp(`^https://training\\.example\\.org/scenarios/${SCENARIO}/decision/[^/]+$`));
    assert.equal(a.object.definition.interactionType, 'choice');
    assert.ok(a.object.definition.choices.some((c) => c.id === a.result.response), 'the choice is among those offered');
    assert.equal(a.context.contextActivities.parent[0].id, `https://training.example.org/scenarios/${SCENARIO}`);
    const crossed = a.result.extensions[`${EXT}red-lines`];
    assert.equal(a.result.success, crossed.length === 0 && a.result.response !== 'promise');
  }
  assert.equal(answers.find((a) => a.result.response === 'promise').result.success, false);
  const ending = statements.find((s) => verb(s) === 'failed');
  assert.equal(ending.result.score.raw, expected.overall);
  assert.equal(ending.result.score.scaled, expected.overall / 100);
  assert.equal(ending.result.success, false);
  assert.equal(ending.result.extensions[`${EXT}ending`], expected.ending);
  assert.equal(ending.result.extensions[`${EXT}outcome`], expected.outcome);
  const percents = Object.fromEntries(Object.entries(expected.dimensions).map(([id, d]) => [id, d.percent]));
  assert.deepEqual(ending.result.extensions[`${EXT}dimension-percents`], percents);
  assert.ok(ending.result.extensions[`${EXT}red-lines-crossed`].length > 0);
  assert.match(statements.find((s) => verb(s) === 'completed').result.duration, /^PT\d+S$/);
  assert.deepEqual(seen.pageErrors, []);
});

test('while the LRS is unreachable statements wait, survive a reload, then arrive in order, once', { timeout: 90_000 }, async (t) => {
  const route = PATHS[0].choices;
  const registration = randomUUID();
  const { context, page, seen } = await open(t);
  const lrs = `${LRS}/**`;
  await context.route(lrs, (r) => r.abort('connectionrefused'));
  await start(page, registration);
  await choose(page, route[0]);
  await choose(page, route[1]);
  const notice = page.locator('[data-testid="lms-notice"]');
  await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await notice.getAttribute('role'), 'status');
  assert.match(await notice.innerText(), /kept in this browser/);
  let waiting = await queued(page);
  assert.deepEqual(waiting.map((i) => verb(JSON.parse(i.body))), ['initialized', 'answered', 'answered']);

  await page.reload(); // still down: `terminated` as the page goes; the queue is read back
  await page.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
  await choose(page, route[2]);
  waiting = await queued(page);
  assert.deepEqual(waiting.map((i) => verb(JSON.parse(i.body))), ['initialized', 'answered', 'answered', 'terminated', 'initialized', 'answered']);
  const ids = waiting.map((i) => i.id);
  assert.equal((await stored(registration)).length, 0, 'nothing reached the LRS');

  await context.unroute(lrs);
  await page.evaluate(() => window.dispatchEvent(new Event('online')));
  await pollUntil(async () => (await queued(page)).length === 0, 'the queue emptying after `online`', { timeout: 20_000 });
  const arrived = await stored(registration);
  assert.deepEqual(arrived.map((s) => s.id), ids, 'every statement, in the order made, none twice');
  assert.deepEqual(arrived.filter((s) => verb(s) === 'answered').map((s) => s.result.extensions[`${EXT}decision-number`]), [1, 2, 3], 'numbering continues across the reload');
  await notice.waitFor({ state: 'detached', timeout: STEP_TIMEOUT_MS });
  assert.ok(seen.posts.length > 0);
  assert.deepEqual(seen.pageErrors, []);
});
