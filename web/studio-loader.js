// Starts the studio (studio.html) with no inline script, for the strict CSP (docs/security.md):
// imports the studio's wasm-bindgen JS, starts its wasm and hands it the checker's worker
// script, which runs the same wasm off the main thread (web/studio-worker.js).
const d = document.querySelector('script[data-js][data-wasm][data-worker]').dataset;
const at = (p) => new URL(p, document.baseURI).href;
const studio = await import(at(d.js));
await studio.default({ module_or_path: at(d.wasm) });
const worker = new URL(at(d.worker));
worker.searchParams.set('js', at(d.js));
worker.searchParams.set('wasm', at(d.wasm));
studio.start_studio(worker.href);
