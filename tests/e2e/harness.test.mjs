// Self-test of the harness, so a broken harness cannot make the other tests pass
// silently: the server's MIME types and refusals, and that problems are really collected.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { DIST_DIR, pollUntil, useApp } from './harness.mjs';

const app = useApp();

test('the static server serves dist/ with the right MIME types', async () => {
  const wasm = readdirSync(DIST_DIR).find((f) => f.endsWith('.wasm'));
  assert.ok(wasm, 'dist/ has no .wasm file');
  const expect = [
    ['', 200, 'text/html; charset=utf-8'],
    ['index.html', 200, 'text/html; charset=utf-8'],
    [wasm, 200, 'application/wasm'],
    ['no-such-file.js', 404, 'text/plain; charset=utf-8'],
  ];
  for (const [file, status, type] of expect) {
    const res = await fetch(new URL(file, app.url));
    assert.equal(res.status, status, file);
    assert.equal(res.headers.get('content-type'), type, file);
    await res.arrayBuffer();
  }
  // no escaping dist/ (fetch would normalise "..", so send the raw path over http)
  const { request } = await import('node:http');
  const status = await new Promise((resolve, reject) => {
    request(new URL(app.url), { path: '/..%2fCargo.toml' }, (res) => {
      res.resume();
      resolve(res.statusCode);
    })
      .on('error', reject)
      .end();
  });
  assert.equal(status, 403);
});

test('console errors, page errors, failed and external requests are collected', async (t) => {
  // bypassCSP: the app's policy (connect-src 'self') refuses the off-origin fetch before it
  // reaches the network, so the request collector could not be seen working; the next test
  // covers the same fetch under the policy.
  const { page, problems } = await app.open(t, '/', { contextOptions: { bypassCSP: true } });
  await page.evaluate(async () => {
    console.error('probe console error');
    setTimeout(() => {
      throw new Error('probe page error');
    }, 0);
    await fetch('./no-such-file.json').catch(() => {});
    await fetch('https://example.invalid/x').catch(() => {});
  });
  // Each arrives through its own event: wait for each (a missing one fails here, by name).
  await pollUntil(() => problems.consoleErrors.some((e) => e.includes('probe console error')), 'the console error');
  await pollUntil(() => problems.pageErrors.some((e) => e.includes('probe page error')), 'the page error');
  await pollUntil(() => problems.failedRequests.some((e) => e.includes('no-such-file.json') && e.includes('404')), 'the 404');
  await pollUntil(() => problems.externalRequests.length > 0, 'the external request');
  assert.deepEqual(problems.externalRequests, ['https://example.invalid/x']);
  assert.throws(() => app.assertNoProblems(problems), /the page reported problems/);
});

test('under the app\'s CSP a refused request is still a problem, and axe runs without a violation', async (t) => {
  const session = await app.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(e.effectiveDirective));
  });
  await page.goto(app.url);
  await app.waitForFirstScreen(page, { problems });

  // axe-core is injected outside the page's CSP (runAxe), so it loads, runs and reports
  // nothing to the page's policy.
  const results = await app.runAxe(page);
  assert.ok(Array.isArray(results.violations), 'axe returned results');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'runAxe caused CSP violations');
  app.assertNoProblems(problems);

  // An off-origin fetch is refused by connect-src before it leaves the page: nothing reaches
  // the network (or the request collector), but the refusal is a console error and a
  // violation, so assertNoProblems still fails.
  const refused = await page.evaluate(() =>
    fetch('https://example.invalid/x').then(
      () => 'fetched',
      (e) => e.name,
    ),
  );
  assert.equal(refused, 'TypeError');
  await page.waitForFunction(() => window.__cspViolations.length > 0);
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), ['connect-src']);
  await pollUntil(
    () => problems.consoleErrors.some((e) => /Content Security Policy/.test(e) && e.includes('example.invalid')),
    `the refusal among the console errors (${JSON.stringify(problems.consoleErrors)})`,
  );
  // By now the refused request would have been seen too, had it left the page.
  assert.deepEqual(problems.externalRequests, []);
  assert.throws(() => app.assertNoProblems(problems), /the page reported problems/);
});
