/** Timing helpers: every figure is a median and p95 over repeated runs. */
export interface Timing {
  runs: number;
  medianMs: number;
  p95Ms: number;
  minMs: number;
}

export function summarize(samples: number[]): Timing {
  const s = [...samples].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)];
  const round = (x: number) => Math.round(x * 10) / 10;
  return { runs: s.length, medianMs: round(at(0.5)), p95Ms: round(at(0.95)), minMs: round(s[0]) };
}

export async function time<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const t0 = process.hrtime.bigint();
  const result = await fn();
  return { ms: Number(process.hrtime.bigint() - t0) / 1e6, result };
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times measured. */
export async function measure(runs: number, fn: (i: number) => Promise<unknown>, warmup = 1): Promise<Timing> {
  for (let i = 0; i < warmup; i++) await fn(-1 - i);
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) samples.push((await time(() => fn(i))).ms);
  return summarize(samples);
}

/** Deterministic PRNG (mulberry32) so every run generates the same national dataset. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
