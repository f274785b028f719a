// SCORM packages of the real release build (dist/), made as a trainer makes them
// (`bash scripts/package.sh --app dist`, which skips the build: the test step has just built
// dist/): both standards, several bundled scenarios and a file outside scenarios/. Every zip
// validates against the ADL schemas (scripts/scorm-validate.sh: the manifest, and every
// listed file in the zip, every file in the zip listed, the schema files at the root); the
// manifest lists exactly the zip's files; identifiers hold across runs and across a content
// change; two runs give byte-identical zips; a file with errors gets no zip. Then the packaged
// app, served as an LMS serves it (its index.html, no route in the URL), opens straight on
// its scenario's introduction, and plays.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { useApp, ROOT, DIST_DIR } from './harness.mjs';

const WORK = mkdtempSync(path.join(os.tmpdir(), 'sq-package-'));
process.on('exit', () => rmSync(WORK, { recursive: true, force: true }));

const STANDARDS = ['scorm12', 'scorm2004'];
// The longest bundled pack, the one the play tests use, and another.
const BUNDLED = ['after-the-recall', 'promise-you-wont-tell', 'got-kids'];
const LAUNCHED = 'got-kids';

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

test('the manifest lists exactly the zip\'s files, with the schema files beside it', { timeout: 60_000 }, (t) => {
  const dist = readdirSync(DIST_DIR).filter((n) => n !== 'scenarios').sort();
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
      // the app's files and this scenario's, nothing of the build's other scenarios
      assert.deepEqual(
        listed.filter((n) => !n.startsWith('scenarios/')).sort(),
        dist,
      );
      assert.deepEqual(
        listed.filter((n) => n.startsWith('scenarios/')).sort(),
        ['scenarios/dimensions.json', 'scenarios/index.json', `scenarios/${id}.json`].sort(),
      );
      const index = JSON.parse(execFileSync('python3', ['-c', 'import sys, zipfile; print(zipfile.ZipFile(sys.argv[1]).read("scenarios/index.json").decode())', zipPath(id, standard)], { encoding: 'utf8' }));
      assert.equal(index.launch, id);
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

// The package, unzipped and served as an LMS serves it; the LMS opens its index.html.
const SERVED = path.join(WORK, 'served');
execFileSync('python3', ['-m', 'zipfile', '-e', zipPath(LAUNCHED, 'scorm12'), SERVED]);
assert.ok(existsSync(path.join(SERVED, 'imsmanifest.xml')));
const served = useApp({ root: SERVED });
const TITLE = JSON.parse(readFileSync(path.join(SERVED, 'scenarios', 'index.json'), 'utf8')).scenarios[0].scenario.title;

test('the packaged app opens straight on its scenario, which plays', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await served.open(t, '/index.html');
  await page.locator('[data-testid="start"]').waitFor();
  assert.equal(await page.evaluate(() => location.hash), `#/s/${LAUNCHED}`);
  assert.equal((await page.locator('h1').innerText()).trim(), TITLE);
  await page.locator('[data-testid="start"]').click();
  await page.locator('section.step').waitFor();
  assert.equal(await page.evaluate(() => location.hash), `#/s/${LAUNCHED}/play`);
  served.assertNoProblems(problems);
  // The introduction took the empty route's place: Back from it leaves the app instead of
  // returning to a URL that would launch the introduction again.
  await page.goBack();
  await page.locator('[data-testid="start"]').waitFor();
  await page.goBack();
  assert.equal(page.url(), 'about:blank');
});

test('a route in the URL wins over the launch; the catalogue lists the one scenario', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await served.open(t, '/index.html#/history');
  await page.locator('#history-heading').waitFor();
  await page.goto(new URL('/index.html#/', served.url).href);
  await page.locator(`[data-testid="scenario-card-${LAUNCHED}"]`).waitFor();
  assert.equal(await page.locator('[data-testid^="scenario-card-"]').count(), 1);
  assert.equal(await page.evaluate(() => location.hash), '#/');
  served.assertNoProblems(problems);
});
