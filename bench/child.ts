import { fork, type ChildProcess } from 'node:child_process';
import type { MemoryReply, MemoryRequest } from './process-memory';

/** Every forked server process from the moment it exists, so a signal or an error kills each one. */
const children = new Set<ChildProcess>();

/**
 * Forks a server process (`file`, with --expose-gc for its memory figures), sends it `start` and
 * waits for its `ready` message; the process answers `mem` requests (bench/process-memory.ts) and
 * exits on `stop`, or when the bench disconnects.
 */
export async function startChild<Ready extends { type: 'ready' }>(
  file: string,
  start: unknown,
  env: NodeJS.ProcessEnv = process.env,
) {
  const child = fork(file, [], { execArgv: ['--expose-gc'], env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  children.add(child);
  child.once('exit', () => children.delete(child));
  const pending = new Map<number, { resolve: (r: MemoryReply) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  const ready = new Promise<Ready>((resolve, reject) => {
    child.on('message', (m: Ready | MemoryReply | { type: 'error'; message: string }) => {
      if (m.type === 'ready') resolve(m as Ready);
      else if (m.type === 'error') reject(new Error(`${file}: ${(m as { message: string }).message}`));
      else if (m.type === 'mem') {
        const r = m as MemoryReply;
        pending.get(r.id)?.resolve(r);
        pending.delete(r.id);
      }
    });
    child.once('exit', (code) => {
      const e = new Error(`${file} exited (${code})`);
      reject(e);
      for (const p of pending.values()) p.reject(e);
    });
  });
  child.send(start as object);
  const info = await ready;
  return {
    info,
    memory: (reset: boolean) =>
      new Promise<{ rssMiB: number; peakMiB: number }>((resolve, reject) => {
        const id = nextId++;
        pending.set(id, { resolve, reject });
        child.send({ type: 'mem', id, reset, gc: reset } satisfies MemoryRequest, (e) => e && reject(e));
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => (clearTimeout(timer), resolve()));
        // Its channel closes before its exit is reported (a signal killed it meanwhile): kill it.
        if (child.connected) child.send({ type: 'stop' }, (e) => e && child.kill('SIGKILL'));
        else child.kill('SIGKILL');
      }),
  };
}

/** Kills every server process still running and waits for each to exit. */
export async function killChildren(): Promise<void> {
  await Promise.all(
    [...children].map((c) => {
      if (c.exitCode !== null || c.signalCode !== null) return;
      const exited = new Promise((r) => c.once('exit', r));
      c.kill('SIGKILL');
      return exited;
    }),
  );
}
