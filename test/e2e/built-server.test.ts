import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { builtAddin } from '../helpers/addin-build';

const ROOT = path.resolve(__dirname, '../..');

/**
 * What `npm start` does: `npm run build` (server and add-in into dist/), then the compiled entry point
 * as a separate process over a fresh SQLite file — the build layout (the two builds must not clobber
 * each other), first-start output, the add-in it serves, and SIGTERM handling.
 * The add-in half of `npm run build` is the run's one add-in build (test/global-setup.ts: the same
 * vite config and sources) copied into dist/addin, rather than a second vite build; the layout the
 * two scripts rely on is checked from their configuration.
 */
describe('the built server (npm start)', () => {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-start-'));
  let child: ChildProcess;
  let log = '';
  let url = '';

  beforeAll(async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8'));
    expect(pkg.scripts.build).toBe('npm run build:server && npm run build:addin');
    execFileSync('npm', ['run', 'build:server', '--silent'], { cwd: ROOT, stdio: 'pipe' });
    const addin = path.join(ROOT, 'dist/addin');
    fs.rmSync(addin, { recursive: true, force: true });
    fs.cpSync(await builtAddin(), addin, { recursive: true });
    child = spawn(process.execPath, [path.join(ROOT, 'dist/node/server/src/main.js')], {
      cwd: ROOT,
      // No NODE_ENV, as under `npm start` (vitest sets 'test', under which Apollo installs no signal handlers).
      env: {
        ...process.env,
        NODE_ENV: undefined,
        PORT: '0',
        DATABASE_URL: `sqlite:${path.join(dataDir, 'db.sqlite')}`,
        ADDIN_DIR: '',
        ADMIN_TOKEN: '',
      },
    });
    child.stdout!.on('data', (d) => (log += d));
    child.stderr!.on('data', (d) => (log += d));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`no "listening" line in 60 s:\n${log}`)), 60_000);
      const check = () => {
        const m = /listening on (http:\/\/[^\s]+)\/graphql/.exec(log);
        if (m) {
          url = m[1];
          clearTimeout(timer);
          resolve();
        }
      };
      child.stdout!.on('data', check);
      child.once('exit', (code) => reject(new Error(`exited with ${code}:\n${log}`)));
    });
  }, 180_000);

  afterAll(() => {
    if (child && child.exitCode === null) child.kill('SIGKILL');
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it('builds the server into dist/node and the add-in into dist/addin, which emptying one never touches', async () => {
    const { loadConfigFromFile } = (await import('vite' as string)) as {
      loadConfigFromFile: (
        env: object,
        file: string,
      ) => Promise<{ config: { build?: { outDir?: string; emptyOutDir?: boolean } } } | null>;
    };
    const vite = (await loadConfigFromFile(
      { command: 'build', mode: 'production' },
      path.join(ROOT, 'addin/vite.config.ts'),
    ))!.config;
    expect(path.resolve(ROOT, 'addin', vite.build!.outDir!)).toBe(path.join(ROOT, 'dist/addin'));
    expect(vite.build!.emptyOutDir).toBe(true); // so only dist/addin may be emptied
    const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.build.json'), 'utf8'));
    expect(path.resolve(ROOT, tsconfig.compilerOptions.outDir)).toBe(path.join(ROOT, 'dist/node'));
    expect(fs.existsSync(path.join(ROOT, 'dist/node/server/src/main.js'))).toBe(true);
    expect(fs.existsSync(path.join(ROOT, 'dist/addin/taskpane.html'))).toBe(true);
  });

  it('loads the reference and demo data, prints an admin token once, serves the API and the add-in', async () => {
    // Standard output is JSON log lines (docs/operations.md "Logs"), apart from the admin token's banner.
    const lines = log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.event === 'startup.reference_data')).toMatchObject({ level: 'info', units: 760 });
    expect(lines.find((l) => l.event === 'startup.demo_data')).toMatchObject({ terms: 5 });
    expect(lines.every((l) => typeof l.time === 'string' && typeof l.pid === 'number')).toBe(true);
    const token = /ADMIN TOKEN[^\n]*\n(ctk_\S+)/.exec(log)?.[1];
    expect(token).toBeDefined();
    const res = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({
        query: '{ provinces { code } district(code: "392", on: "2025-06-01") { terms { congressRoman } } }',
      }),
    });
    const body = await res.json();
    expect(body.data.provinces).toHaveLength(34);
    expect(body.data.district.terms).toEqual([{ congressRoman: 'XXII' }]);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    expect((await fetch(`${url}/addin/taskpane.html`)).status).toBe(200);
  });

  it('drains and exits 0 on SIGTERM', async () => {
    const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(log).toContain('SIGTERM: draining requests and closing the database');
    // The request lines of this run: one per request, with its id, status and outcome; never the token.
    const requests = log
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .filter((l) => l.msg === 'request');
    expect(requests).toContainEqual(
      expect.objectContaining({
        method: 'POST',
        path: '/graphql',
        status: 200,
        outcome: 'ok',
        operation: 'anonymous query',
      }),
    );
    const token = /ADMIN TOKEN[^\n]*\n(ctk_\S+)/.exec(log)![1]!;
    expect(log.split('\n').filter((l) => l.includes(token))).toEqual([token]); // the banner's line only
  });
});
