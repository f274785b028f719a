// Starts the cohort report page (report.html) with no inline script, for the strict CSP
// (docs/security.md): imports the page's wasm-bindgen JS, starts its wasm and hands it the
// statements reader's worker script, which runs the same wasm off the main thread
// (web/report-worker.js). Built by sq_build_page (scripts/lib.sh).
const d = document.querySelector('script[data-js][data-wasm][data-worker]').dataset;
const at = (p) => new URL(p, document.baseURI).href;
const page = await import(at(d.js));
await page.default({ module_or_path: at(d.wasm) });
const worker = new URL(at(d.worker));
worker.searchParams.set('js', at(d.js));
worker.searchParams.set('wasm', at(d.wasm));
page.start_report_page(worker.href);
