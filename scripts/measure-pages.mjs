// The pages scripts/measure.mjs sets beside our build, each in a folder of its own that
// scripts/serve.mjs serves compressed like ours:
//   - the static floor: the catalogue our app renders, as static HTML + our CSS (the DOM of
//     our first screen, taken from the running app, with every script removed): what a page
//     with no code at all shows, as fast as bytes arrive;
//   - an inkjs page: a plain JavaScript player (inkjs's runtime, npm `inkjs`, and a small
//     script) that draws the same catalogue from a JSON list and plays the same scenarios,
//     each translated from its pack to ink and compiled by inkjs's compiler here, in node.
// The translation keeps what the timed steps show: every node's narration and lines, every
// choice with its feedback, passages, endings, the graph. It leaves out conditions and
// variables (every choice is offered; a `next` with branches takes its first) and scores: a
// player that shows them would do a little more work, so the ink page's times are if anything
// flattering to ink.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/** Escapes text for ink: every character ink gives a meaning is written with a backslash. */
function inkText(text) {
  return String(text)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[\\[\]{}|#/<>*+\-~=^$]/g, (c) => `\\${c}`);
}

/** One scenario's pack (its `scenario`) as ink source. */
export function packToInk(scenario) {
  const names = Object.fromEntries((scenario.characters ?? []).map((c) => [c.id, c.name]));
  const knot = (i) => `n${i}`;
  const target = (next) => (next?.branches?.length ? knot(next.branches[0].to) : null);
  const lines = [`-> ${knot(scenario.start)}`, ''];
  scenario.nodes.forEach((node, i) => {
    lines.push(`=== ${knot(i)} ===`);
    lines.push(`# node:${node.id}`);
    if (node.narration) lines.push(inkText(node.narration));
    for (const say of node.say ?? []) lines.push(`${inkText(names[say.character] ?? say.character)}: ${inkText(say.text)}`);
    const kind = node.kind;
    if (kind.decision) {
      kind.decision.forEach((choice, c) => {
        lines.push(`* [${inkText(choice.text)}] -> ${knot(i)}.f${c}`);
      });
      kind.decision.forEach((choice, c) => {
        lines.push(`= f${c}`);
        lines.push(`${inkText(choice.feedback ?? '')} #feedback`);
        const to = target(choice.next);
        lines.push(to ? `* [Continue] #continue -> ${to}` : '-> END');
      });
    } else if (kind.passage) {
      const to = target(kind.passage);
      lines.push(to ? `* [Continue] #continue -> ${to}` : '-> END');
    } else {
      const ending = kind.ending ?? {};
      lines.push(`${inkText(ending.title ?? 'The end')} #ending`);
      if (ending.text) lines.push(inkText(ending.text));
      lines.push('-> END');
    }
    lines.push('');
  });
  return lines.join('\n');
}

// The ink page's player: plain JavaScript, no framework, the same markup and classes (and
// data-testid) as our app, so that the same CSS lays it out and the same timing code drives it.
const PLAYER_JS = String.raw`
const main = document.getElementById('main');
const el = (tag, attrs = {}, text) => {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  if (text !== undefined) e.textContent = text;
  return e;
};
let catalogue;
async function showCatalogue() {
  catalogue ??= await (await fetch('catalogue.json')).json();
  const section = el('section', { class: 'catalogue' });
  section.append(el('h1', { tabindex: '-1' }, 'Practice scenarios'));
  const list = el('ul', { class: 'cards' });
  for (const s of catalogue) {
    const li = el('li', { class: 'card', 'data-testid': 'scenario-card-' + s.id });
    li.append(el('h2', { class: 'card-title' }, s.title), el('p', { class: 'card-summary' }, s.summary));
    const open = el('button', { type: 'button', class: 'button primary', 'data-testid': 'open-' + s.id }, 'Open');
    open.onclick = () => openScenario(s);
    li.append(open);
    list.append(li);
  }
  section.append(list);
  main.replaceChildren(section);
  performance.mark('sq:first-screen');
}
async function openScenario(s) {
  const json = await (await fetch('stories/' + s.id + '.json')).text();
  const story = new inkjs.Story(json);
  const section = el('section', { class: 'intro' });
  const h1 = el('h1', { tabindex: '-1' }, s.title);
  const start = el('button', { type: 'button', class: 'button primary', 'data-testid': 'start' }, 'Start');
  start.onclick = () => step(story);
  section.append(h1, el('p', {}, s.summary), start);
  main.replaceChildren(section);
  h1.focus();
}
function step(story) {
  const section = el('section', { class: 'step' });
  const heading = el('h1', { id: 'step-heading', tabindex: '-1' });
  section.append(heading);
  let feedback = null;
  while (story.canContinue) {
    const text = story.Continue().trim();
    const tags = story.currentTags;
    const node = tags.find((t) => t.startsWith('node:'));
    if (node) section.dataset.node = node.slice(5);
    if (tags.includes('feedback')) {
      feedback = el('div', { class: 'feedback', 'data-testid': 'feedback', role: 'status' });
      feedback.append(el('p', {}, text));
      section.append(feedback);
    } else if (text) section.append(el('p', {}, text));
  }
  heading.textContent = section.dataset.node ?? 'Step';
  const actions = el('div', { class: 'choices' });
  story.currentChoices.forEach((choice, i) => {
    const isContinue = choice.tags?.includes('continue') || choice.text === 'Continue';
    const b = el('button', isContinue ? { type: 'button', class: 'button primary', 'data-testid': 'continue' } : { type: 'button', class: 'choice', 'data-choice': 'c' + i }, choice.text);
    b.onclick = () => { story.ChooseChoiceIndex(i); step(story); };
    actions.append(b);
  });
  section.append(actions);
  main.replaceChildren(section);
  (feedback ?? heading).focus?.();
}
showCatalogue();
`;

/**
 * Writes the inkjs page into `dir` from the packs in `dist/scenarios` (the listed ones, in
 * the index's order), with our CSS. Returns { scenarios, inkBytes }.
 */
export function writeInkPage(dist, dir) {
  const { Compiler } = require('inkjs/full');
  mkdirSync(path.join(dir, 'stories'), { recursive: true });
  const index = JSON.parse(readFileSync(path.join(dist, 'scenarios', 'index.json'), 'utf8'));
  const listed = index.scenarios.filter((e) => e.scenario);
  let inkBytes = 0;
  for (const entry of listed) {
    const pack = JSON.parse(readFileSync(path.join(dist, 'scenarios', entry.file), 'utf8'));
    const source = packToInk(pack.scenario);
    inkBytes += Buffer.byteLength(source);
    const compiler = new Compiler(source);
    const compiled = compiler.Compile();
    if (compiler.errors.length) throw new Error(`${entry.file}: ink errors: ${compiler.errors.slice(0, 3).join('; ')}`);
    writeFileSync(path.join(dir, 'stories', `${entry.scenario.id}.json`), compiled.ToJson());
  }
  writeFileSync(
    path.join(dir, 'catalogue.json'),
    JSON.stringify(listed.map((e) => ({ id: e.scenario.id, title: e.scenario.title, summary: e.scenario.summary }))),
  );
  const css = readdirCss(dist);
  cpSync(path.join(dist, css), path.join(dir, 'app.css'));
  cpSync(path.join(path.dirname(require.resolve('inkjs/full')), 'ink.js'), path.join(dir, 'ink.js'));
  writeFileSync(path.join(dir, 'player.js'), PLAYER_JS);
  writeFileSync(
    path.join(dir, 'index.html'),
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">' +
      '<title>Scenario Quiz (ink)</title><link rel="icon" href="data:,"><link rel="stylesheet" href="app.css"><script src="ink.js" defer></script><script src="player.js" defer></script></head>' +
      '<body><main id="main" class="page wide"><p class="loading">Loading the scenarios…</p></main></body></html>\n',
  );
  return { scenarios: listed.length, inkBytes };
}

function readdirCss(dist) {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const m = /href="\.?\/?([^"]+\.css)"/.exec(html);
  if (!m) throw new Error(`no stylesheet in ${dist}/index.html`);
  return m[1];
}

/**
 * Writes the static floor into `dir`: `html` (our first screen's document, from the running
 * app) with every script, preload and modulepreload removed, and our CSS beside it.
 */
export function writeStaticFloor(dist, dir, html) {
  mkdirSync(dir, { recursive: true });
  const css = readdirCss(dist);
  const page = html
    .replace(/<script\b[\s\S]*?<\/script>/gi, '')
    .replace(/<link\b[^>]*rel="(modulepreload|preload)"[^>]*>/gi, '')
    .replace(/<meta http-equiv="Content-Security-Policy"[^>]*>/i, '');
  if (!page.includes('class="cards"')) throw new Error('the static floor has no catalogue');
  writeFileSync(path.join(dir, 'index.html'), `<!doctype html>\n${page}\n`);
  mkdirSync(path.dirname(path.join(dir, css)), { recursive: true });
  cpSync(path.join(dist, css), path.join(dir, css));
}
