// The glossary (scenarios/glossary.yaml, packed as scenarios/glossary.json): a "Glossary"
// link in the header of every screen, play included; a term in a bundled scenario's text
// links to its entry, which is scrolled to and focused, and Back returns to the same step in
// the same state with focus on it, with no CSP violation on the way; the one-screen Who's
// who; axe-core finds no WCAG A/AA violation on either screen, light or dark; nothing scrolls
// sideways at 360 px; a damaged glossary is a notice, and scenarios still play.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, useApp } from './harness.mjs';
import { SCENARIO, SESSION_KEY, STEP_TIMEOUT_MS, PATHS, choose, finish, startScenario } from './flows.mjs';

const app = useApp();
const hash = (page) => new URL(page.url()).hash;
const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid || document.activeElement?.tagName);
const announced = (page) => page.locator('[data-testid="announcer"]').textContent();
// The roles in Who's who: the terms of glossary.yaml with a `network` line, in file order.
const ROLES = [...readFileSync(path.join(ROOT, 'scenarios', 'glossary.yaml'), 'utf8').matchAll(/^  ([a-z0-9-]+):\n(?:    (?!network:).*\n)*    network:/gm)].map((m) => m[1]);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** Records securitypolicyviolation events from before the app's first script. */
async function watchCsp(page) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'}`));
  });
}

async function assertHeaderLink(page, screen) {
  const link = page.locator('header nav').getByRole('link', { name: 'Glossary', exact: true });
  assert.equal(await link.count(), 1, `a Glossary link in the header on the ${screen}`);
  assert.equal(await link.getAttribute('href'), '#/glossary', `on the ${screen}`);
}

test('the Glossary link is in the header of every screen, during play too', { timeout: 90_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/');
  await startScenario(page);
  await assertHeaderLink(page, 'play screen');
  const [first, ...rest] = PATHS[0].choices;
  await choose(page, first);
  await assertHeaderLink(page, 'feedback');
  for (const choice of rest) await choose(page, choice);
  await finish(page);
  await assertHeaderLink(page, 'debrief');
  for (const [route, selector, screen] of [
    ['#/', `[data-testid="open-${SCENARIO}"]`, 'catalogue'],
    [`#/s/${SCENARIO}`, '[data-testid="start"]', 'intro'],
    ['#/history', '#history-heading', 'history'],
    ['#/settings', '#settings-heading', 'settings'],
    ['#/network', '#network-heading', "Who's who"],
    ['#/nowhere', '#not-found-heading', 'not-found screen'],
  ]) {
    await page.goto(new URL(route, app.url).href);
    await page.locator(selector).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await assertHeaderLink(page, screen);
  }
  // By keyboard, from the header: the glossary opens, its link marked as the current page,
  // focus on its heading, its title announced.
  await page.locator('header nav').getByRole('link', { name: 'Glossary' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('[data-testid="glossary-terms"]').waitFor();
  assert.equal(hash(page), '#/glossary');
  assert.equal(await page.locator('nav [aria-current="page"]').innerText(), 'Glossary');
  assert.equal(await focused(page), 'glossary-heading');
  assert.equal(await announced(page), 'Glossary');
  assert.equal(await page.title(), 'Glossary \u2013 Scenario Quiz');
  app.assertNoProblems(problems);
});

test('a term in the text links to its entry, and Back returns to the same step in the same state', { timeout: 60_000 }, async (t) => {
  const session = await app.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  await watchCsp(page);
  await page.goto(app.url);
  await startScenario(page);
  // The first choice's feedback says "confidentiality": its first use is a link.
  await choose(page, PATHS[0].choices[0]);
  const link = page.locator('[data-testid="feedback"] a.term').first();
  assert.equal(await link.getAttribute('href'), '#/glossary/limits-of-confidentiality');
  assert.match(await link.innerText(), /confidentiality$/i);
  assert.equal(await page.locator('[data-testid="feedback"] a.term[href="#/glossary/limits-of-confidentiality"]').count(), 1, 'the first use only');
  // The link says where it goes: its description is "Glossary entry".
  const hint = await link.evaluate((a) => document.getElementById(a.getAttribute('aria-describedby'))?.textContent);
  assert.equal(hint, 'Glossary entry');
  const saved = await page.evaluate((key) => [localStorage.getItem(key), localStorage.getItem(`${key.replace('/session/', '/pending/')}`)], SESSION_KEY);
  const before = await page.evaluate(() => ({ node: document.querySelector('section.step').dataset.node, step: document.getElementById('step-heading').textContent }));

  await link.focus();
  await page.keyboard.press('Enter');
  const entry = page.locator('#term-limits-of-confidentiality');
  await entry.waitFor();
  assert.equal(hash(page), '#/glossary/limits-of-confidentiality');
  assert.equal(await focused(page), 'term-limits-of-confidentiality', 'focus on the entry');
  assert.ok(await entry.evaluate((el) => el.closest('.entry').classList.contains('selected')), 'the entry is marked');
  const inView = await entry.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, 'the entry is scrolled into view');
  assert.match(await page.locator('.entry.selected dd').innerText(), /pass on/);
  assert.equal(await page.locator('#glossary-heading').innerText(), 'Glossary');
  assert.equal(await page.locator('[data-testid="glossary-back"]').innerText(), 'Back to the scenario');

  // Back (the browser's): the same step, the feedback still waiting, focus on it.
  await page.goBack();
  await page.locator('[data-testid="feedback"]').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(hash(page), `#/s/${SCENARIO}/play`);
  const after = await page.evaluate(() => ({ node: document.querySelector('section.step').dataset.node, step: document.getElementById('step-heading').textContent }));
  assert.deepEqual(after, before, 'the same step');
  assert.equal(await focused(page), 'feedback-heading', 'focus back on the feedback');
  assert.deepEqual(await page.evaluate((key) => [localStorage.getItem(key), localStorage.getItem(`${key.replace('/session/', '/pending/')}`)], SESSION_KEY), saved, 'the saved session is untouched');

  // On to the next step: the glossary's own "Back" link returns to it too.
  await page.locator('[data-testid="continue"]').click();
  await page.locator('[data-choice]').first().waitFor();
  assert.equal(await focused(page), 'step-heading');
  assert.equal(await page.locator('.choice a').count(), 0, 'no link inside a choice');
  const step = await page.evaluate(() => ({ node: document.querySelector('section.step').dataset.node, step: document.getElementById('step-heading').textContent }));
  await page.locator('header nav').getByRole('link', { name: 'Glossary' }).click();
  await page.locator('[data-testid="glossary-back"]').click();
  await page.locator('[data-choice]').first().waitFor();
  assert.deepEqual(await page.evaluate(() => ({ node: document.querySelector('section.step').dataset.node, step: document.getElementById('step-heading').textContent })), step);
  assert.equal(await focused(page), 'step-heading', 'focus back on the step');

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  app.assertNoProblems(problems);
});

test("a term in a bundled scenario's narration links to its entry", { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/#/s/close-to-home');
  await page.locator('[data-testid="start"]').click();
  const link = page.locator('.narration a.term[href="#/glossary/licence"]');
  await link.waitFor();
  const node = await page.locator('section.step').getAttribute('data-node');
  await link.click();
  await page.locator('#term-licence').waitFor();
  assert.equal(await focused(page), 'term-licence');
  await page.goBack();
  await page.locator('section.step').waitFor();
  assert.equal(await page.locator('section.step').getAttribute('data-node'), node);
  assert.equal(await focused(page), 'step-heading');
  app.assertNoProblems(problems);
});

test("Who's who fits one screen at 1280 x 800 and leads to the glossary", { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/#/network', { contextOptions: { viewport: { width: 1280, height: 800 } } });
  await page.locator('[data-testid="network"]').waitFor();
  const roles = await page.locator('.role h2 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(roles, ROLES.map((id) => `#/glossary/${id}`), 'every role with a network line, in file order');
  assert.ok(ROLES.length >= 6, `${ROLES.length} roles`);
  assert.ok((await page.locator('.network .lede').innerText()).length > 40, 'the introduction');
  // All of it, header included, above the fold (the page's bottom padding may run past).
  const bottom = await page.evaluate(() => document.querySelector('[data-testid="network"]').getBoundingClientRect().bottom + window.scrollY);
  assert.ok(bottom <= 800, `Who's who ends ${Math.round(bottom)} px down at 1280 x 800`);
  // Headings: one h1, an h2 per role.
  assert.deepEqual(await page.locator('main h1').allInnerTexts(), ['Who\u2019s who']);
  assert.equal(await page.locator('main h2').count(), ROLES.length);
  await page.locator(`.role a[href="#/glossary/${ROLES[0]}"]`).click();
  await page.locator(`#term-${ROLES[0]}`).waitFor();
  assert.equal(await focused(page), `term-${ROLES[0]}`);
  assert.equal(await page.locator('[data-testid="glossary-back"]').count(), 0, 'no Back link when the glossary was the first screen');
  app.assertNoProblems(problems);
});

for (const colorScheme of ['light', 'dark']) {
  test(`no WCAG A/AA violations on the glossary and Who's who (${colorScheme})`, { timeout: 60_000 }, async (t) => {
    const { page, problems } = await app.open(t, '/', { contextOptions: { colorScheme } });
    await app.waitForFirstScreen(page);
    for (const [route, selector] of [
      ['#/glossary', '[data-testid="glossary-terms"]'],
      ['#/glossary/mappa', '.entry.selected'],
      ['#/network', '[data-testid="network"]'],
    ]) {
      await page.goto(new URL(route, app.url).href);
      await page.locator(selector).waitFor({ timeout: STEP_TIMEOUT_MS });
      const results = await app.runAxe(page, { runOnly: AXE_TAGS });
      assert.deepEqual(app.formatAxeViolations(results), [], `axe on ${route}`);
    }
    // Scenario text with its links, in play.
    await page.goto(new URL('#/s/close-to-home/play', app.url).href);
    await page.locator('.narration a.term').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.deepEqual(app.formatAxeViolations(await app.runAxe(page, { runOnly: AXE_TAGS })), [], 'axe on a step with term links');
    app.assertNoProblems(problems);
  });
}

test('nothing scrolls sideways at 360 px, large text included', { timeout: 60_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/', { contextOptions: { viewport: { width: 360, height: 720 } } });
  await app.waitForFirstScreen(page);
  for (const large of [false, true]) {
    if (large) {
      await page.goto(new URL('#/settings', app.url).href);
      await page.locator('[data-testid="setting-large-text"]').check();
    }
    for (const [route, selector] of [
      ['#/glossary/designated-safeguarding-lead', '.entry.selected'],
      ['#/network', '[data-testid="network"]'],
    ]) {
      await page.goto(new URL(route, app.url).href);
      await page.locator(selector).waitFor({ timeout: STEP_TIMEOUT_MS });
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.equal(overflow, 0, `${route}${large ? ' in large text' : ''} is ${overflow} px too wide`);
    }
  }
  app.assertNoProblems(problems);
});

test('a damaged glossary is a notice, and the scenarios still play without links', { timeout: 30_000 }, async (t) => {
  const session = await app.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  await page.route('**/scenarios/glossary.json', (route) =>
    route.fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: '{"pack":3,"file":"glossary.yaml","glossary":{"terms":[{"id":' }),
  );
  await page.goto(new URL('#/glossary', app.url).href);
  const notice = page.locator('[data-testid="load-error"]');
  await notice.waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.match(await notice.innerText(), /glossary\.yaml could not be loaded/);
  assert.match(await notice.innerText(), /could not read glossary\.json/);
  await page.goto(new URL('#/s/close-to-home/play', app.url).href);
  await page.locator('.narration').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.locator('a.term').count(), 0, 'no links without a glossary');
  assert.match(await page.locator('.narration').innerText(), /licence/);
  app.assertNoProblems(problems);
});
