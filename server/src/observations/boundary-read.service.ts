import { injectable } from 'tsyringe';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { badInput } from '../common/errors';
import { toGlobalId } from '../common/global-id';
import { assertPageSize, pageOf } from '../common/paging';
import { IndicatorService } from '../indicators/indicator.service';
import { BoundaryService, type BoundaryValue } from './boundary.service';
import type { ObservationConnection } from './observation-connection.types';
import { OBSERVATION_TABLE_COLUMNS, type ObservationTable, type ObservationTableRow } from './observation-table.types';
import type { ObservationFilter } from './observation.inputs';
import { MAX_PAGE, ObservationService } from './observation.service';
import type { Observation, ObservationStatus } from './observation.types';

/** Sort key and cursor of a value on boundaries: unit id, indicator id, start month, end month, period. */
type Key = [number, number, number, number, string];
const keyOf = (v: BoundaryValue): Key => [v.unitId, v.indicatorId, v.startMonth, v.endMonth, v.period];
function compare(a: Key, b: Key): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}
const encodeCursor = (k: Key) => Buffer.from(`b:${JSON.stringify(k)}`).toString('base64url');
function decodeCursor(cursor: string): Key {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    const k = text.startsWith('b:') ? JSON.parse(text.slice(2)) : null;
    if (Array.isArray(k) && k.length === 5 && k.slice(0, 4).every(Number.isInteger) && typeof k[4] === 'string')
      return k as Key;
  } catch {
    // falls through to the error below
  }
  throw badInput('INVALID_CURSOR', 'after is not a cursor returned by this API with boundaries CURRENT', ['after']);
}

/**
 * `observations` and `observationTable` with `boundaries: CURRENT`: the values on the boundaries of a
 * date, in a stable key order (unit, indicator, period), paginated by key so a page already read
 * never shifts. Each page recomputes the whole selection (derived values need every contributor).
 */
@injectable()
export class BoundaryReadService {
  constructor(
    private readonly boundaries: BoundaryService,
    private readonly observations: ObservationService,
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
  ) {}

  private async page(filter: ObservationFilter, on: string, first: number, after: string | null | undefined) {
    assertPageSize(first, MAX_PAGE);
    const from = after ? decodeCursor(after) : null;
    const all = (await this.boundaries.values(filter, on, ['filter'])).sort((a, b) => compare(keyOf(a), keyOf(b)));
    let start = 0;
    if (from) {
      let hi = all.length;
      while (start < hi) {
        const mid = (start + hi) >> 1;
        if (compare(keyOf(all[mid]), from) <= 0) start = mid + 1;
        else hi = mid;
      }
    }
    const page = all.slice(start, start + first);
    const stored = await this.observations.byIds(
      page.flatMap((v) => (v.observationId === null ? [] : [v.observationId])),
    );
    return { all, page, stored, hasNextPage: start + first < all.length };
  }

  async connection(
    filter: ObservationFilter,
    on: string,
    first: number,
    after: string | null | undefined,
  ): Promise<ObservationConnection> {
    const { all, page, stored, hasNextPage } = await this.page(filter, on, first, after);
    const nodes = page.map((v) =>
      v.observationId === null ? presentDerived(v, on) : { ...stored.get(v.observationId)!, ...flags(v) },
    );
    return Object.assign(
      pageOf(nodes, (_, i) => encodeCursor(keyOf(page[i])), hasNextPage, after),
      {
        count: () => Promise.resolve(all.length),
      },
    ) as unknown as ObservationConnection;
  }

  async table(
    filter: ObservationFilter,
    on: string,
    first: number,
    after: string | null | undefined,
  ): Promise<ObservationTable> {
    const { all, page, stored, hasNextPage } = await this.page(filter, on, first, after);
    const unitIds = new Set(page.flatMap((v) => [v.unitId, ...v.contributorIds]));
    const units = await this.units.byIds([...unitIds]);
    const indicators = await this.indicators.byIds([...new Set(page.map((v) => v.indicatorId))]);
    const rows = page.map((v): ObservationTableRow => {
      const o = v.observationId === null ? null : stored.get(v.observationId)!;
      const unit = units.get(v.unitId)!;
      return [
        unit.code,
        indicators.get(v.indicatorId)!.code,
        v.period,
        v.value,
        v.status,
        o?.source ?? null,
        o?.note ?? null,
        o?.version ?? 0,
        v.updatedAt.toISOString(),
        o?.updatedBy ?? null,
        unit.id,
        v.derived,
        v.complete,
        v.derived ? v.contributorIds.map((id) => units.get(id)!.code).join(', ') : null,
      ];
    });
    const last = page.at(-1);
    return {
      columns: [...OBSERVATION_TABLE_COLUMNS],
      rows,
      pageInfo: { hasNextPage, endCursor: last ? encodeCursor(keyOf(last)) : (after ?? null) },
      count: () => Promise.resolve(all.length),
    } as ObservationTable;
  }
}

const flags = (v: Pick<BoundaryValue, 'derived' | 'complete' | 'contributorIds'>) => ({
  derived: v.derived,
  complete: v.complete,
  contributorIds: v.contributorIds,
});

/** A derived value as an Observation: computed, not stored (version 0, no revisions, no source). */
export function presentDerived(
  v: Pick<
    BoundaryValue,
    | 'unitId'
    | 'indicatorId'
    | 'period'
    | 'startMonth'
    | 'endMonth'
    | 'value'
    | 'status'
    | 'updatedAt'
    | 'derived'
    | 'complete'
    | 'contributorIds'
  >,
  on: string,
): Observation {
  return {
    __typename: 'Observation',
    id: toGlobalId('DerivedObservation', `${v.unitId}.${v.indicatorId}.${v.period}.${on}`),
    localId: 0,
    unitId: v.unitId,
    indicatorId: v.indicatorId,
    period: v.period,
    startMonth: v.startMonth,
    endMonth: v.endMonth,
    value: v.value,
    status: v.status as ObservationStatus,
    source: null,
    note: null,
    version: 0,
    updatedAt: v.updatedAt,
    updatedBy: null,
    ...flags(v),
  } as Observation;
}
