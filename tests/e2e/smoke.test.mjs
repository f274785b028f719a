// Smoke test: the release build in dist/ loads in Chromium, has its title, and the app
// renders its first screen within 10 s with no console/page errors or failed requests.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { useApp, FIRST_SCREEN_TIMEOUT_MS } from './harness.mjs';

const app = useApp();

test('the app loads and renders its first screen', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');

  assert.match(await page.title(), /Scenario Quiz/);
  assert.equal(await page.getAttribute('html', 'lang'), 'en');

  const first = await app.waitForFirstScreen(page, { timeout: FIRST_SCREEN_TIMEOUT_MS, problems });
  t.diagnostic(`first screen after ${Math.round(first.ms)} ms (${first.source})`);

  const text = (await page.locator('body').innerText()).trim();
  assert.ok(text.length > 0, 'the app rendered no visible text');

  // let any late errors (e.g. from effects after the first render) surface
  await page.waitForTimeout(200);
  app.assertNoProblems(problems);
});
