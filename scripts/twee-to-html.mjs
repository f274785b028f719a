// Converts Twee files to Twine 2 HTML with extwee (pinned in package.json), for the importer's
// oracle test (crates/scenario-twine/tests/real_files.rs): the HTML import of extwee's output
// must give the same scenario as the Twee import. Prints {"<path>": {"html": "..."} or
// {"error": "..."} (a file extwee refuses), ...} as JSON.
// Usage: node scripts/twee-to-html.mjs FILE.twee...
import { readFileSync } from 'node:fs';
import { parseTwee } from 'extwee';

const out = {};
for (const path of process.argv.slice(2)) {
  try {
    out[path] = { html: parseTwee(readFileSync(path, 'utf8')).toTwine2HTML() };
  } catch (e) {
    out[path] = { error: String(e.message) };
  }
}
process.stdout.write(JSON.stringify(out));
