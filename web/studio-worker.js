// The studio's checker off the main thread: runs the studio's wasm (the same file as the page,
// named in this script's ?js=&wasm= query) and answers each { seq, text, dimensions } with
// { seq, json } (crates/scenario-studio/src/check.rs) or { seq, error }. After an error the
// wasm's state is not trusted: the worker says so and closes, and the page starts a new one.
const q = new URL(self.location.href).searchParams;
const ready = import(q.get('js')).then(async (studio) => {
  await studio.default({ module_or_path: q.get('wasm') });
  return studio;
});
self.onmessage = async (event) => {
  const { seq, text, dimensions } = event.data;
  try {
    const studio = await ready;
    self.postMessage({ seq, json: studio.check_in_worker(text, dimensions ?? undefined) });
  } catch (err) {
    self.postMessage({ seq, error: `the checker failed: ${err?.message ?? err}` });
    self.close();
  }
};
