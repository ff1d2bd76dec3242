// Headless Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven
// by playwright-core (which never downloads a browser). Every page gets a fresh
// context and records what a test needs to assert on:
//   console   [{ type, text, location }]   every console message
//   errors    [string]                      console errors + uncaught page errors
//   pageErrors[string]                      uncaught exceptions in the page
//   csp       [{ directive, blocked, sample, source }]  CSP violations
//   requests  [{ url, method, resourceType }]            every request made
//   failedRequests [{ url, failure }]
import { chromium } from 'playwright-core';

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export async function launch() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    // Playwright adds its own --headless; ours (=new) is listed as well.
    args: CHROMIUM_ARGS,
    // Chromium's Debian wrapper prints a harmless shell warning on stderr.
    env: { ...process.env, CHROME_LOG_FILE: '/dev/null' },
  });
}

// Runs in the page before any of its scripts; reports each CSP violation to
// Node through the exposed binding (survives navigations, reloads).
function cspListener() {
  document.addEventListener('securitypolicyviolation', (e) => {
    // eslint-disable-next-line no-undef
    window.__e2eReportCsp({
      directive: e.effectiveDirective || e.violatedDirective,
      blocked: e.blockedURI,
      sample: e.sample,
      source: e.sourceFile ? `${e.sourceFile}:${e.lineNumber}` : '',
    });
  });
}

/**
 * Opens a fresh context + page. Options: viewport, colorScheme,
 * reducedMotion, javaScriptEnabled (all passed to newContext).
 * Resolves to a session { context, page, console, errors, pageErrors, csp,
 * requests, failedRequests, close() }.
 */
export async function openSession(browser, options = {}) {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  const session = {
    context,
    page: null,
    console: [],
    errors: [],
    pageErrors: [],
    csp: [],
    requests: [],
    failedRequests: [],
    close: () => context.close().catch(() => {}),
  };
  await context.exposeBinding('__e2eReportCsp', (_src, v) => {
    session.csp.push(v);
  });
  await context.addInitScript(cspListener);
  context.on('request', (r) => {
    session.requests.push({ url: r.url(), method: r.method(), resourceType: r.resourceType() });
  });
  context.on('requestfailed', (r) => {
    session.failedRequests.push({ url: r.url(), failure: r.failure()?.errorText ?? '' });
  });
  const page = await context.newPage();
  session.page = page;
  page.on('console', (m) => {
    const entry = { type: m.type(), text: m.text(), location: m.location()?.url ?? '' };
    session.console.push(entry);
    if (entry.type === 'error') session.errors.push(`console.error: ${entry.text}`);
  });
  page.on('pageerror', (e) => {
    const text = String(e && e.stack ? e.stack : e);
    session.pageErrors.push(text);
    session.errors.push(`page error: ${text}`);
  });
  return session;
}

/** Requests that left `origin` (data: and blob: URLs are local and ignored). */
export function foreignRequests(session, origin) {
  return session.requests.filter((r) => {
    const u = new URL(r.url);
    if (u.protocol === 'data:' || u.protocol === 'blob:') return false;
    return u.origin !== origin;
  });
}
