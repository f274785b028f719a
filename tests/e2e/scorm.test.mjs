// The LMS runtime in the real release build (dist/, its LMS variant dist/lms/) with the real
// scorm-again 3.4.3 as the LMS: a wrapper page on the app's origin (as an LMS serves its
// packages) holds `API` (SCORM 1.2) or `API_1484_11` (2004) and shows the app in an iframe,
// opened on a scenario's hash route. For both standards: a full playthrough's recorded values
// equal the expected fixture (tests/fixtures/expected/promise-you-wont-tell.json); leaving
// mid-way suspends, and a relaunch in a fresh browser (nothing in localStorage) with the
// LMS's data (`entry: 'resume'`) resumes at the same node, scores and choice order; the
// suspend data of the longest route stays within 4,096 characters; an LMS that refuses calls
// gets a notice while the local save holds the progress. Without an LMS the plain build
// starts (the loader's choice).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { useApp, ROOT } from './harness.mjs';
import { SCENARIO, PATHS, SESSION_KEY, STEP_TIMEOUT_MS, choose, finish, assertDebrief } from './flows.mjs';

const app = useApp();
const PASS_EACH = 50; // promise-you-wont-tell.yaml: pass: { overall: 70, each: 50 }
const dist = (f) => readFileSync(path.join(ROOT, 'node_modules', 'scorm-again', 'dist', f), 'utf8');
const STANDARDS = {
  '1.2': { file: 'scorm12.min.js', ctor: 'Scorm12API', global: 'API', commit: 'LMSCommit' },
  2004: { file: 'scorm2004.min.js', ctor: 'Scorm2004API', global: 'API_1484_11', commit: 'Commit' },
};

/**
 * A fresh context on the wrapper page with the LMS for `standard` (loaded with `saved`, the
 * `loadFromJSON` data of an earlier launch; `refuse`: SetValue answers "false"), the app in
 * its iframe at `hash`. Returns { page, frame, problems, cmi() }.
 */
async function launch(t, standard, { saved = null, refuse = false, hash = `#/s/${SCENARIO}` } = {}) {
  const s = STANDARDS[standard];
  const session = await app.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  await page.route('**/__lms/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'runtime.js') return route.fulfill({ contentType: 'text/javascript', body: dist(s.file) });
    return route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><title>LMS</title><script src="runtime.js"></script>' +
        '<iframe id="sco" title="Course" style="width:1200px;height:760px;border:0"></iframe>',
    });
  });
  await page.goto(new URL('__lms/index.html', app.url).href);
  await page.evaluate(({ s, saved, refuse }) => {
    const api = new window[s.ctor]({ logLevel: 5, autocommit: false });
    if (saved) api.loadFromJSON(saved, '');
    window.commits = 0;
    api.on(s.commit, () => window.commits++);
    if (refuse) {
      const set = s.global === 'API' ? 'LMSSetValue' : 'SetValue';
      api[set] = () => 'false';
      api[s.global === 'API' ? 'LMSGetLastError' : 'GetLastError'] = () => '101';
    }
    window[s.global] = api;
  }, { s, saved, refuse });
  await page.evaluate((hash) => { document.getElementById('sco').src = `/${hash}`; }, hash);
  const frame = page.frameLocator('#sco');
  await frame.locator('main').waitFor({ timeout: 15_000 });
  const handle = page.frames().find((f) => f !== page.mainFrame());
  const cmi = () => page.evaluate((g) => JSON.parse(JSON.stringify(window[g].cmi)), s.global);
  return { page, frame: handle, problems, cmi };
}

/** The app's variant in the frame: the LMS build's wasm was fetched, the plain one not used. */
async function assertLmsBuild(frame) {
  const wasm = await frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
  assert.ok(wasm.some((n) => n.includes('/lms/')), `the LMS build started: ${wasm.join(', ')}`);
}

async function startInFrame(frame) {
  await frame.locator('[data-testid="start"]').click();
  await frame.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
}

/** Leaves the scenario as a learner closing the LMS window would: the frame unloads. */
async function leave(page) {
  await page.evaluate(() => new Promise((resolve) => {
    const f = document.getElementById('sco');
    f.addEventListener('load', resolve, { once: true });
    f.src = 'about:blank';
  }));
}

const interactionsOf = (cmi) => Object.values(cmi.interactions ?? {}).filter((i) => i && typeof i === 'object' && 'id' in i);
const objectivesOf = (cmi) => Object.values(cmi.objectives ?? {}).filter((o) => o && typeof o === 'object' && 'id' in o);

for (const standard of ['1.2', 2004]) {
  const v12 = standard === '1.2';
  const status = (cmi) => (v12 ? cmi.core.lesson_status : cmi.success_status);

  for (const expected of [PATHS[0], PATHS.find((p) => p.critical.length > 0)]) {
    test(`SCORM ${standard}: "${expected.name}" records the core's result`, { timeout: 60_000 }, async (t) => {
      const { page, frame, problems, cmi } = await launch(t, standard);
      await assertLmsBuild(frame);
      await startInFrame(frame);
      for (const choice of expected.choices) await choose(frame, choice);
      await finish(frame);
      await assertDebrief(frame, expected);
      const c = await cmi();
      assert.equal(status(c), expected.passed ? 'passed' : 'failed');
      const score = v12 ? c.core.score : c.score;
      assert.equal(Number(score.raw), expected.overall);
      assert.equal(Number(score.min), 0);
      assert.equal(Number(score.max), 100);
      if (!v12) {
        assert.equal(c.completion_status, 'completed');
        assert.equal(Number(c.score.scaled), expected.overall / 100);
      }
      const objectives = objectivesOf(c);
      assert.deepEqual(objectives.map((o) => o.id).sort(), Object.keys(expected.dimensions).sort(), 'one objective per dimension');
      for (const o of objectives) {
        const percent = expected.dimensions[o.id].percent;
        assert.equal(Number(o.score.raw), percent, `${o.id} score`);
        const want = percent >= PASS_EACH ? 'passed' : 'failed';
        assert.equal(v12 ? o.status : o.success_status, want, `${o.id} status`);
        if (!v12) assert.equal(Number(o.score.scaled), percent / 100);
      }
      const interactions = interactionsOf(c);
      assert.deepEqual(interactions.map((i) => (v12 ? i.student_response : i.learner_response)), expected.choices, 'one interaction per decision, the choice id');
      for (const i of interactions) {
        assert.equal(i.type, 'choice');
        assert.ok(v12 ? ['correct', 'wrong', 'neutral'].includes(i.result) : ['correct', 'incorrect', 'neutral'].includes(i.result), i.result);
        if (!v12) assert.ok(i.description.length > 0 && i.timestamp.length > 0, 'description and timestamp');
        else assert.match(i.time, /^\d\d:\d\d:\d\d$/);
      }
      if (expected.critical.length > 0) assert.ok(interactions.some((i) => ['wrong', 'incorrect'].includes(i.result)), 'the red-line choice is wrong');
      assert.equal(v12 ? c.core.lesson_location : c.location, expected.ending);
      assert.equal(v12 ? c.core.exit : c.exit, v12 ? '' : 'normal');
      assert.ok((await page.evaluate(() => window.commits)) >= expected.choices.length, 'a commit after every decision');
      assert.equal(await frame.locator('[data-testid="lms-notice"]').count(), 0, 'no notice');
      app.assertNoProblems(problems);
    });
  }

  test(`SCORM ${standard}: leave mid-way, relaunch in a fresh browser resumes from the LMS`, { timeout: 60_000 }, async (t) => {
    const route = PATHS[0].choices;
    const first = await launch(t, standard);
    await startInFrame(first.frame);
    for (const choice of route.slice(0, 3)) await choose(first.frame, choice);
    await first.frame.locator('[data-testid="continue"]').click();
    const node = await first.frame.evaluate(() => document.querySelector('section.step')?.dataset.node);
    const order = await first.frame.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice));
    const local = await first.frame.evaluate((k) => localStorage.getItem(k), SESSION_KEY);
    await leave(first.page);
    const c = await first.cmi();
    assert.equal(v12 ? c.core.exit : c.exit, 'suspend');
    assert.equal(v12 ? c.core.lesson_status : c.completion_status, 'incomplete');
    assert.equal(v12 ? c.core.lesson_location : c.location, node);
    assert.equal(c.suspend_data, local, "the suspend data is the app's own save");
    assert.ok(c.suspend_data.length <= 4096);
    assert.equal(interactionsOf(c).length, 3);

    // The LMS relaunches the SCO with what it stored: a new browser, no local save.
    const saved = v12
      ? { suspend_data: c.suspend_data, core: { entry: 'resume', lesson_location: c.core.lesson_location, lesson_status: 'incomplete' } }
      : { suspend_data: c.suspend_data, entry: 'resume', location: c.location, completion_status: 'incomplete' };
    const again = await launch(t, standard, { saved, hash: '' });
    await again.frame.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await again.frame.evaluate(() => document.querySelector('section.step')?.dataset.node), node, 'the same node');
    assert.deepEqual(await again.frame.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice)), order, 'the same choice order');
    for (const choice of route.slice(3)) await choose(again.frame, choice);
    await finish(again.frame);
    await assertDebrief(again.frame, PATHS[0]);
    const done = await again.cmi();
    assert.equal(status(done), 'passed');
    assert.equal(interactionsOf(done).length, route.length - 3, 'this launch adds the decisions it saw');
    app.assertNoProblems(first.problems);
    app.assertNoProblems(again.problems);
  });

  test(`SCORM ${standard}: an LMS that refuses gets a notice; the local save keeps the progress`, { timeout: 60_000 }, async (t) => {
    const { frame } = await launch(t, standard, { refuse: true });
    await startInFrame(frame);
    await choose(frame, PATHS[0].choices[0]);
    const notice = frame.locator('[data-testid="lms-notice"]');
    await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await notice.getAttribute('role'), 'status');
    assert.match(await notice.innerText(), /did not accept your progress \(error 101\b[\s\S]*still saved in this browser/);
    const saved = JSON.parse(await frame.evaluate((k) => localStorage.getItem(k), SESSION_KEY));
    assert.deepEqual(saved.taken.map((x) => x.choice), [PATHS[0].choices[0]]);
  });
}

test('SCORM 1.2: the longest bundled route keeps suspend_data within 4,096 characters', { timeout: 60_000 }, async (t) => {
  // The longest save of every bundled playthrough (found natively, src/lms/scorm.rs):
  // promise-you-wont-tell, 7 decisions.
  const longest = ['warning', 'limits', 'door-open', 'reflect-strength', 'promise-outcome', 'ring-999', 'exact'];
  const { frame, cmi, problems } = await launch(t, '1.2');
  await startInFrame(frame);
  for (const choice of longest) await choose(frame, choice);
  await finish(frame);
  const c = await cmi();
  assert.ok(c.suspend_data.length > 900 && c.suspend_data.length <= 4096, `${c.suspend_data.length} characters`);
  app.assertNoProblems(problems);
});

test('without an LMS the plain build starts', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await app.waitForFirstScreen(page);
  const wasm = await page.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
  assert.ok(wasm.length > 0 && wasm.every((n) => !n.includes('/lms/')), wasm.join(', '));
  assert.equal(await page.locator('[data-testid="lms-notice"]').count(), 0);
  app.assertNoProblems(problems);
});
