/* convt boot loader.
 *
 * Trunk writes `<script src="loader.js" defer data-js=… data-wasm=…>` in place
 * of its usual inline module script (see Trunk.toml, pattern_script), so the
 * page's Content-Security-Policy (script-src 'self' 'wasm-unsafe-eval') holds.
 * This file imports the hashed wasm-bindgen glue and starts the app. It is a
 * classic script on purpose: it also runs from file://, where module scripts
 * and WebAssembly cannot load, and then explains how to serve the folder.
 *
 * The Chinese strings are not in the wasm (src/app/i18n.rs): when the page
 * will open in Chinese, this script preloads them (data-zh) alongside the
 * wasm, and the app's fetch of the same file is answered from the preload.
 *
 * The app removes #boot when it mounts. If that has not happened after a few
 * seconds, or start-up fails, #boot shows why and how to serve the folder.
 */
(function () {
  'use strict';
  var SLOW_MS = 6000;

  function bootShown() {
    var boot = document.getElementById('boot');
    return boot && boot.isConnected ? boot : null;
  }

  function explain(state, status) {
    var boot = bootShown();
    if (!boot) return; // the app has mounted
    boot.setAttribute('data-state', state);
    var statusEl = document.getElementById('boot-status');
    if (statusEl) statusEl.textContent = status;
    var help = document.getElementById('boot-help');
    if (help) help.hidden = false;
  }

  if (location.protocol === 'file:') {
    explain('file', 'This page was opened from a file on disk, and browsers do not load WebAssembly apps from file:// pages.');
    return;
  }

  var me = document.querySelector('script[data-js][data-wasm]');
  if (!me) {
    explain('failed', 'The explainer could not start: its loader script tag is missing.');
    return;
  }

  function failed(err) {
    console.error('convt: the WebAssembly app failed to start:', err);
    explain('failed', 'The explainer failed to start.');
  }
  // A trap after start-up (e.g. a panic in the first render) surfaces here.
  window.addEventListener('error', function (e) { if (bootShown()) failed(e.error || e.message); });
  window.addEventListener('unhandledrejection', function (e) { if (bootShown()) failed(e.reason); });

  setTimeout(function () {
    explain('slow', 'The explainer is taking longer than expected to start.');
  }, SLOW_MS);

  var base = document.baseURI;

  // The language the app will open in (src/app/url.rs, read_lang): the URL's
  // `lang` if it is one the page has, else the browser's.
  function primary(tag) { return (tag || '').split(/[-_]/)[0].toLowerCase(); }
  var lang = primary(new URLSearchParams(location.search).get('lang'));
  if (lang !== 'en' && lang !== 'zh') lang = primary(navigator.language);
  var zh = me.getAttribute('data-zh');
  if (zh && lang === 'zh') {
    var preload = document.createElement('link');
    preload.rel = 'preload';
    preload.as = 'fetch';
    preload.crossOrigin = 'anonymous';
    preload.href = new URL(zh, base).href;
    document.head.appendChild(preload);
  }

  var wasmUrl = new URL(me.getAttribute('data-wasm'), base);
  import(new URL(me.getAttribute('data-js'), base).href)
    .then(function (glue) { return glue.default({ module_or_path: wasmUrl }); })
    .then(function (wasm) {
      window.dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
    }, function (err) {
      // The first render runs inside start-up. If it trapped after the app
      // had replaced #boot, the app's own panic panel reports it: it shows
      // on an unhandled rejection, which rethrowing makes this one.
      if (bootShown()) failed(err);
      else throw err;
    });
})();
