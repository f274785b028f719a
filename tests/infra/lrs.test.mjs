// What the project's test LRS (Ralph 5.1.0, fs backend, started by scripts/lrs.sh) does with
// the requests our xAPI sender will make, so that the feature's tests can rely on it and
// a Ralph upgrade that changes any of it is caught here first.
//
// Starts nothing: it reads SQ_LRS_ENDPOINT and SQ_LRS_AUTH, which scripts/lrs.sh sets.
//   bash scripts/lrs-test.sh          (starts Ralph, runs this file, stops Ralph)
// Every test uses activity ids under a fresh run id, so none depends on what an earlier
// run (or another test) stored. No test waits for time: Ralph is ready when lrs.sh
// returns (it polls /__heartbeat__), and each request is awaited.
//
// Facts worth knowing when writing statements for Ralph: an `mbox` must be a deliverable
// looking address (Ralph's email check refuses reserved names such as example.invalid or
// *.test: use example.org); Ralph fills in `stored`, `authority` and a missing `timestamp`.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';

const ENDPOINT = process.env.SQ_LRS_ENDPOINT;
const AUTH = process.env.SQ_LRS_AUTH;
if (!ENDPOINT || !AUTH) {
  throw new Error(
    'SQ_LRS_ENDPOINT and SQ_LRS_AUTH are not set: run `bash scripts/lrs-test.sh`, or ' +
      '`bash scripts/lrs.sh start && eval "$(bash scripts/lrs.sh env)"` first',
  );
}
const STATEMENTS = new URL('statements', ENDPOINT);
const VERSION = { 'X-Experience-API-Version': '1.0.3' };
const RUN = `https://scenario-quiz.example.org/test-run/${randomUUID()}`;
const ANSWERED = 'http://adlnet.gov/expapi/verbs/answered';

/** An xAPI statement about activity `object`, inside the activity `parent`. */
function statement({ object, parent, id = randomUUID(), learner = 1, score = 0.5 }) {
  return {
    id,
    actor: { objectType: 'Agent', name: `Learner ${learner}`, mbox: `mailto:learner-${learner}@example.org` },
    verb: { id: ANSWERED, display: { 'en-US': 'answered' } },
    object: { objectType: 'Activity', id: object },
    result: { score: { scaled: score }, success: score >= 0.5 },
    context: { contextActivities: { parent: [{ id: parent, objectType: 'Activity' }] } },
    // A timestamp of our own: Ralph compares it when the same id comes again.
    timestamp: '2026-12-01T10:00:00.000Z',
  };
}

/** A request to the LRS; `auth: null` sends none. Returns the status, headers and body. */
async function lrs(method, url, { body, auth = AUTH, headers = VERSION } = {}) {
  const res = await fetch(url, {
    method,
    headers: {
      ...headers,
      ...(auth ? { Authorization: auth } : {}),
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    // not JSON: the assertions below show `text`
  }
  return { status: res.status, headers: res.headers, json, text };
}

const query = (params) => {
  const url = new URL(STATEMENTS);
  for (const [k, v] of Object.entries(params)) url.searchParams.set(k, String(v));
  return url;
};

/** GET a statements query and follow `more` to the end; returns the pages' statements. */
async function readPages(params, maxPages = 50) {
  const pages = [];
  let url = query(params);
  for (let i = 0; i < maxPages; i++) {
    const res = await lrs('GET', url);
    assert.equal(res.status, 200, `GET ${url}: ${res.text}`);
    pages.push(res.json.statements);
    if (!res.json.more) return pages;
    url = new URL(res.json.more, ENDPOINT); // `more` is an absolute path on the LRS's host
  }
  assert.fail(`still a \`more\` link after ${maxPages} pages of ${JSON.stringify(params)}`);
}

const ids = (statements) => statements.map((s) => s.id).sort();

test('the LRS knows the test user (GET /whoami)', async () => {
  const res = await lrs('GET', new URL('/whoami', ENDPOINT));
  assert.equal(res.status, 200, res.text);
  assert.deepEqual([...res.json.scopes].sort(), ['statements/read', 'statements/write']);
});

// The fs backend's known problem: without scripts/ralph_app.py's fix, the 2nd POST is a 500.
for (const count of [2, 10, 100]) {
  test(`${count} successive POSTs of one statement each all succeed and read back`, async () => {
    const parent = `${RUN}/successive-${count}`;
    const sent = [];
    for (let i = 0; i < count; i++) {
      const s = statement({ object: `${parent}/question-${i}`, parent });
      const res = await lrs('POST', STATEMENTS, { body: s });
      assert.equal(res.status, 200, `POST ${i + 1} of ${count}: ${res.text}`);
      assert.deepEqual(res.json, [s.id]);
      sent.push(s);
    }
    const pages = await readPages({ activity: parent, related_activities: true });
    assert.deepEqual(ids(pages.flat()), ids(sent));
  });
}

test('a batch POST reads back by activity, related activities and statementId', async () => {
  const parent = `${RUN}/batch`;
  const sent = [1, 2, 3, 4, 5].map((n) => statement({ object: `${parent}/q${n}`, parent, learner: n }));
  const post = await lrs('POST', STATEMENTS, { body: sent });
  assert.equal(post.status, 200, post.text);
  assert.deepEqual(post.json, sent.map((s) => s.id), 'POST answers the ids in the order sent');

  // `activity` alone matches the statement's object only ...
  assert.deepEqual((await readPages({ activity: `${parent}/q3` })).flat().map((s) => s.id), [sent[2].id]);
  assert.deepEqual((await readPages({ activity: parent })).flat(), []);
  assert.deepEqual((await readPages({ activity: parent, related_activities: false })).flat(), []);
  // ... and with related_activities=true, the context activities too.
  const related = (await readPages({ activity: parent, related_activities: true })).flat();
  assert.deepEqual(ids(related), ids(sent));

  // Ralph stores what was sent, plus `stored` and the test user as `authority`.
  const one = related.find((s) => s.id === sent[0].id);
  const { stored, authority, ...rest } = one;
  assert.deepEqual(rest, sent[0]);
  assert.ok(!Number.isNaN(Date.parse(stored)), `stored: ${stored}`);
  assert.equal(authority.mbox, 'mailto:scenario-quiz-test@example.org');

  // by statementId: Ralph 5.1 answers {statements: [it]}, not the bare statement the xAPI
  // spec asks for, and an unknown id gives 200 with an empty list, not 404.
  const byId = await lrs('GET', query({ statementId: sent[1].id }));
  assert.equal(byId.status, 200, byId.text);
  assert.deepEqual(byId.json.statements.map((s) => s.id), [sent[1].id]);
  const unknown = await lrs('GET', query({ statementId: randomUUID() }));
  assert.equal(unknown.status, 200, unknown.text);
  assert.deepEqual(unknown.json.statements, []);

  // the verb filter works too (the fs backend's second fix)
  const byVerb = (await readPages({ verb: ANSWERED })).flat().filter((s) => s.object.id.startsWith(parent));
  assert.deepEqual(ids(byVerb), ids(sent));
});

test('the same id again: the same statement is a no-op (204), a different one a conflict (409)', async () => {
  const parent = `${RUN}/same-id`;
  const s = statement({ object: `${parent}/q`, parent });
  assert.equal((await lrs('POST', STATEMENTS, { body: s })).status, 200);

  const again = await lrs('POST', STATEMENTS, { body: s });
  assert.equal(again.status, 204, `re-POST of the same statement: ${again.text}`);
  const putAgain = await lrs('PUT', query({ statementId: s.id }), { body: s });
  assert.equal(putAgain.status, 204, `PUT of the same statement: ${putAgain.text}`);

  const changed = { ...s, result: { ...s.result, score: { scaled: 0.9 } } };
  const conflict = await lrs('POST', STATEMENTS, { body: changed });
  assert.equal(conflict.status, 409, conflict.text);
  assert.match(conflict.json.detail, /already exist/);
  assert.equal((await lrs('PUT', query({ statementId: s.id }), { body: changed })).status, 409);

  // Ralph fills in a missing timestamp with the time it stores the statement, so a
  // statement sent twice *without* a timestamp is a conflict the second time: our sender
  // must set `timestamp` itself for retries to be harmless.
  const { timestamp, ...noTimestamp } = statement({ object: `${parent}/q2`, parent });
  assert.ok(timestamp);
  assert.equal((await lrs('POST', STATEMENTS, { body: noTimestamp })).status, 200);
  assert.equal((await lrs('POST', STATEMENTS, { body: noTimestamp })).status, 409);

  const stored = (await readPages({ activity: parent, related_activities: true })).flat();
  assert.deepEqual(ids(stored), ids([s, noTimestamp]), 'each id stored once, the first version');
  assert.equal(stored.find((x) => x.id === s.id).result.score.scaled, 0.5);
});

test('`limit` pages the results and `more` leads to the rest', async () => {
  const parent = `${RUN}/paging`;
  const sent = Array.from({ length: 7 }, (_, n) => statement({ object: `${parent}/q${n}`, parent }));
  assert.equal((await lrs('POST', STATEMENTS, { body: sent })).status, 200);

  const pages = await readPages({ activity: parent, related_activities: true, limit: 3 });
  assert.deepEqual(pages.map((p) => p.length), [3, 3, 1]);
  assert.deepEqual(ids(pages.flat()), ids(sent), 'every statement once, none twice');

  // Ralph's own edge case: when the last page is full it still offers `more`, which
  // leads to an empty page.
  const even = await readPages({ activity: parent, related_activities: true, limit: 7 });
  assert.deepEqual(even.map((p) => p.length), [7, 0]);

  // A limit above RALPH_RUNSERVER_MAX_SEARCH_HITS_COUNT (100, set by lrs.sh) is cut to it.
  const big = await lrs('GET', query({ limit: 1000 }));
  assert.equal(big.status, 200, big.text);
  assert.ok(big.json.statements.length <= 100, `${big.json.statements.length} statements on one page`);
});

test('requests without valid credentials are refused and store nothing', async () => {
  const parent = `${RUN}/refused`;
  const s = statement({ object: `${parent}/q`, parent });

  const get = await lrs('GET', STATEMENTS, { auth: null });
  assert.equal(get.status, 401, get.text);
  assert.equal(get.headers.get('www-authenticate'), 'Basic');

  const post = await lrs('POST', STATEMENTS, { body: s, auth: null });
  assert.equal(post.status, 401, post.text);
  const user = Buffer.from(AUTH.replace(/^Basic /, ''), 'base64').toString().split(':')[0];
  const wrong = `Basic ${Buffer.from(`${user}:not-the-password`).toString('base64')}`;
  assert.equal((await lrs('POST', STATEMENTS, { body: s, auth: wrong })).status, 401);
  assert.equal((await lrs('GET', new URL('/whoami', ENDPOINT), { auth: wrong })).status, 401);

  const byId = await lrs('GET', query({ statementId: s.id }));
  assert.deepEqual(byId.json.statements, [], 'a refused POST stored nothing');
});

test('Ralph 5.1 neither requires nor sends X-Experience-API-Version (our client must)', async () => {
  // So the LRS will not catch a sender that forgets the header: the sender's own tests
  // must check it. If a Ralph upgrade starts enforcing it, this test says so.
  const parent = `${RUN}/no-version`;
  const res = await lrs('POST', STATEMENTS, { body: statement({ object: `${parent}/q`, parent }), headers: {} });
  assert.equal(res.status, 200, res.text);
  assert.equal(res.headers.get('x-experience-api-version'), null);
});
