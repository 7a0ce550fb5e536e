// Debian's Chromium driven by playwright-core: one headless browser with a fresh profile, and
// "visitors" (browser contexts) that each have their own cookies, user agent, language and
// client IP address (sent as X-Forwarded-For to the demo, which trusts the loopback proxy).
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

export const CHROMIUM = '/usr/bin/chromium';

// Real user agents of the devices the tests sign in from.
export const USER_AGENTS = {
  safariOnIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 ' +
    '(KHTML, like Gecko) Version/17.1 Mobile/15E148 Safari/604.1',
  chromeOnMacos:
    'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 ' +
    '(KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
  firefoxOnWindows:
    'Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0',
};

// Addresses the test GeoIP database (tests/testing/geoip/write_test_mmdb.pl) locates.
export const IPS = {
  sanDiego: '44.55.66.77',
  london: '81.2.69.142',
  amsterdam: '2001:db8:1::7',
};

export function chromiumInstalled() {
  return existsSync(CHROMIUM);
}

// launch() gives the browser a fresh temporary profile, deleted on close.
export function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

// A browser context for one visitor.
export function newVisitor(browser, { userAgent, ip, language = 'en-US', viewport }) {
  return browser.newContext({
    userAgent,
    locale: language,
    viewport: viewport ?? { width: 1280, height: 800 },
    extraHTTPHeaders: { 'X-Forwarded-For': ip, 'Accept-Language': language },
  });
}
