// The strict Content-Security-Policy (index.html, Trunk.toml pattern_script, web/loader.js):
// the built dist/index.html carries it and holds nothing inline; the app starts and plays
// `promise-you-wont-tell` to its debrief with zero CSP violations (securitypolicyviolation
// events and console messages both) and no request to another origin; and the policy is
// really in force: an inline script and eval() are refused (so this test can fail).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DIST_DIR, useApp } from './harness.mjs';
import { PATHS, choose, finish, startScenario, assertDebrief } from './flows.mjs';

const EXPECTED_POLICY = {
  'default-src': ["'self'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'style-src': ["'self'"],
  'img-src': ["'self'", 'data:'],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

const app = useApp();

function policyOf(html) {
  const metas = [...html.matchAll(/<meta\s[^>]*http-equiv="Content-Security-Policy"[^>]*>/gi)];
  assert.equal(metas.length, 1, 'exactly one CSP <meta>');
  const content = /content="([^"]*)"/i.exec(metas[0][0])?.[1];
  assert.ok(content, 'the CSP <meta> has a content attribute');
  return Object.fromEntries(
    content
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

test('dist/index.html carries the strict policy and nothing inline', () => {
  const html = readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  assert.deepEqual(policyOf(html), EXPECTED_POLICY);
  // The policy must come before anything it governs.
  const cspAt = html.search(/http-equiv="Content-Security-Policy"/i);
  for (const tag of ['<script', '<link rel="stylesheet"', '<link rel="modulepreload"']) {
    const at = html.indexOf(tag);
    assert.ok(at === -1 || cspAt < at, `the CSP <meta> comes before ${tag}`);
  }
  const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
  assert.ok(scripts.length >= 1, 'the loader script is there');
  for (const [, attributes, body] of scripts) {
    assert.match(attributes, /\ssrc="[^"]+"/, `a <script> without src: ${attributes}`);
    assert.equal(body.trim(), '', 'a <script src> with inline content');
  }
  assert.doesNotMatch(html, /<style\b/i, 'an inline <style>');
  assert.doesNotMatch(html, /\sstyle\s*=/i, 'an inline style attribute');
  assert.doesNotMatch(html, /\son[a-z]+\s*=/i, 'an inline event handler');
  assert.doesNotMatch(html, /javascript:/i, 'a javascript: URL');
});

// scripts/minify.mjs rewrites the JS and CSS after trunk hashed them, and makes the hashes
// afresh; a stale one would make the browser refuse the file.
test('every subresource-integrity hash in dist/index.html is that of the file it names', () => {
  const html = readFileSync(path.join(DIST_DIR, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(?:link|script)\b[^>]*\sintegrity="([^"]*)"[^>]*>/g)];
  assert.ok(tags.length >= 3, 'the stylesheet, the JS and the wasm carry integrity hashes');
  for (const [tag, integrity] of tags) {
    const href = /\s(?:href|src)="\.\/([^"]+)"/.exec(tag)?.[1];
    assert.ok(href, `a local file in ${tag}`);
    const hash = createHash('sha384').update(readFileSync(path.join(DIST_DIR, href))).digest('base64');
    assert.equal(integrity, `sha384-${hash}`, href);
  }
});

test('the app plays to the debrief with zero CSP violations and no request off the origin', async (t) => {
  const session = await app.newPage();
  t.after(() => session.close());
  const { page, problems } = session;
  // Collected from before the first script runs (an init script is not subject to the
  // page's CSP).
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.effectiveDirective}: ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`);
    });
  });
  const cspConsole = [];
  page.on('console', (msg) => {
    if (/Content.Security.Policy|Refused to/i.test(msg.text())) cspConsole.push(`${msg.type()}: ${msg.text()}`);
  });
  const requests = [];
  page.on('request', (req) => requests.push(req.url()));

  await page.goto(app.url);
  await startScenario(page);
  const best = PATHS[0];
  for (const choice of best.choices) await choose(page, choice);
  await finish(page);
  await assertDebrief(page, best);

  assert.deepEqual(await page.evaluate(() => window.__cspViolations), [], 'securitypolicyviolation events');
  assert.deepEqual(cspConsole, [], 'CSP messages in the console');
  app.assertNoProblems(problems); // no console errors, failed or external requests
  const origin = new URL(app.url).origin;
  const offOrigin = requests.filter((u) => new URL(u).origin !== origin && !u.startsWith('data:'));
  assert.deepEqual(offOrigin, [], 'requests to another origin');
  assert.ok(requests.some((u) => u.endsWith('.wasm')), 'the wasm was fetched');
  assert.ok(requests.some((u) => u.endsWith('/loader.js')), 'the external loader was used');

  // The policy is in force: an inline script does not run and is reported, eval throws.
  const inline = await page.evaluate(async () => {
    // An inline script runs (or not) when it is inserted; its refusal is reported by an
    // event, which is awaited (for at most 5 s, so a missing report fails below, not by
    // the test's timeout).
    const reported = new Promise((resolve) => {
      document.addEventListener('securitypolicyviolation', (e) => {
        if (e.effectiveDirective.startsWith('script-src')) resolve();
      });
      setTimeout(resolve, 5_000);
    });
    const s = document.createElement('script');
    s.textContent = 'window.__inlineRan = true;';
    document.body.append(s);
    await reported;
    let evalResult;
    try {
      evalResult = String(eval('1 + 1'));
    } catch (e) {
      evalResult = e.name;
    }
    return { ran: window.__inlineRan === true, evalResult, violations: window.__cspViolations };
  });
  assert.equal(inline.ran, false, 'an inline script ran');
  assert.equal(inline.evalResult, 'EvalError', 'eval() was allowed');
  assert.ok(
    inline.violations.some((v) => v.startsWith('script-src')),
    `the refused inline script was reported: ${JSON.stringify(inline.violations)}`,
  );
});
