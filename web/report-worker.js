// The cohort report's statements reader, off the main thread, so a large file never freezes
// the page: runs the page's wasm (named in this script's ?js=&wasm= query) and answers one
// { file, filter, names } with { json, ms } (the counted cohort, and the milliseconds the
// reading took: crates/scenario-report-page/src/reports.rs, tally_statements) or { error }.
// The page starts one worker per file and ends it after the answer.
const q = new URL(self.location.href).searchParams;
const ready = import(q.get('js')).then(async (page) => {
  await page.default({ module_or_path: q.get('wasm') });
  return page;
});
self.onmessage = async (event) => {
  const { file, filter, names } = event.data;
  try {
    const page = await ready;
    const text = await file.text();
    const start = performance.now();
    const json = page.tally_in_worker(text, filter, names);
    self.postMessage({ json, ms: performance.now() - start });
  } catch (err) {
    // A wasm trap (out of memory, a bug) lands here: the page shows it, never a blank page.
    self.postMessage({ error: `the file could not be read (${err?.message ?? err})` });
  }
};
