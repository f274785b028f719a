// One large branching story written twice: as a scenario (format v1 YAML) and as ink, for
// scripts/ink-compare.mjs. The same shape as the Rust benchmark's generator
// (crates/scenario-testkit/src/generate.rs, with conditions): a chain of decisions of
// three choices (go on; a choice offered while `trust < 3` that adds 1 to `trust` and skips
// a node once `trust >= 2`; a harmful one), a passage every fifth node, three endings (the
// harmful choice of the last decisions leads to the negative one, so all three are
// reachable). Every node has a line of text and every choice a score and a line of
// feedback, in both versions:
//
//   scenario                                   ink
//   node n<i> (decision, passage, ending)      knot === n<i> === / === e<k> ===
//   narration: Node <i>.                       Node <i>.
//   choice {text: Hi, if: trust < 3, …}        + {trust < 3} [Hi]   (sticky, like ours)
//   set: {trust: 1}                            ~ trust += 1
//   scores: {listening: 1}                     ~ listening += 1     (ink has no scoring
//                                                                    rules: a running sum)
//   feedback: ok                               ok                   (text after the choice)
//   next: [{if: trust >= 2, to: A}, {to: B}]   { trust >= 2: -> A | -> B }
//   ending {outcome: positive, …, text: Done.} Done. #positive  -> END
//
// As in our format, `set` and scores apply before `next` is resolved (crates/scenario-core/src/play/session.rs).

/**
 * `nodes` ≥ 6 nodes in all (three of them endings). Returns { yaml, ink, counts }, where
 * `counts` is what both versions must contain: { nodes, decisions, passages, endings,
 * choices, conditionalChoices }.
 */
export function generateStory(nodes, id = 'ink-compare') {
  if (!Number.isInteger(nodes) || nodes < 6) throw new Error(`generateStory: nodes must be an integer >= 6, not ${nodes}`);
  const inner = nodes - 3;
  const to = (i) => (i >= inner ? `e${Math.min(i - inner, 2)}` : `n${i}`);
  // The harmful choice of the last two inner nodes (one at least is a decision) ends badly.
  const harmTo = (i) => (i >= inner - 2 ? 'e2' : to(i + 1));
  const y = [
    'format: 1',
    `id: ${id}`,
    'title: Generated',
    'summary: A long generated story.',
    'setting: Anywhere.',
    'audiences: [induction]',
    'topics: [safeguarding]',
    'dimensions: [safeguarding, listening]',
    'variables: {trust: 0}',
    'start: n0',
    'nodes:',
  ];
  const k = ['VAR trust = 0', 'VAR listening = 0', 'VAR safeguarding = 0', '-> n0', ''];
  const counts = { nodes, decisions: 0, passages: 0, endings: 0, choices: 0, conditionalChoices: 0 };
  for (let i = 0; i < inner; i++) {
    if (i % 5 === 4) {
      y.push(`  n${i}: {narration: Later., next: ${to(i + 1)}}`);
      k.push(`=== n${i} ===`, 'Later.', `-> ${to(i + 1)}`, '');
      counts.passages += 1;
      continue;
    }
    y.push(
      `  n${i}:`,
      `    narration: Node ${i}.`,
      '    choices:',
      `    - {text: Go on, scores: {listening: 2}, feedback: ok, next: ${to(i + 1)}}`,
      `    - {text: Hi, if: trust < 3, set: {trust: 1}, scores: {listening: 1}, feedback: ok, next: [{if: trust >= 2, to: ${to(i + 2)}}, {to: ${to(i + 1)}}]}`,
      `    - {text: Yes, scores: {safeguarding: -3}, feedback: no, next: ${harmTo(i)}}`,
    );
    k.push(
      `=== n${i} ===`,
      `Node ${i}.`,
      '+ [Go on]',
      '  ~ listening += 2',
      '  ok',
      `  -> ${to(i + 1)}`,
      '+ {trust < 3} [Hi]',
      '  ~ trust += 1',
      '  ~ listening += 1',
      '  ok',
      `  { trust >= 2: -> ${to(i + 2)} | -> ${to(i + 1)} }`,
      '+ [Yes]',
      '  ~ safeguarding -= 3',
      '  no',
      `  -> ${harmTo(i)}`,
      '',
    );
    counts.decisions += 1;
    counts.choices += 3;
    counts.conditionalChoices += 1;
  }
  ['positive', 'mixed', 'negative'].forEach((outcome, e) => {
    y.push(`  e${e}: {ending: {outcome: ${outcome}, title: End, text: Done.}}`);
    k.push(`=== e${e} ===`, `Done. #${outcome}`, '-> END', '');
    counts.endings += 1;
  });
  return { yaml: `${y.join('\n')}\n`, ink: `${k.join('\n')}\n`, counts };
}

/** The choice ids of the scenario version (numbered by position), by choice text. */
export const CHOICE_IDS = { 'Go on': '1', Hi: '2', Yes: '3' };
