import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig, type Config } from '../../server/src/app/config';
import { runCli } from '../../server/src/cli';
import type { DbKind } from './databases';
import { startTestServer, type TestServer } from './server';

export interface CliHarness {
  /** The real server the command line shares its database with. */
  t: TestServer;
  /** A temporary folder for the test's files, removed by stop(). */
  dir: string;
  /** Runs the command line in process against the server's database; its output lines joined. */
  cli(...argv: string[]): Promise<{ code: number; out: string; err: string }>;
  /** Writes a file of these lines (each ended by `eol`) in a temporary folder; returns its path. */
  file(name: string, lines: string[], eol?: string): string;
  stop(): Promise<void>;
}

/** A test server and the command line on its database, as an operator would run it beside the server. */
export async function startCliHarness(db: DbKind, prefix = 'chitieu-cli-'): Promise<CliHarness> {
  const t = await startTestServer(db);
  const o = t.server.ds.options as { type: string; database?: string; url?: string };
  // The CLI opens its own connection to the server's database.
  const config: Config = {
    ...loadConfig({}),
    database: o.type === 'mysql' ? { type: 'mysql', url: o.url! } : { type: 'sqlite', path: o.database! },
  };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  return {
    t,
    dir,
    async cli(...argv) {
      const out: string[] = [];
      const err: string[] = [];
      const code = await runCli(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, config);
      return { code, out: out.join('\n'), err: err.join('\n') };
    },
    file(name, lines, eol = '\n') {
      const file = path.join(dir, name);
      fs.writeFileSync(file, lines.join(eol) + eol);
      return file;
    },
    async stop() {
      await t.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
