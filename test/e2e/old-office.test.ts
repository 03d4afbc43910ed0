/**
 * The pane's ES5 bootstrap (addin/public/bootstrap.js) in Chromium, served by the real server from
 * the built add-in: a webview without ES modules (what Internet Explorer 11 is to the bundle) gets
 * the Vietnamese explanation; Office.js unreachable gets "could not load" with a retry that loads
 * it again; with Office.js there the bootstrap says nothing and the pane renders.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { builtAddin } from '../helpers/addin-build';
import { startTestServer, type TestServer } from '../helpers/server';
import { describeWithBrowser, openTaskpane, useBrowser } from './browser';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

describeWithBrowser('add-in bootstrap: old webviews and an unreachable Office.js', () => {
  const browser = useBrowser();
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('sqlite', { ADDIN_DIR: await builtAddin(), DEMO_DATA: 'false' });
  });
  afterAll(() => s?.stop());

  it('explains, in Vietnamese and English, that a webview without ES modules cannot run the pane', async () => {
    const { page } = await openTaskpane(browser(), s.url, {
      office: 'unreachable',
      // What IE11 lacks: `noModule` is how a page tells a module-capable browser from an old one.
      initScript: () => {
        delete (HTMLScriptElement.prototype as { noModule?: boolean }).noModule;
      },
    });
    try {
      const message = page.locator('#bootstrap-old-webview');
      await message.waitFor({ state: 'visible' });
      const text = await message.innerText();
      expect(text).toContain('Excel này không chạy được add-in Chỉ tiêu');
      expect(text).toContain('Internet Explorer 11 hoặc Edge Legacy');
      expect(text).toContain('Microsoft 365, Excel 2021, Excel 2024');
      expect(text).toContain('File › Account › About Excel');
      expect(text).toContain('Use Microsoft 365, Excel 2021/2024 (LTSC included) or Excel on the web');
      // Without the add-in: the .xlsx export and upload of this server (docs/api.md, Spreadsheets).
      expect(text).toContain(`${s.url}/export/province.xlsx?province=`);
      expect(text).toContain(`${s.url}/import`);
      expect(text).toContain('Dùng tệp Excel không cần add-in');
      expect(await message.getAttribute('role')).toBe('alert');
      // One message: not also "could not load Office", and nothing from the bundle.
      expect(await page.locator('#bootstrap-no-office').count()).toBe(0);
      expect(await page.locator('#root').innerHTML()).toBe('');
    } finally {
      await page.context().close();
    }
  });

  it('says Office.js could not be loaded from Microsoft, and its retry button asks for it again', async () => {
    const { page } = await openTaskpane(browser(), s.url, { office: 'unreachable' });
    try {
      const message = page.locator('#bootstrap-no-office');
      await message.waitFor({ state: 'visible' });
      const text = await message.innerText();
      expect(text).toContain('Không tải được thư viện Office');
      expect(text).toContain('appsforoffice.microsoft.com');
      expect(text).toContain("could not be loaded from Microsoft's server");
      expect(await page.locator('#bootstrap-old-webview').count()).toBe(0);
      expect(await page.locator('#root').innerHTML()).toBe(''); // the app adds no second message
      const again = page.waitForRequest(OFFICE_JS);
      await page.getByRole('button', { name: 'Thử lại (Retry)' }).click();
      await again;
      await page.locator('#bootstrap-no-office').waitFor({ state: 'visible' }); // still unreachable
    } finally {
      await page.context().close();
    }
  });

  it('says nothing when Office.js loads: the pane renders as usual', async () => {
    const { page, errors } = await openTaskpane(browser(), s.url);
    try {
      await page.getByTestId('connect').waitFor({ state: 'visible' });
      expect(await page.locator('[id^=bootstrap-]').count()).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await page.context().close();
    }
  });
});
