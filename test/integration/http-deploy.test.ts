import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAddin } from '../helpers/addin-build';
import { ADMIN, startTestServer, type TestServer } from '../helpers/server';

/**
 * Deployment behind a proxy and in a browser: the manifest's URLs come from PUBLIC_URL or the
 * listening address, never from the Host header; CORS only for CORS_ORIGINS; security headers on
 * every page, with a Content-Security-Policy per kind of page.
 */
const EVIL_HOST = 'evil.example"/><Injected a="';

async function manifestWithHost(url: string, host: string): Promise<string> {
  // fetch() cannot set Host; node:http can.
  const { request } = await import('node:http');
  const target = new URL(`${url}/addin/manifest.xml`);
  return new Promise((resolve, reject) => {
    const req = request(
      { hostname: target.hostname, port: target.port, path: target.pathname, headers: { host } },
      (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => (body += c));
        res.on('end', () => resolve(body));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('deployment configuration', () => {
  let plain: TestServer;
  let proxied: TestServer;
  beforeAll(async () => {
    const dir = await builtAddin();
    plain = await startTestServer('sqlite', { ADDIN_DIR: dir, DEMO_DATA: 'false' });
    proxied = await startTestServer('sqlite', {
      ADDIN_DIR: dir,
      DEMO_DATA: 'false',
      PUBLIC_URL: 'https://chitieu.example.gov.vn/thong-ke/',
      CORS_ORIGINS: 'https://addin.example.gov.vn',
    });
  });
  afterAll(async () => {
    await plain?.stop();
    await proxied?.stop();
  });

  it('the manifest never echoes the Host header: the listening address by default', async () => {
    const xml = await manifestWithHost(plain.url, EVIL_HOST);
    expect(xml).not.toContain('evil.example');
    expect(xml).not.toContain('Injected');
    expect(xml).toContain(`<SourceLocation DefaultValue="${plain.url}/addin/taskpane.html"/>`);
  });

  it('with PUBLIC_URL, every manifest URL is under it (https behind a TLS proxy, with its path)', async () => {
    const xml = await manifestWithHost(proxied.url, EVIL_HOST);
    expect(xml).toContain(
      '<SourceLocation DefaultValue="https://chitieu.example.gov.vn/thong-ke/addin/taskpane.html"/>',
    );
    expect(xml).not.toContain('evil.example');
    expect(xml).not.toContain(proxied.url);
    const urls = [...xml.matchAll(/(?:DefaultValue|Url|DefaultUrl)="(https?:\/\/[^"]+)"/g)].map((m) => m[1]!);
    const ours = urls.filter((u) => !u.includes('microsoft.com') && !u.includes('schemas'));
    expect(ours.length).toBeGreaterThan(5);
    for (const u of ours) expect(u.startsWith('https://chitieu.example.gov.vn/thong-ke/')).toBe(true);
  });

  it('CORS: none by default; only the listed origins when CORS_ORIGINS is set', async () => {
    const preflight = (url: string, origin: string) =>
      fetch(`${url}/graphql`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type,authorization',
        },
      });
    expect(
      (await preflight(plain.url, 'https://addin.example.gov.vn')).headers.get('access-control-allow-origin'),
    ).toBe(null);
    const allowed = await preflight(proxied.url, 'https://addin.example.gov.vn');
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe('https://addin.example.gov.vn');
    expect(allowed.headers.get('access-control-allow-headers')).toContain('authorization');
    const other = await preflight(proxied.url, 'https://evil.example');
    expect(other.headers.get('access-control-allow-origin')).toBe(null);
    const post = await fetch(`${proxied.url}/graphql`, {
      method: 'POST',
      headers: {
        origin: 'https://addin.example.gov.vn',
        'content-type': 'application/json',
        authorization: `Bearer ${ADMIN}`,
      },
      body: JSON.stringify({ query: '{ me { name } }' }),
    });
    expect(post.status).toBe(200);
    expect(post.headers.get('access-control-allow-origin')).toBe('https://addin.example.gov.vn');
  });

  it('security headers on every kind of response, with a CSP per kind of page', async () => {
    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${plain.url}${path}`, { headers });
    const responses = {
      api: await fetch(`${plain.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${ADMIN}` },
        body: JSON.stringify({ query: '{ me { name } }' }),
      }),
      explorer: await get('/graphql', { accept: 'text/html' }),
      explorerAsset: await get('/explorer/explorer.js'),
      pane: await get('/addin/taskpane.html'),
      manifest: await get('/addin/manifest.xml'),
      healthz: await get('/healthz'),
      notFound: await get('/nope'),
    };
    for (const name of ['explorer', 'explorerAsset', 'pane', 'manifest', 'healthz', 'api'] as const)
      expect(responses[name].status, name).toBe(200);
    for (const [name, res] of Object.entries(responses)) {
      expect(res.headers.get('x-content-type-options'), name).toBe('nosniff');
      expect(res.headers.get('referrer-policy'), name).toBe('no-referrer');
      expect(res.headers.get('x-powered-by'), name).toBe(null);
      expect(res.headers.get('content-security-policy'), name).toContain('frame-ancestors');
      expect(res.headers.get('content-security-policy'), name).toContain("object-src 'none'");
      // Plain http: no upgrade of the page's requests to https, no HSTS.
      expect(res.headers.get('content-security-policy'), name).not.toContain('upgrade-insecure-requests');
      expect(res.headers.get('strict-transport-security'), name).toBe(null);
    }
    const csp = (name: keyof typeof responses) => responses[name].headers.get('content-security-policy')!;
    expect(csp('api')).toContain("default-src 'none'");
    expect(csp('api')).toContain("frame-ancestors 'none'");
    expect(csp('explorer')).toContain("script-src 'self';");
    expect(csp('explorer')).toContain("frame-ancestors 'none'");
    expect(await responses.explorer.text()).not.toMatch(/<script>(?!<\/script>)/);
    expect(csp('pane')).toContain("script-src 'self' https://appsforoffice.microsoft.com");
    expect(csp('pane')).toContain('https://*.officeapps.live.com');
    expect(csp('pane')).not.toContain("frame-ancestors 'none'");
  });
});
