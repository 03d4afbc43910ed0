import type { ReasonCode } from '../../../schema/contract/reasons';
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import type { UserError } from '../common/user-error.type';
import { ObservationEntity, type ObservationStatusValue } from './observation.entity';
import { presentObservation, type Observation } from './observation.types';
import type { PushObservationsPayload, RowOutcome } from './push.types';
import type { RawRow } from './push-validate';

/**
 * The stored form of a push result, so that replaying an idempotency key returns the first
 * answer exactly (observations as they were then, not as they are now). Compact arrays; gzip
 * beyond a few hundred kilobytes, which keeps a 50,000-row result well inside a MySQL packet.
 */
export interface ResultRow {
  index: number;
  outcome: RowOutcome;
  code: ReasonCode | null;
  message: string | null;
  field: string | null;
  observation: ObservationEntity | null;
  current: ObservationEntity | null;
}

export interface PushResult {
  batchId: string | null;
  applied: boolean;
  dryRun: boolean;
  counts: { created: number; updated: number; deleted: number; unchanged: number; rejected: number };
  rows: ResultRow[];
  userErrors: UserError[];
}

type Snap = [
  number,
  number,
  number,
  string,
  number,
  number,
  number,
  string,
  string | null,
  string | null,
  number,
  string,
  string | null,
];

const snap = (o: ObservationEntity | null): Snap | null =>
  o && [
    o.id,
    o.unitId,
    o.indicatorId,
    o.period,
    o.startMonth,
    o.endMonth,
    o.value,
    o.status,
    o.source,
    o.note,
    o.version,
    o.updatedAt.toISOString(),
    o.updatedBy,
  ];

const unsnap = (s: Snap | null): ObservationEntity | null =>
  s &&
  Object.assign(new ObservationEntity(), {
    id: s[0],
    unitId: s[1],
    indicatorId: s[2],
    period: s[3],
    startMonth: s[4],
    endMonth: s[5],
    value: s[6],
    status: s[7] as ObservationStatusValue,
    source: s[8],
    note: s[9],
    version: s[10],
    updatedAt: new Date(s[11]),
    updatedBy: s[12],
  });

const GZIP_ABOVE = 256 * 1024;

export function serializeResult(r: PushResult): string {
  const json = JSON.stringify({
    f: 1,
    b: r.batchId,
    a: r.applied,
    d: r.dryRun,
    c: r.counts,
    u: r.userErrors,
    r: r.rows.map((x) => [x.index, x.outcome, x.code, x.message, x.field, snap(x.observation), snap(x.current)]),
  });
  return json.length > GZIP_ABOVE ? `gz:${gzipSync(json).toString('base64')}` : json;
}

export function deserializeResult(stored: string): PushResult {
  const json = stored.startsWith('gz:') ? gunzipSync(Buffer.from(stored.slice(3), 'base64')).toString('utf8') : stored;
  const d = JSON.parse(json);
  return {
    batchId: d.b,
    applied: d.a,
    dryRun: d.d,
    counts: d.c,
    userErrors: d.u,
    rows: d.r.map((x: [number, RowOutcome, string | null, string | null, string | null, Snap | null, Snap | null]) => ({
      index: x[0],
      outcome: x[1],
      code: x[2],
      message: x[3],
      field: x[4],
      observation: unsnap(x[5]),
      current: unsnap(x[6]),
    })),
  };
}

/** A fingerprint of what was asked, so a key reused for a different push is refused, not replayed. */
export function requestHash(rows: readonly RawRow[], atomic: boolean): string {
  const h = createHash('sha256').update(atomic ? 'atomic\n' : 'partial\n');
  for (const r of rows) {
    h.update(
      JSON.stringify([
        r.unitCode,
        r.indicatorCode,
        r.period,
        r.value ?? null,
        r.status ?? 'OFFICIAL',
        r.source ?? null,
        r.note ?? null,
        r.baseVersion ?? null,
        // Only when sent, so the hashes of pushes recorded before unitId existed are unchanged.
        ...(r.unitId !== undefined && r.unitId !== null ? [r.unitId] : []),
      ]),
    );
    h.update('\n');
  }
  return h.digest('hex');
}

/**
 * One row of the answer. Its `observation` and `current` are presented only when read (when the
 * query selects them): a 5,000-row push that asks for outcomes builds no observation object.
 */
class PresentedRow {
  readonly #stored: ObservationEntity | null;
  readonly #checked: ObservationEntity | null;

  constructor(
    readonly index: number,
    readonly outcome: RowOutcome,
    readonly code: ReasonCode | null,
    readonly message: string | null,
    readonly field: string | null,
    stored: ObservationEntity | null,
    checked: ObservationEntity | null,
  ) {
    this.#stored = stored;
    this.#checked = checked;
  }

  get observation(): Observation | null {
    return this.#stored && presentObservation(this.#stored);
  }

  get current(): Observation | null {
    return this.#checked && presentObservation(this.#checked);
  }
}

export function presentResult(r: PushResult, replayed: boolean): PushObservationsPayload {
  return {
    batchId: r.batchId,
    applied: r.applied,
    dryRun: r.dryRun,
    replayed,
    ...r.counts,
    userErrors: r.userErrors,
    rows: r.rows.map((x) => new PresentedRow(x.index, x.outcome, x.code, x.message, x.field, x.observation, x.current)),
  };
}
