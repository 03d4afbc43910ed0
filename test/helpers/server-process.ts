import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ADMIN } from './server';

const ROOT = path.resolve(__dirname, '../..');

export interface ServerProcess {
  url: string;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL by PID, waits for the exit. */
  kill(): Promise<void>;
  /** SIGTERM by PID (drain, close), waits for the exit. */
  stop(): Promise<void>;
}

/**
 * The server from its TypeScript sources in a Node process of its own (SWC, no build), configured by
 * `env` on top of PORT=0, ADMIN_TOKEN and DEMO_DATA=false; resolves once it listens.
 */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const proc: ChildProcess = spawn(process.execPath, ['-r', './test/fault/swc-register.cjs', 'server/src/main.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0', ADMIN_TOKEN: ADMIN, DEMO_DATA: 'false', ...env },
  });
  let log = '';
  proc.stderr!.on('data', (d) => (log += d));
  const url = await new Promise<string>((resolve, reject) => {
    proc.stdout!.on('data', (d) => {
      log += d;
      const m = /listening on (http:\/\/\S+)\/graphql/.exec(log);
      if (m) resolve(m[1]!);
    });
    proc.once('exit', (code) => reject(new Error(`the server exited (${code}):\n${log}`)));
  });
  const end = async (signal: NodeJS.Signals) => {
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise((r) => proc.once('exit', r));
    process.kill(proc.pid!, signal);
    await exited;
  };
  return { url, output: () => log, kill: () => end('SIGKILL'), stop: () => end('SIGTERM') };
}

export interface Answer<T> {
  status: number;
  body: { data?: T | null; errors?: { message: string; extensions?: { code?: string; reason?: string } }[] };
}

/** POST /graphql to `url` with a bearer token. */
export async function gqlAt<T = any>(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
  token: string = ADMIN,
): Promise<Answer<T>> {
  const res = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  return { status: res.status, body: (await res.json()) as Answer<T>['body'] };
}
