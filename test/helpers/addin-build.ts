import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(__dirname, '../..');

function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) sourceFiles(p, out);
    else out.push(p);
  }
  return out;
}

/**
 * The built add-in (vite, into a temp directory named after a hash of its sources), built once and
 * shared by every test file and run that sees the same sources: tests never depend on a stale
 * dist/addin, and a rerun costs nothing.
 */
export async function builtAddin(): Promise<string> {
  const files = [...sourceFiles(path.join(ROOT, 'addin')), path.join(ROOT, 'manifest.xml')].sort();
  const hash = createHash('sha256');
  for (const f of files) hash.update(path.relative(ROOT, f)).update(fs.readFileSync(f));
  const dir = path.join(os.tmpdir(), `chitieu-addin-${hash.digest('hex').slice(0, 16)}`);
  if (fs.existsSync(path.join(dir, 'taskpane.html'))) return dir;
  const tmp = `${dir}.tmp-${process.pid}`;
  // A non-literal specifier: tsc's "node" resolution cannot see vite's export-map types.
  const { build } = (await import('vite' as string)) as { build: (config: Record<string, unknown>) => Promise<unknown> };
  await build({ configFile: path.join(ROOT, 'addin/vite.config.ts'), logLevel: 'error', build: { outDir: tmp, emptyOutDir: true } });
  try {
    fs.renameSync(tmp, dir);
  } catch {
    fs.rmSync(tmp, { recursive: true, force: true }); // another test file finished the same build first
  }
  return dir;
}
