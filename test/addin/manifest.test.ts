/**
 * The XML manifest, checked offline: identity, a four-part version, the requirement set the
 * adapters are written against, resources that resolve, and every URL an https address on the
 * server's origin under /addin/ that the server really serves from a fresh build.
 * (`npm run validate` runs Microsoft's online validator where a network exists.)
 */
import fs from 'node:fs';
import path from 'node:path';
import { OfficeAddinManifest } from 'office-addin-manifest';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE_REQUIREMENT, minimumVersion, type Feature } from '../../addin/src/excel/host';
import { MANIFEST_ORIGIN } from '../../server/src/http/addin';
import { builtAddin } from '../helpers/addin-build';
import { startTestServer, type TestServer } from '../helpers/server';

const FILE = path.resolve(__dirname, '../../manifest.xml');
const xml = fs.readFileSync(FILE, 'utf8');
const attr = (re: RegExp) => [...xml.matchAll(re)].map((m) => m[1]!);

describe('manifest.xml', () => {
  it('is an Excel task-pane add-in with a stable id and a four-part version', async () => {
    const info = await OfficeAddinManifest.readManifestFile(FILE);
    expect(info.manifestType).toBe('xml');
    expect(info.officeAppType).toBe('TaskPaneApp');
    expect(info.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect(info.version).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(info.hosts).toEqual(['Workbook']);
    expect(info.defaultLocale).toBe('vi-VN');
    expect(info.displayName).toBe('Chỉ tiêu Nghị quyết');
    expect(info.permissions).toBe('ReadWriteDocument');
    expect(info.defaultSettings?.sourceLocation).toBe(`${MANIFEST_ORIGIN}/addin/taskpane.html`);
    expect(info.appDomains).toEqual([MANIFEST_ORIGIN]);
  });

  it('states the ExcelApi floor the adapters use and the shared runtime; newer features are probed, not required', () => {
    expect(attr(/<Set Name="(\w+)" MinVersion="[\d.]+"\/>/g)).toEqual([BASE_REQUIREMENT.name]);
    expect(xml).toContain('<bt:Set Name="SharedRuntime" MinVersion="1.1"/>');
    expect(attr(/<Set Name="ExcelApi" MinVersion="([\d.]+)"\/>/g)).toEqual([BASE_REQUIREMENT.version]);
    const minor = (v: string) => Number(v.split('.')[1]);
    const features: Feature[] = ['pivot', 'pivotFilter', 'prompt', 'suspendCalc', 'suspendScreen', 'freeze'];
    for (const f of features) expect(minor(minimumVersion(f))).toBeGreaterThan(minor(BASE_REQUIREMENT.version));
    expect(minimumVersion('pivot')).toBe('1.8');
  });

  it('has a ribbon button on the Home tab that opens the task pane', () => {
    expect(xml).toContain('<OfficeTab id="TabHome">');
    expect(xml).toMatch(
      /<Action xsi:type="ShowTaskpane">\s*<TaskpaneId>[\w.]+<\/TaskpaneId>\s*<SourceLocation resid="Taskpane.Url"\/>/,
    );
  });

  it('every resid resolves to a resource of the right kind, strings within Office limits', () => {
    const defined = new Set(attr(/<bt:(?:Image|Url|String) id="([^"]+)"/g));
    for (const id of attr(/resid="([^"]+)"/g)) expect(defined, id).toContain(id);
    const section = (name: string) => xml.slice(xml.indexOf(`<bt:${name}>`), xml.indexOf(`</bt:${name}>`));
    for (const v of [...section('ShortStrings').matchAll(/(?:DefaultValue|Value)="([^"]*)"/g)])
      expect(v[1]!.length).toBeLessThanOrEqual(125);
    for (const v of [...section('LongStrings').matchAll(/(?:DefaultValue|Value)="([^"]*)"/g)])
      expect(v[1]!.length).toBeLessThanOrEqual(250);
    expect(xml.match(/<bt:Image id="Icon\.(\d+)x\1"/g)).toHaveLength(3);
  });

  it('uses only https URLs on the server origin, under /addin/', () => {
    const urls = attr(/(?:DefaultValue|Value)="(https?:\/\/[^"]+)"|<AppDomain>([^<]+)</g).filter(Boolean);
    expect(urls.length).toBeGreaterThan(8);
    for (const u of attr(/DefaultValue="(https?:\/\/[^"]+)"/g)) {
      expect(u.startsWith(`${MANIFEST_ORIGIN}/addin/`), u).toBe(true);
      expect(new URL(u).protocol).toBe('https:');
    }
  });

  describe('URLs the server really serves', () => {
    let s: TestServer;
    beforeAll(async () => {
      s = await startTestServer('sqlite', { ADDIN_DIR: await builtAddin() });
    });
    afterAll(() => s?.stop());

    it('each manifest URL, with the origin swapped for the test server, answers 200', async () => {
      const paths = [...new Set(attr(/(?:DefaultValue|Value)="https:\/\/[^/"]+(\/[^"]+)"/g))];
      expect(paths).toEqual(
        expect.arrayContaining([
          '/addin/taskpane.html',
          '/addin/assets/icon-80.png',
          '/addin/functions.js',
          '/addin/functions.json',
          '/addin/functions-en.json',
        ]),
      );
      for (const p of paths) expect((await fetch(`${s.url}${p}`)).status, p).toBe(200);
    });
  });
});
