// The studio's checker off the main thread: runs the studio's wasm (the same file as the page,
// named in this script's ?js=&wasm= query) and answers each { seq, text, dimensions } three
// times: { seq, json } with the problems (crates/scenario-studio/src/check.rs), { seq, map }
// with the branching map, then { seq, stats } with `scenario stats`'s figures, slowest first
// last, from one load of the text; or { seq, error }. A request
// overtaken by a newer one that is already waiting gets no answer; the page replaces a worker
// still busy with a request when it sends the next. After an error the wasm's state is not
// trusted: the worker says so and closes, and the page starts a new one.
const q = new URL(self.location.href).searchParams;
const ready = import(q.get('js')).then(async (studio) => {
  await studio.default({ module_or_path: q.get('wasm') });
  return studio;
});
let latest = -1;
self.onmessage = async (event) => {
  const { seq, text, dimensions } = event.data;
  latest = seq;
  try {
    const studio = await ready;
    if (seq !== latest) return;
    self.postMessage({ seq, json: studio.check_in_worker(text, dimensions ?? undefined) });
    // Let a request that arrived meanwhile go first.
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (seq !== latest) return;
    self.postMessage({ seq, map: studio.map_in_worker() });
    await new Promise((resolve) => setTimeout(resolve, 0));
    if (seq !== latest) return;
    self.postMessage({ seq, stats: studio.stats_in_worker() });
  } catch (err) {
    self.postMessage({ seq, error: `the checker failed: ${err?.message ?? err}` });
    self.close();
  }
};
