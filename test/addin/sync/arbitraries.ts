/** fast-check arbitraries for the sync engine's property tests. */
import fc from 'fast-check';
import {
  cellKey,
  formatPeriod,
  OBSERVATION_STATUSES,
  type CellKey,
  type ObservationStatus,
  type Period,
  type ServerObservation,
} from '../../../addin/src/sync';
import { obs } from './helpers';

const year = fc.integer({ min: 1900, max: 2100 });

export const periodArb: fc.Arbitrary<Period> = fc.oneof(
  year.map((y) => ({ kind: 'YEAR' as const, year: y })),
  fc.record({ kind: fc.constant('HALF' as const), year, half: fc.constantFrom(1 as const, 2 as const) }),
  fc.record({
    kind: fc.constant('QUARTER' as const),
    year,
    quarter: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const),
  }),
  fc.record({ kind: fc.constant('MONTH' as const), year, month: fc.integer({ min: 1, max: 12 }) }),
  fc
    .tuple(year, year)
    .filter(([a, b]) => a !== b)
    .map(([a, b]) => ({ kind: 'SPAN' as const, start: Math.min(a, b), end: Math.max(a, b) })),
);

/** Codes with significant leading zeros next to look-alikes ("1" and "001"), and non-numeric ones. */
export const unitCodeArb = fc.constantFrom('001', '002', '010', '392', '1', 'X9');
export const indicatorCodeArb = fc.constantFrom('01', '02', 'GTSX', '101', '0101');

export const keyArb: fc.Arbitrary<CellKey> = fc.record({
  unitCode: unitCodeArb,
  indicatorCode: indicatorCodeArb,
  period: periodArb.map(formatPeriod),
});

/** Values as statisticians type them, and as floating arithmetic leaves them. */
export const valueArb: fc.Arbitrary<number> = fc.oneof(
  fc.integer({ min: -1_000_000, max: 10_000_000 }),
  fc.integer({ min: -100_000, max: 100_000 }).map((n) => n / 100),
  fc.double({ min: -1e9, max: 1e9, noNaN: true, noDefaultInfinity: true }).map((x) => (x === 0 ? 0 : x)),
);

export const statusArb: fc.Arbitrary<ObservationStatus> = fc.constantFrom(...OBSERVATION_STATUSES);

/** Free text, including whitespace-only and padded strings (read back trimmed). */
export const textArb: fc.Arbitrary<string | null> = fc.option(
  fc.oneof(fc.constantFrom('Báo cáo UBND', ' ước đạt ', 'Niên giám 2023', '  '), fc.string({ maxLength: 12 })),
  { nil: null },
);

/** Keys, distinct. The first `n` are on the server; the rest are free for the user to add. */
export const keysArb = (min: number, max: number) =>
  fc.uniqueArray(keyArb, { minLength: min, maxLength: max, selector: cellKey });

export function observationArb(key: CellKey): fc.Arbitrary<ServerObservation> {
  return fc
    .record({
      value: valueArb,
      version: fc.integer({ min: 1, max: 50 }),
      status: statusArb,
      source: textArb,
      note: textArb,
    })
    .map((r) =>
      obs(key.unitCode, key.indicatorCode, key.period, r.value, r.version, {
        status: r.status,
        source: r.source,
        note: r.note,
      }),
    );
}

/** A pulled long table: server observations over some keys, and other keys the user may add. */
export const longWorldArb = keysArb(0, 25).chain((keys) =>
  fc
    .integer({ min: 0, max: keys.length })
    .chain((n) => fc.tuple(fc.tuple(...keys.slice(0, n).map(observationArb)), fc.constant(keys.slice(n)))),
);

/** One user edit of a long sheet, addressed by row position modulo the row count. */
export type LongEdit =
  | { kind: 'value'; row: number; value: number | null }
  | { kind: 'status'; row: number; status: ObservationStatus }
  | { kind: 'source'; row: number; text: string | null }
  | { kind: 'note'; row: number; text: string | null }
  | { kind: 'add'; index: number; value: number; status: ObservationStatus | null; source: string | null };

export const longEditArb: fc.Arbitrary<LongEdit> = fc.oneof(
  fc.record({ kind: fc.constant('value' as const), row: fc.nat(), value: fc.option(valueArb, { nil: null }) }),
  fc.record({ kind: fc.constant('status' as const), row: fc.nat(), status: statusArb }),
  fc.record({ kind: fc.constant('source' as const), row: fc.nat(), text: textArb }),
  fc.record({ kind: fc.constant('note' as const), row: fc.nat(), text: textArb }),
  fc.record({
    kind: fc.constant('add' as const),
    index: fc.nat(),
    value: valueArb,
    status: fc.option(statusArb, { nil: null }),
    source: textArb,
  }),
);

/** Junk Office.js might hand back in any cell. */
export const junkCellArb: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(''),
  fc.string({ maxLength: 8 }),
  fc.constantFrom('12,5', '1.234', '#N/A', '2023-13', '2023 - H1', 'chính thức', '001', ' 1 '),
  fc.integer({ min: -5, max: 3000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
