import fs from 'node:fs';

/**
 * A forked server process's own memory, answered over IPC (the chitieu server process and the
 * PostGraphile process measure themselves the same way; the bench's own memory never counts).
 */
export type MemoryRequest = { type: 'mem'; id: number; reset: boolean; gc: boolean };
export type MemoryReply = { type: 'mem'; id: number; rssMiB: number; peakMiB: number };

const MIB = 2 ** 20;
const status = () => fs.readFileSync('/proc/self/status', 'utf8');
const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+)`).exec(status())?.[1] ?? NaN) * 1024;

/**
 * Resident memory: `peakMiB` is the peak since the last reset (Linux's VmHWM), read first; then,
 * with `reset`, a GC (the process runs with --expose-gc) and a new peak window (writing 5 to
 * clear_refs resets VmHWM); `rssMiB` is the resident size after that.
 */
export async function memory(reset: boolean, gc: boolean): Promise<{ rssMiB: number; peakMiB: number }> {
  const peakMiB = kib('VmHWM') / MIB;
  // Twice with a pause: V8 returns freed pages to the system after a GC, not during it.
  for (let i = 0; gc && i < 2; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    await new Promise((r) => setTimeout(r, 100));
  }
  if (reset) fs.writeFileSync('/proc/self/clear_refs', '5');
  return { rssMiB: kib('VmRSS') / MIB, peakMiB };
}

/** Answers a memory request from the parent. */
export function answerMemory(r: MemoryRequest): void {
  void memory(r.reset, r.gc).then((m) => process.send!({ type: 'mem', id: r.id, ...m } satisfies MemoryReply));
}
