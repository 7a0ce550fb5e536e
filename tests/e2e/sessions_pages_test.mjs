// Browser end-to-end tests of user-sessions-demo and the SDK's "Active sessions" pages, in
// Debian's Chromium, against a real sessiond. Run by ctest (tests/e2e/CMakeLists.txt):
//
//   node sessions_pages_test.mjs --sessiond=BIN --demo=BIN --source-dir=REPO --artifacts=DIR
//
// Screenshots of the sessions page (desktop and phone width) and the servers' logs are written
// to the artifacts folder. Exit code 77 (ctest: skipped) if Chromium is not installed, except
// under CI=true, where that is a failure.
import assert from 'node:assert/strict';
import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseArgs } from 'node:util';

import {
  CHROMIUM, IPS, USER_AGENTS, chromiumInstalled, launchBrowser, newVisitor,
} from './support/browser.mjs';
import { startServers } from './support/servers.mjs';

const { values: options } = parseArgs({
  options: {
    sessiond: { type: 'string' },
    demo: { type: 'string' },
    'source-dir': { type: 'string' },
    artifacts: { type: 'string' },
  },
});
for (const name of ['sessiond', 'demo', 'source-dir', 'artifacts']) {
  if (!options[name]) {
    console.error(`missing --${name}`);
    process.exit(2);
  }
}
if (!chromiumInstalled()) {
  const message = `${CHROMIUM} is not installed (scripts/install-deps installs it)`;
  if (process.env.CI === 'true') {
    console.error(`FAIL: ${message}; browser tests never skip under CI`);
    process.exit(1);
  }
  console.error(`SKIP: ${message}`);
  process.exit(77);
}

const STEP_TIMEOUT_MS = 30000;
const SESSIONS_PATH = '/account/sessions/';

let servers;
let browser;
let base;  // The demo's URL, "http://127.0.0.1:PORT" (no trailing slash).
const visitors = {};

before(async () => {
  await mkdir(options.artifacts, { recursive: true });
  servers = await startServers({
    sessiond: options.sessiond,
    demo: options.demo,
    sourceDir: options['source-dir'],
    logDir: options.artifacts,
  });
  base = servers.demoUrl.replace(/\/$/, '');
  browser = await launchBrowser();
}, { timeout: STEP_TIMEOUT_MS });

after(async () => {
  await browser?.close();
  await servers?.stop();
});

// Opens a page for a new visitor (a browser context of its own).
async function visit(name, visitorOptions) {
  const context = await newVisitor(browser, visitorOptions);
  const page = await context.newPage();
  visitors[name] = { context, page };
  return visitors[name];
}

// Signs in through the form of /login/ (with ?next= if given) and waits for the redirect.
async function signIn(page, user, password, next) {
  const query = next === undefined ? '' : `?next=${encodeURIComponent(next)}`;
  await page.goto(`${base}/login/${query}`);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(password);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    page.locator('form.demo-form').getByRole('button', { name: 'Sign in' }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

// The rows of the sessions page currently shown in `page`.
function sessionRows(page) {
  return page.$$eval('main table tbody tr', (rows) => rows.map((row) => ({
    id: row.dataset.sessionId,
    text: row.innerText.replace(/\s+/g, ' ').trim(),
  })));
}

async function openSessionsPage(page) {
  const response = await page.goto(`${base}${SESSIONS_PATH}`);
  assert.equal(response.status(), 200);
  assert.equal(new URL(page.url()).pathname, SESSIONS_PATH);
  return sessionRows(page);
}

// Clicks `buttonName` in the row whose text contains `rowText`; returns the POST's response.
async function clickInRow(page, rowText, buttonName) {
  const row = page.locator('main table tbody tr', { hasText: rowText });
  assert.equal(await row.count(), 1, `one row with "${rowText}"`);
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST'),
    row.getByRole('button', { name: buttonName }).click(),
  ]);
  await page.waitForLoadState();
  return response;
}

// True if `page`'s visitor is signed out: the sessions page sends it to the sign-in form.
async function isSignedOut(page) {
  await page.goto(`${base}${SESSIONS_PATH}`);
  const url = new URL(page.url());
  return url.pathname === '/login/' && url.searchParams.get('next') === SESSIONS_PATH;
}

describe('user-sessions-demo in Chromium', { concurrency: false }, () => {
  it('lets anonymous visitors browse and fail to sign in without creating a session record',
    { timeout: STEP_TIMEOUT_MS }, async () => {
      const { context, page } = await visit('anonymous', {
        userAgent: USER_AGENTS.chromeOnMacos, ip: IPS.london,
      });
      // The sessions page sends an anonymous visitor to the sign-in form with ?next=.
      await page.goto(`${base}${SESSIONS_PATH}`);
      const url = new URL(page.url());
      assert.equal(url.pathname, '/login/');
      assert.equal(url.searchParams.get('next'), SESSIONS_PATH);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign in');

      // The welcome page.
      await page.goto(`${base}/`);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Welcome');

      // A stale session cookie: a fresh anonymous visit, no error page, and the cookie is
      // cleared.
      await context.addCookies([{ name: 'sessionid', value: 'A'.repeat(43), url: base }]);
      const stale = await page.goto(`${base}/login/`);
      assert.equal(stale.status(), 200);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Sign in');
      const cookies = await context.cookies(`${base}/login/`);
      assert.equal(cookies.find((c) => c.name === 'sessionid'), undefined);
      assert.ok(cookies.find((c) => c.name === 'login_csrf'), 'the form set its CSRF cookie');

      // A wrong password: 401 and the form again with an error.
      const wrong = await signIn(page, 'alice', 'not-her-password');
      assert.equal(wrong.status(), 401);
      assert.match(await page.getByRole('alert').innerText(), /Wrong user name or password/);
      assert.equal(new URL(page.url()).pathname, '/login/');

      // A forged sign-in CSRF token: 403, even with the right password.
      const forged = await context.request.post(`${base}/login/`, {
        form: { username: 'alice', password: 'alice', csrf_token: 'forged' },
        maxRedirects: 0,
      });
      assert.equal(forged.status(), 403);

      // None of this created a record in sessiond.
      assert.equal(await servers.countSessions(), 0);
      await context.close();
    });

  it('signs the same user in from a Mac in London, an iPhone in San Diego and a Windows PC in Amsterdam',
    { timeout: STEP_TIMEOUT_MS }, async () => {
      const a = await visit('a', { userAgent: USER_AGENTS.chromeOnMacos, ip: IPS.london });
      // Signing in via ?next= lands on the page asked for.
      const signedIn = await signIn(a.page, 'alice', 'alice', SESSIONS_PATH);
      assert.equal(signedIn.status(), 303);
      assert.equal(new URL(a.page.url()).pathname, SESSIONS_PATH);

      // ?next= never leads off the site.
      const b = await visit('b', { userAgent: USER_AGENTS.safariOnIphone, ip: IPS.sanDiego });
      await signIn(b.page, 'alice', 'alice', 'https://evil.example/');
      assert.equal(b.page.url(), `${base}/`);
      assert.equal(await b.page.getByRole('heading', { level: 1 }).innerText(), 'Hello, alice');

      const c = await visit('c', { userAgent: USER_AGENTS.firefoxOnWindows, ip: IPS.amsterdam });
      await signIn(c.page, 'alice', 'alice', '//evil.example/');
      assert.equal(c.page.url(), `${base}/`);

      assert.equal(await servers.countSessions(), 3);
    });

  it("shows each session's device, location and IP, and marks this session",
    { timeout: STEP_TIMEOUT_MS }, async () => {
      const { page } = visitors.a;
      const rows = await openSessionsPage(page);
      assert.equal(rows.length, 3, JSON.stringify(rows));
      const current = rows.find((row) => row.text.includes('(this session)'));
      const others = rows.filter((row) => row !== current);
      assert.ok(current, JSON.stringify(rows));
      assert.match(current.text, /Chrome on macOS/);
      assert.match(current.text, /London, United Kingdom/);
      assert.match(current.text, /81\.2\.69\.142/);
      assert.match(current.text, /\(this session\)/);
      for (const row of others) assert.doesNotMatch(row.text, /\(this session\)/);

      const iphone = others.find((row) => /Safari on iPhone/.test(row.text));
      assert.ok(iphone, JSON.stringify(others));
      assert.match(iphone.text, /San Diego, United States/);
      assert.match(iphone.text, /44\.55\.66\.77/);
      const windows = others.find((row) => /Firefox on Windows/.test(row.text));
      assert.ok(windows, JSON.stringify(others));
      assert.match(windows.text, /Amsterdam, Netherlands/);
      assert.match(windows.text, /2001:db8:1::7/);

      // The page never contains a session key: the cookie's value appears nowhere in it.
      const key = (await visitors.a.context.cookies(base)).find((c) => c.name === 'sessionid');
      assert.ok(key);
      assert.ok(!(await page.content()).includes(key.value));
    });

  it('saves screenshots of the sessions page at desktop and phone width',
    { timeout: STEP_TIMEOUT_MS }, async () => {
      const { context, page } = visitors.a;
      await page.setViewportSize({ width: 1280, height: 800 });
      await openSessionsPage(page);
      const desktop = path.join(options.artifacts, 'sessions-page-desktop.png');
      await page.screenshot({ path: desktop });
      assert.ok((await stat(desktop)).size > 10000, 'the desktop screenshot has content');

      const phone = await context.newPage();
      await phone.setViewportSize({ width: 390, height: 844 });
      await openSessionsPage(phone);
      // Nothing wider than the screen: the table reflows into cards.
      const width = await phone.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(width <= 390, `page is ${width}px wide at 390px`);
      const phoneFile = path.join(options.artifacts, 'sessions-page-phone.png');
      await phone.screenshot({ path: phoneFile, fullPage: true });
      assert.ok((await stat(phoneFile)).size > 10000, 'the phone screenshot has content');
      await phone.close();
    });

  it('answers GET on a delete URL with 405 and ends nothing', { timeout: STEP_TIMEOUT_MS },
    async () => {
      const { context, page } = visitors.a;
      const rows = await openSessionsPage(page);
      const iphone = rows.find((row) => /Safari on iPhone/.test(row.text));
      const response = await context.request.get(
        `${base}${SESSIONS_PATH}${iphone.id}/delete/`, { maxRedirects: 0 });
      assert.equal(response.status(), 405);
      assert.equal((await openSessionsPage(page)).length, 3);
    });

  it('refuses a forged CSRF token with 403 and ends nothing', { timeout: STEP_TIMEOUT_MS },
    async () => {
      const { context, page } = visitors.a;
      await openSessionsPage(page);
      // Tamper with every token on the page, then submit a real form.
      await page.$$eval('input[name=csrf_token]', (inputs) => inputs.forEach((input) => {
        input.value = `x${input.value.slice(1)}`;
      }));
      const response = await clickInRow(page, 'Safari on iPhone', 'End session');
      assert.equal(response.status(), 403);

      // The same with the X-CSRF-Token header.
      const rows = await openSessionsPage(page);
      const iphone = rows.find((row) => /Safari on iPhone/.test(row.text));
      const header = await context.request.post(`${base}${SESSIONS_PATH}${iphone.id}/delete/`, {
        headers: { 'X-CSRF-Token': 'forged' }, maxRedirects: 0,
      });
      assert.equal(header.status(), 403);

      assert.equal((await openSessionsPage(page)).length, 3);
      assert.equal(await isSignedOut(visitors.b.page), false);
    });

  it("ends another device's session, which is signed out on its next request",
    { timeout: STEP_TIMEOUT_MS }, async () => {
      const { page } = visitors.a;
      await openSessionsPage(page);
      const response = await clickInRow(page, 'Safari on iPhone', 'End session');
      assert.equal(response.status(), 303);
      assert.equal(new URL(page.url()).pathname, SESSIONS_PATH);
      const rows = await sessionRows(page);
      assert.equal(rows.length, 2);
      assert.ok(!rows.some((row) => /Safari on iPhone/.test(row.text)));

      // B's next request: anonymous.
      await visitors.b.page.goto(`${base}/`);
      assert.equal(await visitors.b.page.getByRole('heading', { level: 1 }).innerText(), 'Welcome');
      assert.equal(await isSignedOut(visitors.b.page), true);
    });

  it('speaks Dutch to a browser that asks for it', { timeout: STEP_TIMEOUT_MS }, async () => {
    const d = await visit('d', {
      userAgent: USER_AGENTS.safariOnIphone, ip: IPS.sanDiego, language: 'nl',
    });
    await signIn(d.page, 'alice', 'alice', SESSIONS_PATH);
    assert.equal(new URL(d.page.url()).pathname, SESSIONS_PATH);
    assert.equal(await d.page.getAttribute('html', 'lang'), 'nl');
    const rows = await sessionRows(d.page);
    const current = rows.find((row) => row.text.includes('Safari op iPhone'));
    assert.ok(current, JSON.stringify(rows));
    assert.match(current.text, /San Diego, Verenigde Staten/);
    assert.ok(rows.some((row) => row.text.includes('Chrome op macOS')), JSON.stringify(rows));
  });

  it('ends all other sessions at once', { timeout: STEP_TIMEOUT_MS }, async () => {
    const { page } = visitors.a;
    assert.equal((await openSessionsPage(page)).length, 3);
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.getByRole('button', { name: 'End all other sessions' }).click(),
    ]);
    await page.waitForLoadState();
    assert.equal(response.status(), 303);
    const rows = await sessionRows(page);
    assert.equal(rows.length, 1);
    assert.match(rows[0].text, /\(this session\)/);
    assert.match(await page.locator('main').innerText(), /No other active sessions/);
    assert.equal(await isSignedOut(visitors.c.page), true);
    assert.equal(await isSignedOut(visitors.d.page), true);
  });

  it('shows the admin page to alice and refuses it to bob', { timeout: STEP_TIMEOUT_MS },
    async () => {
      const { page } = visitors.a;
      const admin = await page.goto(`${base}/admin/sessions/`);
      assert.equal(admin.status(), 200);
      assert.match(await page.locator('main table').innerText(), /alice/);
      await page.goto(`${base}/`);
      assert.equal(await page.getByRole('link', { name: 'All sessions' }).count(), 1);

      const bob = await visit('bob', { userAgent: USER_AGENTS.firefoxOnWindows, ip: IPS.london });
      await signIn(bob.page, 'bob', 'bob');
      assert.equal(await bob.page.getByRole('link', { name: 'All sessions' }).count(), 0);
      const refused = await bob.page.goto(`${base}/admin/sessions/`);
      assert.equal(refused.status(), 403);
    });

  it('keeps a visit counter and a cart in the session, and signs out', { timeout: STEP_TIMEOUT_MS },
    async () => {
      const { page } = visitors.bob;
      await page.goto(`${base}/`);
      const visits = Number(await page.locator('#visits').innerText());
      await page.reload();
      assert.equal(Number(await page.locator('#visits').innerText()), visits + 1);

      await page.getByRole('button', { name: 'Add a book' }).click();
      await page.waitForURL(`${base}/`);
      await page.getByRole('button', { name: 'Add a mug' }).click();
      await page.waitForURL(`${base}/`);
      assert.deepEqual(await page.locator('#cart li').allInnerTexts(), ['a book', 'a mug']);

      const before = await servers.countSessions();
      await page.getByRole('button', { name: 'Sign out' }).click();
      await page.waitForURL(`${base}/`);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Welcome');
      assert.equal(await servers.countSessions(), before - 1);
    });

  it('signs out when the current session is ended, landing on the logout URL',
    { timeout: STEP_TIMEOUT_MS }, async () => {
      const { page } = visitors.a;
      await openSessionsPage(page);
      const response = await clickInRow(page, '(this session)', 'End session');
      assert.equal(response.status(), 303);
      assert.equal(page.url(), `${base}/`);
      assert.equal(await page.getByRole('heading', { level: 1 }).innerText(), 'Welcome');
      assert.equal(await isSignedOut(page), true);
      assert.equal(await servers.countSessions(), 0);
    });
});
