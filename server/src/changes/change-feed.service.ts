import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { ObservationScopeService } from '../observations/observation-scope';
import { unitGlobalId } from '../auth/scope';
import { badInput } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { assertPageSize } from '../common/paging';
import { placeholders, readDateTime, readDecimal } from '../db/sql';
import type { ObservationStatus } from '../observations/observation.types';
import { toAction, toKind, type ChangeEntry, type ChangeConnection } from './change.types';

/** Most changes a page may carry. */
export const MAX_CHANGES_PAGE = 10_000;
/** The position that sorts after every change of a transaction: a cursor "after all of transaction N". */
const END_OF_TX = 2_147_483_647;

export interface ChangeCursor {
  seq: number;
  position: number;
}

export const encodeChangeCursor = (c: ChangeCursor) => Buffer.from(`chg:${c.seq}:${c.position}`).toString('base64url');

export function decodeChangeCursor(cursor: string): ChangeCursor {
  const m = /^chg:(\d{1,15}):(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  if (!m || Number(m[2]) > END_OF_TX)
    throw badInput('INVALID_CURSOR', 'after is not a cursor returned by changes or changesCursor', ['after']);
  return { seq: Number(m[1]), position: Number(m[2]) };
}

/**
 * The change feed: every change of every committed write transaction, in commit order (see
 * db/change-log.ts for why the order has no gaps). Reads are one statement each, so a page is one
 * consistent snapshot.
 */
@injectable()
export class ChangeFeedService {
  constructor(
    private readonly ds: DataSource,
    private readonly scopes: ObservationScopeService,
  ) {}

  /** The cursor after the last committed change: where a mirror that is about to take a full read starts. */
  async head(): Promise<string> {
    const rows: { n: unknown }[] = await this.ds.query('SELECT MAX(seq) AS n FROM change_tx');
    return encodeChangeCursor({ seq: Number(rows[0]?.n ?? 0), position: END_OF_TX });
  }

  private async unitsOf(provinceIds: number[]): Promise<Set<number>> {
    if (!provinceIds.length) return new Set();
    const rows: { id: unknown }[] = await this.ds.query(
      `SELECT pu.id FROM admin_unit pu LEFT JOIN admin_unit pp ON pp.id = pu.parent_id
        WHERE pu.parent_id IN (${placeholders(provinceIds.length)}) OR pp.parent_id IN (${placeholders(provinceIds.length)})`,
      [...provinceIds, ...provinceIds],
    );
    return new Set(rows.map((r) => Number(r.id)));
  }

  /**
   * The changes after `after`, `first` at most. With `provinceCode`, only the changes of the units
   * the same filter of observationTable covers (the province's districts and communes), plus the
   * changes that concern no unit (indicators). `first` counts the changes scanned, so a filtered page
   * may be empty and still have a next page; endCursor always advances past what was scanned.
   */
  async changes(
    after: string | null | undefined,
    first: number,
    provinceCode?: string | null,
  ): Promise<ChangeConnection> {
    assertPageSize(first, MAX_CHANGES_PAGE, 1);
    const from = after ? decodeChangeCursor(after) : { seq: 0, position: END_OF_TX };
    const provinceIds =
      provinceCode === null || provinceCode === undefined
        ? null
        : ((await this.scopes.resolve({ provinceCode }, [])).provinceIds ?? []);
    // The province's districts and communes (children, and the districts' communes before the reform),
    // as observationTable's provinceCode filter takes them; read once, matched in memory.
    const units = provinceIds && (await this.unitsOf(provinceIds));
    const rows: Record<string, unknown>[] = await this.ds.query(
      `SELECT t.seq, e.position, t.committed_at, t.actor, e.kind, e.action, e.unit_id, e.indicator_id, e.period,
              e.version, e.ref_id, u.code AS unit_code, u.level AS unit_level, i.code AS indicator_code,
              r.value, r.status, r.source, r.note
         FROM (SELECT seq, tx_id, committed_at, actor FROM change_tx WHERE seq >= ? ORDER BY seq LIMIT ?) t
         JOIN change_entry e ON e.tx_id = t.tx_id
         LEFT JOIN admin_unit u ON u.id = e.unit_id
         LEFT JOIN indicator i ON i.id = e.indicator_id
         LEFT JOIN observation_revision r ON e.kind = 'OBSERVATION' AND r.unit_id = e.unit_id
              AND r.indicator_id = e.indicator_id AND r.period = e.period AND r.version = e.version
        WHERE t.seq >= ? AND (t.seq > ? OR e.position > ?)
        ORDER BY t.seq, e.position
        LIMIT ?`,
      // Each transaction has at least one entry, so the page lies in the first first + 2 transactions from
      // the cursor's (which may have none left): the sort is bounded by them, not by the whole feed.
      [from.seq, first + 2, from.seq, from.seq, from.position, first + 1],
    );
    const scanned = rows.slice(0, first);
    const last = scanned[scanned.length - 1];
    return {
      nodes: scanned.filter((r) => !units || r.unit_id === null || units.has(Number(r.unit_id))).map(present),
      pageInfo: {
        hasNextPage: rows.length > first,
        endCursor: encodeChangeCursor(last ? { seq: Number(last.seq), position: Number(last.position) } : from),
      },
    };
  }
}

function present(r: Record<string, unknown>): ChangeEntry {
  const seq = Number(r.seq);
  const position = Number(r.position);
  const kind = toKind(String(r.kind));
  const action = toAction(String(r.action));
  const observation = kind === 'OBSERVATION';
  const refId = r.ref_id === null ? null : Number(r.ref_id);
  const str = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    cursor: encodeChangeCursor({ seq, position }),
    sequence: seq,
    position,
    committedAt: readDateTime(r.committed_at),
    changedBy: str(r.actor),
    kind,
    action,
    unitId: r.unit_id === null ? null : unitGlobalId({ id: Number(r.unit_id), level: String(r.unit_level) as never }),
    unitCode: str(r.unit_code),
    indicatorId: r.indicator_id === null ? null : toGlobalId('Indicator', Number(r.indicator_id)),
    indicatorCode: str(r.indicator_code),
    period: str(r.period),
    version: r.version === null ? null : Number(r.version),
    value: observation ? readDecimal(r.value) : null,
    status: observation && action !== 'DELETE' ? (str(r.status) as ObservationStatus | null) : null,
    source: observation && action !== 'DELETE' ? str(r.source) : null,
    note: observation && action !== 'DELETE' ? str(r.note) : null,
    termId: kind === 'TERM' && refId !== null ? toGlobalId('Term', refId) : null,
  };
}
