// Starts the app with no inline script (strict CSP): Trunk.toml, pattern_script. Under an LMS
// or an xAPI launch, the build with the LMS runtime (docs/lms.md, "The runtime").
const d = document.querySelector('script[data-js][data-wasm]').dataset;
const api = (w) => {
  for (let i = 0; w && i < 8; i++, w = w.parent) {
    try { if (w.API_1484_11 || w.API) return 1; } catch { return; }
    if (w === w.parent) return;
  }
};
const lms = d.lmsJs && (/[?&]endpoint=/.test(location.search) || api(window) || api(window.opener));
const { default: init } = await import(new URL(lms ? d.lmsJs : d.js, document.baseURI).href);
await init({ module_or_path: new URL(lms ? d.lmsWasm : d.wasm, document.baseURI) });
