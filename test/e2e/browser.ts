/**
 * Chromium for the end-to-end tests: Debian's /usr/bin/chromium driven by playwright-core (which
 * downloads nothing). Without the browser the tests skip loudly, unless REQUIRE_BROWSER=1 (CI),
 * in which case they fail.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as esbuild from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAddin } from '../helpers/addin-build';
import { describeEachDb, type DbKind } from '../helpers/databases';
import { startTestServer, type TestServer } from '../helpers/server';
import type { StandInOptions } from '../stand-in';
import { AXE_PATH, Pane } from './pane';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasBrowser = fs.existsSync(CHROMIUM);
const required = process.env.REQUIRE_BROWSER === '1';

/** `describe` when Chromium is there; otherwise a loud skip, or a failing test under REQUIRE_BROWSER=1. */
export function describeWithBrowser(name: string, fn: () => void): void {
  if (hasBrowser) {
    describe(name, fn);
    return;
  }
  if (required) {
    describe(name, () => {
      it('needs Chromium', () => {
        expect.fail(
          `REQUIRE_BROWSER=1 but ${CHROMIUM} does not exist: apt-get install -y chromium (or set CHROMIUM_PATH)`,
        );
      });
    });
    return;
  }
  console.warn(
    `\n*** ${CHROMIUM} not found: the Chromium end-to-end tests are SKIPPED (apt-get install -y chromium) ***\n`,
  );
  describe.skip(`${name} (skipped: no Chromium)`, fn);
}

async function launch(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

/** Chromium for the enclosing suite: launched before its tests, closed after them. */
export function useBrowser(): () => Browser {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());
  return () => browser;
}

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';
let axe: string | null = null;
const axeSource = () => (axe ??= fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8'));

let standIn: string | null = null;
/** The strict Excel stand-in (test/stand-in) bundled for the page, once per test file. */
function standInScript(): string {
  if (standIn === null) {
    const out = esbuild.buildSync({
      entryPoints: [path.join(__dirname, '../stand-in/browser.ts')],
      bundle: true,
      format: 'iife',
      target: 'es2020',
      write: false,
    });
    standIn = out.outputFiles[0]!.text;
  }
  return standIn;
}

export interface TaskpaneOptions {
  /** What answers for Microsoft's Office.js CDN: the Excel stand-in (default), or nothing at all. */
  office?: 'stand-in' | 'unreachable';
  /** Runs in the page before any of its scripts (e.g. to take away what an old webview lacks). */
  initScript?: () => void;
  /** The stand-in's locale, ExcelApi version and platform. */
  excel?: StandInOptions;
}

/**
 * A page with the task pane loaded from the real server, Office.js replaced by the strict Excel
 * stand-in (`excel`: locale, ExcelApi version, platform), and every other request outside the test
 * server refused (no network in tests).
 */
export async function openTaskpane(
  browser: Browser,
  serverUrl: string,
  { office = 'stand-in', initScript, excel = {} }: TaskpaneOptions = {},
): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width: 1300, height: 900 }, locale: 'vi-VN' });
  const page = await context.newPage();
  await page.addInitScript((o) => {
    (window as unknown as { __standInOptions: StandInOptions }).__standInOptions = o;
  }, excel);
  if (initScript) await page.addInitScript(initScript);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  await page.route('**/*', (route) => {
    const url = route.request().url();
    if (url === OFFICE_JS && office === 'stand-in')
      return route.fulfill({ status: 200, contentType: 'application/javascript', body: standInScript() });
    // axe-core for the accessibility checks, served as if from the pane's own origin: the pane's
    // Content-Security-Policy allows scripts of its origin only (and Office.js), not inline ones.
    if (url === `${serverUrl}${AXE_PATH}`)
      return route.fulfill({ status: 200, contentType: 'application/javascript', body: axeSource() });
    if (url.startsWith(serverUrl)) return route.continue();
    return route.abort();
  });
  await page.goto(`${serverUrl}/addin/taskpane.html`);
  return { page, errors };
}

/** Where screenshots go: E2E_SCREENSHOTS (e.g. docs/addin, for the add-in docs) or test-results/. */
export function screenshotDir(db: string): string | null {
  const base = process.env.E2E_SCREENSHOTS;
  const dir = base ? (db === 'sqlite' ? base : null) : path.resolve(__dirname, `../../test-results/e2e-${db}`);
  if (dir) fs.mkdirSync(dir, { recursive: true });
  return dir;
}

/** What a task pane suite sets up, in each database. */
export interface TaskpaneSetup {
  db: DbKind;
  /** The real server on this database, serving the built add-in; stopped after the suite. */
  server(): Promise<TestServer>;
  /** The task pane opened on `s` (a browser context of its own); closed after the suite. */
  pane(s: TestServer, options?: TaskpaneOptions): Promise<Pane>;
}

/**
 * A task pane suite: Chromium launched once, then `fn` in each database (describeEachDb). `fn`
 * starts the server and opens the pane in its own beforeAll, seeding in between as its scenario
 * needs; what they opened is closed after its tests (the pane, then the server).
 */
export function describeTaskpane(name: string, fn: (e2e: TaskpaneSetup) => void): void {
  describeWithBrowser(name, () => {
    const browser = useBrowser();
    describeEachDb('Chromium', (db) => {
      const opened: (() => Promise<void>)[] = [];
      afterAll(async () => {
        for (const close of opened.reverse()) await close();
      });
      fn({
        db,
        server: async () => {
          const s = await startTestServer(db, { ADDIN_DIR: await builtAddin() });
          opened.push(() => s.stop());
          return s;
        },
        pane: async (s, options) => {
          const { page, errors } = await openTaskpane(browser(), s.url, options);
          opened.push(() => page.context().close());
          return new Pane(page, errors);
        },
      });
    });
  });
}
