import type { Endpoints, Paired } from '../client';
import type { GeneratedSide } from '../generated/setup';
import { ratio, type Goal, type Row } from '../stats';

/** What every scenario gets: the two servers' addresses, the run's settings, the server's memory. */
export interface Ctx extends Endpoints {
  mysql: boolean;
  /** Interleaved trials per row (at least 15 for a valid run). */
  trials: number;
  /** Seconds per side of one throughput trial. */
  loadSeconds: number;
  /** Seconds of the soak. */
  soakSeconds: number;
  provinceCode: string;
  districtCode: string;
  /**
   * The server process's memory (MiB): `peakMiB` since the last reset; with `reset`, then a GC and a
   * new peak window, and `rssMiB` after the GC (else `rssMiB` now).
   */
  memory(reset: boolean): Promise<{ rssMiB: number; peakMiB: number }>;
  /** PostGraphile over the same data in PostgreSQL, for the comparison rows (bench/generated/). */
  generated: GeneratedSide;
  log(message: string): void;
}

/** A scenario: measures something and returns the table's rows (each with its goal). */
export interface Scenario {
  name: string;
  run(c: Ctx): Promise<Row[]>;
}

/** A row judged by the ratio of the two medians. */
export function ratioRow(
  name: string,
  what: string,
  unit: string,
  p: Paired,
  goal: Goal | null,
  detail?: Record<string, unknown>,
): Row {
  return {
    name,
    what,
    unit,
    api: p.api,
    floor: p.floor,
    value: ratio(p.api, p.floor),
    valueUnit: '×',
    goal,
    detail: { ...detail, samples: p.samples },
  };
}

/** A row judged by an absolute figure (the soak's p99, memory growth, counts). */
export function absoluteRow(
  name: string,
  what: string,
  unit: string,
  value: number,
  goal: Goal | null,
  detail?: Record<string, unknown>,
): Row {
  return { name, what, unit, api: null, floor: null, value, valueUnit: ` ${unit}`, goal, detail };
}
