// Starts the app with no inline script (strict CSP): see Trunk.toml, pattern_script.
const s = document.querySelector('script[data-js][data-wasm]');
const { default: init } = await import(new URL(s.dataset.js, document.baseURI).href);
await init({ module_or_path: new URL(s.dataset.wasm, document.baseURI) });
