// The glossary page (scenarios/glossary.yaml, written by `scenario pack` as dist/glossary.html,
// plain HTML with no script): a "Glossary" link in the app's header on every screen, play
// included, opening the page in a new tab (its name says so) while the app stays at the same
// step in the same state; a term in a bundled scenario's text links to its entry
// (glossary.html#<id>), which is scrolled to and marked, by mouse and by keyboard; the page
// has every term A to Z and the one-screen Who's who, the app's support panel, no CSP
// violation, a skip link first; axe-core finds no WCAG A/AA violation on it, light or dark,
// nor on a step with term links; nothing scrolls sideways at 360 px; a build without the
// page has no Glossary link and no term links.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT, packScenarios, routePacks, useApp } from './harness.mjs';
import { SCENARIO, SESSION_KEY, STEP_TIMEOUT_MS, PATHS, choose, finish, startScenario } from './flows.mjs';

const app = useApp();
const GLOSSARY = readFileSync(path.join(ROOT, 'scenarios', 'glossary.yaml'), 'utf8');
// The terms of glossary.yaml, in file order, and the roles in Who's who: those with a
// `network` line.
const TERMS = [...GLOSSARY.matchAll(/^  ([a-z0-9-]+):\n/gm)].map((m) => m[1]);
const ROLES = [...GLOSSARY.matchAll(/^  ([a-z0-9-]+):\n(?:    (?!network:).*\n)*    network:/gm)].map((m) => m[1]);
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const HEADER_LINK = 'Glossary (opens in a new tab)';
const focused = (page) => page.evaluate(() => document.activeElement?.id || document.activeElement?.dataset?.testid || document.activeElement?.tagName);
const stepOf = (page) => page.evaluate(() => ({ node: document.querySelector('section.step').dataset.node, step: document.getElementById('step-heading').textContent }));
const savedOf = (page) => page.evaluate((key) => [localStorage.getItem(key), localStorage.getItem(key.replace('/session/', '/pending/'))], SESSION_KEY);

/** Records securitypolicyviolation events in every page of the context, from its first script. */
async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'}`));
  });
}

/** Does `act` open a new tab? Returns it once its page has loaded. */
async function newTab(page, act) {
  const [tab] = await Promise.all([page.context().waitForEvent('page'), act()]);
  await tab.waitForLoadState('load');
  return tab;
}

async function assertHeaderLink(page, screen) {
  const link = page.locator('header nav').getByRole('link', { name: HEADER_LINK, exact: true });
  assert.equal(await link.count(), 1, `a Glossary link in the header on the ${screen}`);
  assert.equal(await link.getAttribute('href'), 'glossary.html', `on the ${screen}`);
  assert.equal(await link.getAttribute('target'), '_blank', `on the ${screen}`);
  assert.equal(await link.getAttribute('rel'), 'noopener', `on the ${screen}`);
}

/** The entry the page's address points at: its id, that it is marked, and in view. */
async function assertTarget(tab, id) {
  assert.equal(new URL(tab.url()).hash, `#${id}`);
  const entry = tab.locator(`#${id}`);
  await entry.waitFor();
  assert.ok(await entry.evaluate((el) => el.matches(':target') && el.classList.contains('entry')), `#${id} is the entry addressed`);
  const inView = await entry.evaluate((el) => {
    const r = el.getBoundingClientRect();
    return r.top >= 0 && r.bottom <= window.innerHeight;
  });
  assert.ok(inView, `#${id} is scrolled into view`);
  // Marked by more than colour: a frame.
  assert.equal(await entry.evaluate((el) => getComputedStyle(el).borderLeftWidth), '6px');
}

test('the Glossary link is in the header of every screen, during play too, and opens the page in a new tab', { timeout: 90_000 }, async (t) => {
  const { page, context, problems, close } = await app.newPage();
  t.after(close);
  await watchCsp(context);
  await page.goto(app.url);
  await startScenario(page);
  await assertHeaderLink(page, 'play screen');
  const [first, ...rest] = PATHS[0].choices;
  await choose(page, first);
  await assertHeaderLink(page, 'feedback');
  // By keyboard, from the feedback: the page opens in a new tab; the app stays as it was.
  const before = await stepOf(page);
  const saved = await savedOf(page);
  await page.locator('header nav').getByRole('link', { name: HEADER_LINK }).focus();
  const tab = await newTab(page, () => page.keyboard.press('Enter'));
  assert.equal(new URL(tab.url()).pathname, '/glossary.html');
  assert.equal(await tab.title(), 'Glossary \u2013 Scenario Quiz');
  assert.equal(await tab.locator('nav [aria-current="page"]').innerText(), 'Glossary');
  assert.equal(await tab.evaluate(() => window.opener), null, 'the page cannot reach the app');
  assert.deepEqual(await tab.evaluate(() => window.__cspViolations), [], 'no CSP violation on the page');
  await tab.close();
  assert.deepEqual(await stepOf(page), before, 'the app is at the same step');
  assert.equal(await page.locator('[data-testid="feedback"]').count(), 1, 'the feedback still waiting');
  assert.deepEqual(await savedOf(page), saved, 'the save untouched');
  for (const choice of rest) await choose(page, choice);
  await finish(page);
  await assertHeaderLink(page, 'debrief');
  for (const [route, selector, screen] of [
    ['#/', `[data-testid="open-${SCENARIO}"]`, 'catalogue'],
    [`#/s/${SCENARIO}`, '[data-testid="start"]', 'intro'],
    ['#/history', '#history-heading', 'history'],
    ['#/settings', '#settings-heading', 'settings'],
    ['#/nowhere', '#not-found-heading', 'not-found screen'],
  ]) {
    await page.goto(new URL(route, app.url).href);
    await page.locator(selector).first().waitFor({ timeout: STEP_TIMEOUT_MS });
    await assertHeaderLink(page, screen);
  }
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation in the app');
  app.assertNoProblems(problems);
});

test('a term in the text links to its entry, by keyboard, and the app stays at the same step', { timeout: 60_000 }, async (t) => {
  const { page, context, problems, close } = await app.newPage();
  t.after(close);
  await watchCsp(context);
  await page.goto(app.url);
  await startScenario(page);
  // The first choice's feedback says "confidentiality": its first use is a link.
  await choose(page, PATHS[0].choices[0]);
  const link = page.locator('[data-testid="feedback"] a.term').first();
  assert.equal(await link.getAttribute('href'), 'glossary.html#limits-of-confidentiality');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await link.innerText(), /confidentiality$/i);
  assert.equal(await page.locator('[data-testid="feedback"] a.term[href="glossary.html#limits-of-confidentiality"]').count(), 1, 'the first use only');
  // The link says where it goes, and that it opens a new tab: its accessible description.
  assert.equal(await link.getAttribute('title'), 'Glossary entry, opens in a new tab');
  const snapshot = await link.ariaSnapshot();
  assert.match(snapshot, /link "[^"]*confidentiality"/i, 'its name is the term as written');
  const before = await stepOf(page);
  const saved = await savedOf(page);

  await link.focus();
  const tab = await newTab(page, () => page.keyboard.press('Enter'));
  await assertTarget(tab, 'limits-of-confidentiality');
  assert.match(await tab.locator('#limits-of-confidentiality dd').innerText(), /pass on/);
  assert.deepEqual(await tab.evaluate(() => window.__cspViolations), [], 'no CSP violation on the page');
  await tab.close();
  assert.deepEqual(await stepOf(page), before, 'the same step');
  assert.deepEqual(await savedOf(page), saved, 'the saved session is untouched');
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('href')), 'glossary.html#limits-of-confidentiality', 'focus still on the link');

  // On to the next step: no link inside a choice.
  await page.locator('[data-testid="continue"]').click();
  await page.locator('[data-choice]').first().waitFor();
  assert.equal(await page.locator('.choice a').count(), 0, 'no link inside a choice');
  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'no CSP violation');
  app.assertNoProblems(problems);
});

test("a term in a bundled scenario's narration links to its entry", { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/#/s/close-to-home');
  await page.locator('[data-testid="start"]').click();
  const link = page.locator('.narration a.term[href="glossary.html#licence"]');
  await link.waitFor();
  assert.match(await link.innerText(), /licence/i);
  const tab = await newTab(page, () => link.click());
  await assertTarget(tab, 'licence');
  assert.match(await tab.locator('#licence dt').innerText(), /^Licence$/i);
  await tab.close();
  app.assertNoProblems(problems);
});

test("the page: every term A to Z, Who's who on one screen at 1280 x 800, the app's support panel, a skip link", { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/glossary.html');
  // Every term, each once, in alphabetical order of the words shown.
  const ids = await page.locator('dl.terms > .entry').evaluateAll((els) => els.map((el) => el.id));
  assert.deepEqual([...ids].sort(), [...TERMS].sort(), 'every term of glossary.yaml');
  const words = await page.locator('dl.terms dt').allInnerTexts();
  assert.deepEqual(words, [...words].sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())), 'A to Z');
  // Who's who: every role, in file order, each leading to its entry; all of it above the fold.
  const roles = await page.locator('.role h3 a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  assert.deepEqual(roles, ROLES.map((id) => `#${id}`), 'every role with a network line, in file order');
  assert.ok(ROLES.length >= 6, `${ROLES.length} roles`);
  const bottom = await page.evaluate(() => document.querySelector('section.network').getBoundingClientRect().bottom + window.scrollY);
  assert.ok(bottom <= 800, `Who's who ends ${Math.round(bottom)} px down at 1280 x 800`);
  await page.locator(`.role a[href="#${ROLES[0]}"]`).click();
  await assertTarget(page, ROLES[0]);
  // Headings: one h1, then Who's who and A to Z.
  assert.deepEqual(await page.locator('main h1').allInnerTexts(), ['Glossary']);
  assert.deepEqual(await page.locator('main h2').allInnerTexts(), ['Who\u2019s who', 'Every word, A to Z']);
  // The support panel is the app's own.
  // (The page's HTML has a line break between tags; the app's has none.)
  const panel = async (p) => (await p.locator('[data-testid="support"]').innerHTML()).replace(/>\s+</g, '><').trim();
  const pagePanel = await panel(page);
  // Keyboard: the skip link comes first and moves focus to the content.
  await page.goto(new URL('/glossary.html', app.url).href);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement.textContent), 'Skip to content');
  await page.keyboard.press('Enter');
  assert.equal(await focused(page), 'page_main');
  // Into the app: the brand leads to the scenarios, whose header has the same panel.
  await page.locator('header a.brand').click();
  await app.waitForFirstScreen(page);
  assert.equal(await panel(page), pagePanel, "the page's support panel is the app's");
  app.assertNoProblems(problems);
});

for (const colorScheme of ['light', 'dark']) {
  test(`no WCAG A/AA violations on the glossary page and on a step with term links (${colorScheme})`, { timeout: 60_000 }, async (t) => {
    const { page, problems } = await app.open(t, '/glossary.html', { contextOptions: { colorScheme } });
    for (const address of ['/glossary.html', '/glossary.html#mappa']) {
      await page.goto(new URL(address, app.url).href);
      await page.locator('dl.terms').waitFor();
      const results = await app.runAxe(page, { runOnly: AXE_TAGS });
      assert.deepEqual(app.formatAxeViolations(results), [], `axe on ${address}`);
    }
    await page.goto(new URL('/#/s/close-to-home/play', app.url).href);
    await page.locator('.narration a.term').first().waitFor({ timeout: STEP_TIMEOUT_MS });
    assert.deepEqual(app.formatAxeViolations(await app.runAxe(page, { runOnly: AXE_TAGS })), [], 'axe on a step with term links');
    app.assertNoProblems(problems);
  });
}

test('nothing on the page scrolls sideways at 360 px', { timeout: 30_000 }, async (t) => {
  const { page, problems } = await app.open(t, '/glossary.html#designated-safeguarding-lead', { contextOptions: { viewport: { width: 360, height: 720 } } });
  await page.locator('#designated-safeguarding-lead').waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.equal(overflow, 0, `the page is ${overflow} px too wide at 360 px`);
  app.assertNoProblems(problems);
});

test('a build without the glossary page has no Glossary link and no term links', { timeout: 240_000 }, async (t) => {
  // The bundled folder packed without --site: no page, so no links and an index that says so.
  const packs = packScenarios({}, { build: true });
  assert.equal(JSON.parse(packs['index.json']).glossary, undefined);
  const session = await app.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  await routePacks(page, packs);
  await page.goto(new URL('#/s/close-to-home/play', app.url).href);
  await page.locator('.narration').waitFor({ timeout: STEP_TIMEOUT_MS });
  assert.equal(await page.locator('header nav a[href="glossary.html"]').count(), 0, 'no Glossary link');
  assert.equal(await page.locator('a.term').count(), 0, 'no term links');
  assert.match(await page.locator('.narration').innerText(), /licence/);
  app.assertNoProblems(problems);
});
