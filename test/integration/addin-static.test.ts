import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAddin } from '../helpers/addin-build';
import { startTestServer, type TestServer } from '../helpers/server';

describe('the server serves the built add-in at /addin/', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer('sqlite', { ADDIN_DIR: await builtAddin() });
  });
  afterAll(() => s?.stop());

  it('GET /addin/taskpane.html: the task pane, loading Office.js from Microsoft and its own script relatively', async () => {
    const res = await fetch(`${s.url}/addin/taskpane.html`);
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-cache');
    const html = await res.text();
    expect(html).toContain(
      '<script type="text/javascript" src="https://appsforoffice.microsoft.com/lib/1/hosted/office.js"></script>',
    );
    const script = /src="\.\/(assets\/taskpane-[^"]+\.js)"/.exec(html)![1];
    const js = await fetch(`${s.url}/addin/${script}`);
    expect(js.status).toBe(200);
    expect(js.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${s.url}/addin/`)).status).toBe(200);
    expect((await fetch(`${s.url}/addin/commands.html`)).status).toBe(200);
    expect((await fetch(`${s.url}/addin/assets/icon-80.png`)).headers.get('content-type')).toBe('image/png');
  });

  it('GET /addin/manifest.xml: the manifest pointing at this server', async () => {
    const res = await fetch(`${s.url}/addin/manifest.xml`);
    expect(res.status).toBe(200);
    const xml = await res.text();
    expect(xml).not.toContain('https://localhost:4000');
    expect(xml).toContain(`<SourceLocation DefaultValue="${s.url}/addin/taskpane.html"/>`);
  });

  it('unknown files are 404, not the explorer or a 500', async () => {
    expect((await fetch(`${s.url}/addin/nope.js`)).status).toBe(404);
  });
});

describe('without a build', () => {
  it('says how to build it', async () => {
    const s = await startTestServer('sqlite', { ADDIN_DIR: '/nonexistent/addin' });
    try {
      const res = await fetch(`${s.url}/addin/taskpane.html`);
      expect(res.status).toBe(404);
      expect(await res.text()).toContain('npm run build');
    } finally {
      await s.stop();
    }
    expect(fs.existsSync('/nonexistent/addin')).toBe(false);
  });
});
