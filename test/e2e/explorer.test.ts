import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeWithBrowser, useBrowser } from './browser';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/** The API explorer works offline: it renders from the server's own assets and loads the schema. */
describeWithBrowser('API explorer at /graphql', () => {
  const browser = useBrowser();
  let t: TestServer;
  beforeAll(async () => {
    t = await startTestServer('sqlite', { DEMO_DATA: 'false' });
  });
  afterAll(() => t?.stop());

  it('renders GraphiQL without any outside request, introspects the schema, and runs a query with a token', async () => {
    const page = await browser().newPage();
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    await page.route('**/*', (route) =>
      route.request().url().startsWith(t.url)
        ? route.continue()
        : (problems.push(`outside request: ${route.request().url()}`), route.abort()),
    );
    const introspection = page.waitForResponse(
      (r) =>
        r.url().endsWith('/graphql') &&
        r.request().method() === 'POST' &&
        (r.request().postData() ?? '').includes('__schema'),
    );
    await page.goto(`${t.url}/graphql`);
    await page.waitForSelector('.graphiql-container');
    const schema = await (await introspection).json();
    expect(schema.errors).toBeUndefined();
    expect(schema.data.__schema.queryType.name).toBe('Query');

    // Headers pane: the admin token, then run the default query.
    await page.getByText('Headers', { exact: true }).click();
    const headers = page.locator('.graphiql-editor-tool .graphiql-editor').last();
    await headers.click();
    await page.keyboard.press('Control+A');
    await page.keyboard.type(`{"Authorization": "Bearer ${ADMIN}"`);
    await page.locator('.graphiql-execute-button').click();
    // The result pane renders only its visible lines: the province's name is at the top.
    await expect
      .poll(async () => page.locator('.result-window').innerText(), { timeout: 10_000 })
      .toContain('Tỉnh Thanh Hóa');
    expect(problems).toEqual([]);
  });
});
