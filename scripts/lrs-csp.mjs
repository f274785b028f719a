#!/usr/bin/env node
// Lets a built app send xAPI statements to these LRS origins: adds them to `connect-src` in
// the Content-Security-Policy of DIST/index.html (everything else in the policy stays); with
// --page=report.html, of the trainer's cohort report page instead, which reads statements
// from the LRS (repeat --page for both).
// The page's policy allows only its own origin by default, and a static page cannot know
// at build time where a launch will point; docs/security.md says why the origin is named
// here instead of allowing every https: address, and that a policy sent as an HTTP header
// must list it too. The page's .gz and .br are rewritten (scripts/compress.mjs), or a host
// serving them would send the old policy.
//
//   node scripts/lrs-csp.mjs DIST https://lrs.example.org [ORIGIN...] [--page=report.html ...]
//
// An origin is scheme://host[:port] (a port may be `*`); paths are refused, so that no
// one pastes the endpoint and believes the path is enforced (CSP matches paths loosely).
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { compressDir } from './compress.mjs';

const argv = process.argv.slice(2);
const pageArgs = argv.filter((a) => a.startsWith('--page='));
const [dist, ...origins] = argv.filter((a) => !a.startsWith('--page='));
const pages = pageArgs.length ? pageArgs.map((a) => a.slice('--page='.length)) : ['index.html'];
if (!dist || origins.length === 0) {
  console.error('usage: node scripts/lrs-csp.mjs DIST ORIGIN... [--page=FILE.html] (e.g. https://lrs.example.org)');
  process.exit(2);
}
for (const page of pages) {
  if (!/^[a-z0-9-]+\.html$/i.test(page)) {
    console.error(`lrs-csp: --page takes a page of DIST by name (report.html): ${page}`);
    process.exit(2);
  }
}
for (const origin of origins) {
  if (!/^https?:\/\/[a-z0-9.-]+(:(\d{1,5}|\*))?$/i.test(origin)) {
    console.error(`lrs-csp: not an origin (scheme://host[:port], no path): ${origin}`);
    process.exit(2);
  }
}
for (const page of pages) {
  const file = path.join(dist, page);
  const html = readFileSync(file, 'utf8');
  let changed = 0;
  const out = html.replace(/(http-equiv="Content-Security-Policy"\s+content="[^"]*connect-src )([^;"]*)/, (_, head, sources) => {
    const list = sources.trim().split(/\s+/);
    for (const o of origins) if (!list.includes(o)) list.push(o);
    changed = 1;
    return head + list.join(' ');
  });
  if (!changed) {
    console.error(`lrs-csp: no connect-src in the Content-Security-Policy meta of ${file}`);
    process.exit(1);
  }
  writeFileSync(file, out);
  console.log(`lrs-csp: ${file}: connect-src now allows ${origins.join(' ')}`);
}
compressDir(dist);
