import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject } from 'vitest';

const ROOT = path.resolve(__dirname, '../..');

declare module 'vitest' {
  export interface ProvidedContext {
    /** The add-in built once for the run by test/global-setup.ts. */
    addinDir?: string;
  }
}

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * Builds the add-in (vite, into a temp directory named after a hash of its sources) unless that
 * build exists: tests never depend on a stale dist/addin, and a rerun costs nothing.
 */
export async function buildAddin(): Promise<string> {
  const files = [...sourceFiles(path.join(ROOT, 'addin')), path.join(ROOT, 'manifest.xml')].sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.relative(ROOT, f)).update(fs.readFileSync(f));
  const dir = path.join(os.tmpdir(), `chitieu-addin-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, 'taskpane.html'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  // A non-literal specifier: tsc's "node" resolution cannot see vite's export-map types.
  const { build } = (await import('vite' as string)) as {
    build: (config: Record<string, unknown>) => Promise<unknown>;
  };
  await build({
    configFile: path.join(ROOT, 'addin/vite.config.ts'),
    logLevel: 'error',
    build: { outDir: tmp, emptyOutDir: true },
  });
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another process finished the same build first
  }
  return dir;
}

/**
 * The built add-in, shared by every test file of the run: test/global-setup.ts builds it once
 * before any file starts (so parallel workers never build it side by side); outside that setup,
 * it is built here.
 */
export async function builtAddin(): Promise<string> {
  let provided: string | undefined;
  try {
    provided = inject('addinDir');
  } catch {
    provided = undefined; // not inside a vitest worker
  }
  if (provided && fs.existsSync(path.join(provided, 'taskpane.html'))) return provided;
  return buildAddin();
}
