// SCORM packages of the real release build (dist/), made as a trainer makes them
// (`bash scripts/package.sh --app dist`, which skips the build: the test step has just built
// dist/): both standards, several bundled scenarios and a file outside scenarios/. Every zip
// validates against the ADL schemas (scripts/scorm-validate.sh: the manifest, and every
// listed file in the zip, every file in the zip listed, the schema files at the root); the
// manifest lists exactly the zip's files; identifiers hold across runs and across a content
// change; two runs give byte-identical zips; a file with errors gets no zip; the app's LMS
// build (dist/lms/) is in every zip. Then each standard's package of promise-you-wont-tell,
// unzipped and served as an LMS serves it, in an LMS page holding scorm-again 3.4.3 (as
// tests/e2e/scorm.test.mjs does) and launched at the address its manifest gives (the
// resource's href with the item's parameters, appended as they are for 2004 and joined with
// `?` as Moodle does for 1.2): the loader starts the LMS build, the app opens on the scenario's
// introduction, a playthrough's result reaches the LMS, and a relaunch with the LMS's
// suspend data resumes at the same node. Without an LMS, the package opened at its bare
// index.html shows the catalogue with its one scenario (what an LMS that dropped the
// parameters would show).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp, ROOT, DIST_DIR } from './harness.mjs';
import { PATHS, STEP_TIMEOUT_MS, choose, finish, assertDebrief } from './flows.mjs';

const WORK = mkdtempSync(path.join(os.tmpdir(), 'sq-package-'));
process.on('exit', () => rmSync(WORK, { recursive: true, force: true }));

const STANDARDS = ['scorm12', 'scorm2004'];
// The longest bundled pack, the one the play tests use, and another.
const BUNDLED = ['after-the-recall', 'promise-you-wont-tell', 'got-kids'];
// The one tests/fixtures/expected/ holds the results of (flows.mjs).
const LAUNCHED = 'promise-you-wont-tell';

// A scenario outside scenarios/, in a folder of its own with its dimensions.yaml.
const OUTSIDE = path.join(WORK, 'elsewhere');
mkdirSync(OUTSIDE);
cpSync(path.join(ROOT, 'scenarios', 'dimensions.yaml'), path.join(OUTSIDE, 'dimensions.yaml'));
const ownText = readFileSync(path.join(ROOT, 'scenarios', 'got-kids.yaml'), 'utf8').replace(/^id: got-kids$/m, 'id: my-own');
writeFileSync(path.join(OUTSIDE, 'my-own.yaml'), ownText);

/** Runs scripts/package.sh; returns { status, stdout, stderr }. */
function packageRun(standard, out, files) {
  const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'package.sh'), '--standard', standard, '--out', out, '--app', DIST_DIR, ...files], {
    cwd: ROOT,
    encoding: 'utf8',
  });
  assert.equal(run.error, undefined, String(run.error));
  return run;
}

const FILES = [...BUNDLED.map((id) => path.join(ROOT, 'scenarios', `${id}.yaml`)), path.join(OUTSIDE, 'my-own.yaml')];
const IDS = [...BUNDLED, 'my-own'];
const FIRST = path.join(WORK, 'first');
const SECOND = path.join(WORK, 'second');
for (const standard of STANDARDS) {
  for (const out of [FIRST, SECOND]) {
    const run = packageRun(standard, out, FILES);
    assert.equal(run.status, 0, run.stdout + run.stderr);
  }
}
const zipsIn = (dir) => readdirSync(dir).filter((n) => n.endsWith('.zip')).sort();
const zipPath = (id, standard, dir = FIRST) => path.join(dir, `${id}-${standard}.zip`);

/** A zip's entry names and its manifest's text, read by Python's zipfile (not our writer). */
function readZip(file) {
  const script = [
    'import json, sys, zipfile',
    'z = zipfile.ZipFile(sys.argv[1])',
    'assert z.testzip() is None',
    'print(json.dumps({"names": z.namelist(), "manifest": z.read("imsmanifest.xml").decode("utf-8")}))',
  ].join('\n');
  return JSON.parse(execFileSync('python3', ['-c', script, file], { encoding: 'utf8' }));
}

function schemaFiles(manifestText) {
  const file = path.join(WORK, `manifest-${Math.random().toString(36).slice(2)}.xml`);
  writeFileSync(file, manifestText);
  const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'scorm-validate.sh'), '--schema-files', file], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.trim().split('\n');
}

/** The values of the attribute `name` in the manifest, in document order. */
const attribute = (manifest, name) => [...manifest.matchAll(new RegExp(` ${name}="([^"]*)"`, 'g'))].map((m) => m[1]);
/** The manifest's `version` (the first `version` is the XML declaration's). */
const version = (manifest) => attribute(manifest, 'version')[1];

test('a zip per scenario and standard, each valid against the ADL schemas', { timeout: 120_000 }, () => {
  const expected = STANDARDS.flatMap((s) => IDS.map((id) => `${id}-${s}.zip`)).sort();
  assert.deepEqual(zipsIn(FIRST), expected);
  const run = spawnSync('bash', [path.join(ROOT, 'scripts', 'scorm-validate.sh'), ...expected.map((n) => path.join(FIRST, n))], { encoding: 'utf8' });
  assert.equal(run.status, 0, run.stdout + run.stderr);
  for (const name of expected) assert.match(run.stdout, new RegExp(`${name.replace('.', '\\.')}: valid`));
});

/** Every file under `dir`, as `/`-separated paths relative to it. */
const filesUnder = (dir) => readdirSync(dir, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile())
  .map((e) => path.relative(dir, path.join(e.parentPath, e.name)).split(path.sep).join('/'));

test('the manifest lists exactly the zip\'s files, with the schema files beside it', { timeout: 60_000 }, (t) => {
  const dist = filesUnder(DIST_DIR).filter((n) => !n.startsWith('scenarios/')).sort();
  // the LMS build, named by the loader tag (scripts/lms-variant.sh), is part of the app
  const html = readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  const lmsFiles = ['data-lms-js', 'data-lms-wasm'].map((a) => html.match(new RegExp(` ${a}="\\./([^"]+)"`))?.[1]);
  assert.ok(lmsFiles.every((f) => f?.startsWith('lms/') && dist.includes(f)), `the LMS build in dist/: ${lmsFiles}`);
  for (const standard of STANDARDS) {
    for (const id of IDS) {
      const { names, manifest } = readZip(zipPath(id, standard));
      const listed = attribute(manifest, 'href').slice(1); // the resource's own href is index.html
      assert.equal(attribute(manifest, 'href')[0], 'index.html');
      assert.deepEqual(new Set(listed).size, listed.length, 'each file listed once');
      const control = ['imsmanifest.xml', ...schemaFiles(manifest)];
      const files = names.filter((n) => !n.endsWith('/'));
      assert.deepEqual([...listed, ...control].sort(), [...files].sort(), `${id}-${standard}`);
      assert.deepEqual(names, [...names].sort(), 'entries in byte order');
      // the app's files (its LMS build among them) and this scenario's, nothing of the
      // build's other scenarios
      assert.deepEqual(
        listed.filter((n) => !n.startsWith('scenarios/')).sort(),
        dist,
      );
      // the LMS launches the SCO on the scenario's introduction (the app's route)
      assert.deepEqual(attribute(manifest, 'parameters'), [`#/s/${id}`]);
      assert.deepEqual(
        listed.filter((n) => n.startsWith('scenarios/')).sort(),
        ['scenarios/dimensions.json', 'scenarios/index.json', `scenarios/${id}.json`].sort(),
      );
      const index = JSON.parse(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("scenarios/index.json").decode())', zipPath(id, standard)], { encoding: 'utf8' }));
      assert.equal(index.launch, undefined, 'the app reads no launch field: the manifest launches');
      assert.deepEqual(index.scenarios.map((e) => e.scenario?.id), [id]);
      assert.equal(/masteryscore/.test(manifest), false, 'no mastery score');
    }
  }
  const sizes = zipsIn(FIRST).map((n) => `${n} ${readFileSync(path.join(FIRST, n)).length} bytes`);
  t.diagnostic(`package sizes: ${sizes.join(', ')}`);
});

test('two runs give byte-identical zips; a content change keeps the identifiers', { timeout: 120_000 }, () => {
  assert.deepEqual(zipsIn(SECOND), zipsIn(FIRST));
  for (const name of zipsIn(FIRST)) {
    assert.ok(readFileSync(path.join(FIRST, name)).equals(readFileSync(path.join(SECOND, name))), `${name} differs between runs`);
  }
  const changedFile = path.join(OUTSIDE, 'my-own.yaml');
  writeFileSync(changedFile, ownText.replace(/^title: "/m, 'title: "Revised: '));
  const changed = path.join(WORK, 'changed');
  for (const standard of STANDARDS) {
    const run = packageRun(standard, changed, [changedFile]);
    assert.equal(run.status, 0, run.stderr);
    const before = readZip(zipPath('my-own', standard)).manifest;
    const after = readZip(zipPath('my-own', standard, changed)).manifest;
    assert.deepEqual(attribute(after, 'identifier'), attribute(before, 'identifier'));
    assert.deepEqual(attribute(before, 'identifier'), [
      'scenario-quiz.my-own',
      'scenario-quiz.my-own.organization',
      'scenario-quiz.my-own.item',
      'scenario-quiz.my-own.sco',
    ]);
    assert.match(version(before), /^[0-9a-f]{16}$/);
    assert.notEqual(version(after), version(before));
    assert.match(after, /<title>Revised: /);
  }
  writeFileSync(changedFile, ownText);
});

test('a file with errors is reported file:line:column and gets no zip; the others still do', { timeout: 60_000 }, () => {
  const broken = path.join(OUTSIDE, 'broken.yaml');
  writeFileSync(broken, 'format: 1\nid: broken\ntitle: [unclosed\n');
  const out = path.join(WORK, 'with-errors');
  const run = packageRun('scorm12', out, [broken, path.join(OUTSIDE, 'my-own.yaml')]);
  rmSync(broken);
  assert.equal(run.status, 1, run.stdout + run.stderr);
  assert.match(run.stderr, /broken\.yaml:4:1/);
  assert.deepEqual(zipsIn(out), ['my-own-scorm12.zip']);
});

// Both packages of LAUNCHED, unzipped where an LMS keeps content: under the LMS's own origin,
// each in a folder of its own (/scorm12/, /scorm2004/). The server's root page stands in for
// the LMS's course page; the tests put the LMS's player page in at /__lms/.
const SERVED = path.join(WORK, 'lms-site');
mkdirSync(SERVED);
writeFileSync(path.join(SERVED, 'index.html'), '<!doctype html><meta charset="utf-8"><title>LMS</title>');
for (const standard of STANDARDS) {
  execFileSync('python3', ['-m', 'zipfile', '-e', zipPath(LAUNCHED, standard), path.join(SERVED, standard)]);
  assert.ok(existsSync(path.join(SERVED, standard, 'imsmanifest.xml')));
}
const lms = useApp({ root: SERVED });
const TITLE = JSON.parse(readFileSync(path.join(SERVED, 'scorm12', 'scenarios', 'index.json'), 'utf8')).scenarios[0].scenario.title;
const runtime = (f) => readFileSync(path.join(ROOT, 'node_modules', 'scorm-again', 'dist', f), 'utf8');
const LMS = {
  scorm12: { file: 'scorm12.min.js', ctor: 'Scorm12API', global: 'API' },
  scorm2004: { file: 'scorm2004.min.js', ctor: 'Scorm2004API', global: 'API_1484_11' },
};

/**
 * The SCO's address as an LMS builds it from the package's manifest: the resource's href
 * with the item's parameters. The 2004 package gets them appended as they are
 * (`index.html#/s/<id>`); the 1.2 one the way Moodle (the usual 1.2 LMS) joins any
 * parameters, with `?` (mod/scorm/loadSCO.php): `index.html?#/s/<id>`.
 */
function launchAddress(standard) {
  const manifest = readFileSync(path.join(SERVED, standard, 'imsmanifest.xml'), 'utf8');
  const [href] = attribute(manifest, 'href');
  const [parameters] = attribute(manifest, 'parameters');
  assert.equal(href, 'index.html');
  assert.ok(parameters.startsWith('#'), parameters);
  return `/${standard}/${href}${standard === 'scorm12' ? '?' : ''}${parameters}`;
}

/**
 * A fresh browser context on the LMS's player page, with scorm-again for the package's
 * standard (loaded with `saved`, what the LMS stored from an earlier launch), the SCO in its
 * iframe at the manifest's launch address. Returns { page, frame, problems, cmi() }.
 */
async function launch(t, standard, { saved = null } = {}) {
  const s = LMS[standard];
  const session = await lms.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  await page.route('**/__lms/**', (route) => {
    const name = new URL(route.request().url()).pathname.split('/').pop();
    if (name === 'runtime.js') return route.fulfill({ contentType: 'text/javascript', body: runtime(s.file) });
    return route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: '<!doctype html><meta charset="utf-8"><title>LMS player</title><script src="runtime.js"></script>' +
        '<iframe id="sco" title="Course" style="width:1200px;height:760px;border:0"></iframe>',
    });
  });
  await page.goto(new URL('/__lms/player.html', lms.url).href);
  await page.evaluate(({ s, saved }) => {
    const api = new window[s.ctor]({ logLevel: 5, autocommit: false });
    if (saved) api.loadFromJSON(saved, '');
    window[s.global] = api;
  }, { s, saved });
  await page.evaluate((src) => { document.getElementById('sco').src = src; }, launchAddress(standard));
  await page.frameLocator('#sco').locator('main').waitFor({ timeout: 15_000 });
  const frame = page.frames().find((f) => f !== page.mainFrame());
  const cmi = () => page.evaluate((g) => JSON.parse(JSON.stringify(window[g].cmi)), s.global);
  return { page, frame, problems, cmi };
}

const wasmFetched = (frame) => frame.evaluate(() => performance.getEntriesByType('resource').map((e) => e.name).filter((n) => n.endsWith('.wasm')));
const node = (frame) => frame.evaluate(() => document.querySelector('section.step')?.dataset.node);
const order = (frame) => frame.locator('[data-choice]').evaluateAll((els) => els.map((e) => e.dataset.choice));

for (const standard of STANDARDS) {
  const v12 = standard === 'scorm12';

  test(`${standard} package in an LMS: the LMS build opens on the scenario and the result reaches the LMS`, { timeout: 90_000 }, async (t) => {
    const expected = PATHS[0];
    const { frame, problems, cmi } = await launch(t, standard);
    await frame.locator('[data-testid="start"]').waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await frame.evaluate(() => location.hash), `#/s/${LAUNCHED}`);
    assert.equal((await frame.locator('h1').innerText()).trim(), TITLE);
    const wasm = await wasmFetched(frame);
    assert.ok(wasm.some((n) => n.includes(`/${standard}/lms/`)), `the package's LMS build started: ${wasm.join(', ')}`);
    await frame.locator('[data-testid="start"]').click();
    await frame.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
    for (const choice of expected.choices) await choose(frame, choice);
    await finish(frame);
    await assertDebrief(frame, expected);
    const c = await cmi();
    assert.equal(v12 ? c.core.lesson_status : c.success_status, expected.passed ? 'passed' : 'failed');
    assert.equal(Number((v12 ? c.core.score : c.score).raw), expected.overall);
    const interactions = Object.values(c.interactions ?? {}).filter((i) => i && typeof i === 'object' && 'id' in i);
    assert.deepEqual(interactions.map((i) => (v12 ? i.student_response : i.learner_response)), expected.choices);
    assert.equal(await frame.locator('[data-testid="lms-notice"]').count(), 0, 'no notice');
    lms.assertNoProblems(problems);
  });

  test(`${standard} package in an LMS: a relaunch at the manifest's address resumes at the same node`, { timeout: 90_000 }, async (t) => {
    const route = PATHS[0].choices;
    const first = await launch(t, standard);
    await first.frame.locator('[data-testid="start"]').click();
    await first.frame.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
    for (const choice of route.slice(0, 2)) await choose(first.frame, choice);
    await first.frame.locator('[data-testid="continue"]').click();
    const at = await node(first.frame);
    const offered = await order(first.frame);
    await first.page.evaluate(() => new Promise((resolve) => {
      const f = document.getElementById('sco');
      f.addEventListener('load', resolve, { once: true });
      f.src = 'about:blank';
    }));
    const c = await first.cmi();
    assert.equal(v12 ? c.core.exit : c.exit, 'suspend');
    // The LMS relaunches the SCO at the same address, with what it stored: a new browser.
    const saved = v12
      ? { suspend_data: c.suspend_data, core: { entry: 'resume', lesson_location: c.core.lesson_location, lesson_status: 'incomplete' } }
      : { suspend_data: c.suspend_data, entry: 'resume', location: c.location, completion_status: 'incomplete' };
    const again = await launch(t, standard, { saved });
    await again.frame.locator('section.step').waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.equal(await again.frame.evaluate(() => location.hash), `#/s/${LAUNCHED}/play`);
    assert.equal(await node(again.frame), at, 'the same node');
    assert.deepEqual(await order(again.frame), offered, 'the same choice order');
    lms.assertNoProblems(first.problems);
    lms.assertNoProblems(again.problems);
  });
}

test('without an LMS, the package at its bare index.html shows the catalogue of its one scenario', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await lms.open(t, '/scorm12/index.html');
  await page.locator(`[data-testid="scenario-card-${LAUNCHED}"]`).waitFor({ timeout: 15_000 });
  assert.equal(await page.locator('[data-testid^="scenario-card-"]').count(), 1);
  const wasm = await wasmFetched(page);
  assert.ok(wasm.length > 0 && wasm.every((n) => !n.includes('/lms/')), `the plain build: ${wasm.join(', ')}`);
  lms.assertNoProblems(problems);
});
