import { injectable } from 'tsyringe';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { badInput } from '../common/errors';
import { assertPageSize, pageOf } from '../common/paging';
import { parsePeriod } from '../common/period';
import { IndicatorService } from '../indicators/indicator.service';
import type { Indicator } from '../indicators/indicator.types';
import { ObservationScopeService, type ObservationScope } from '../observations/observation-scope';
import { ObservationService, type ObservationValue } from '../observations/observation.service';
import { BoundaryService, inForceOn } from '../observations/boundary.service';
import type { ObservationStatus } from '../observations/observation.types';
import { TermService } from '../terms/term.service';
import type { Comparator } from '../terms/term.types';
import { activeAtPeriodEnd } from './active';
import {
  assembleComparison,
  firstAfter,
  rowKey,
  type ComparisonInputRow,
  type ComparisonRowResult,
  type RowKey,
  type TermTarget,
} from './comparison';
import type { ComparisonConnection, ComparisonRow } from './comparison.types';
import type { ProvinceScope } from './province-args';
import { termWindow } from './progress';

export const MAX_COMPARISON_PAGE = 50_000;

export type ComparisonArgs = ProvinceScope & { first: number; after?: string | null };

/** A value to compare: stored, or (boundaries CURRENT) derived from predecessor units. */
type ComparedValue = Omit<ObservationValue, 'id'> & {
  observationId: number | null;
  derived: boolean;
  complete: boolean;
  contributorIds: number[];
};
const asReported = (v: ObservationValue): ComparedValue => ({
  ...v,
  observationId: v.id,
  derived: false,
  complete: true,
  contributorIds: [],
});

const encodeCursor = (k: RowKey) => Buffer.from(`c:${JSON.stringify(k)}`).toString('base64url');
/** A cursor's key; one of the previous release (no unit id: its codes named one unit) sorts after every unit with its code. */
function decodeCursor(cursor: string): RowKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    if (text.startsWith('c:')) {
      const k = JSON.parse(text.slice(2));
      if (
        Array.isArray(k) &&
        (k.length === 4 || (k.length === 5 && Number.isInteger(k[4]))) &&
        typeof k[0] === 'string' &&
        Number.isInteger(k[1]) &&
        Number.isInteger(k[2]) &&
        typeof k[3] === 'string'
      )
        return [k[0], k[1], k[2], k[3], k.length === 5 ? k[4] : Number.MAX_SAFE_INTEGER];
    }
  } catch {
    // falls through to the error below
  }
  throw badInput('INVALID_CURSOR', 'after is not a cursor returned by this API', ['after']);
}

/** The comparison's districts, communes and indicators, by id. */
interface Catalogue {
  units: AdminUnit[];
  indicators: Indicator[];
  unitById: Map<number, AdminUnit>;
  indicatorById: Map<number, Indicator>;
}

/** Observations of known districts, communes and indicators as rows to assemble (a unit is ranked while it exists). */
function inputRows(values: readonly ComparedValue[], c: Catalogue, on: string | null): ComparisonInputRow[] {
  const rows: ComparisonInputRow[] = [];
  for (const v of values) {
    const unit = c.unitById.get(v.unitId);
    const ind = c.indicatorById.get(v.indicatorId);
    if (!unit || !ind) continue;
    rows.push({
      observationId: v.observationId,
      derived: v.derived,
      complete: v.complete,
      contributorIds: v.contributorIds,
      updatedAt: v.updatedAt,
      unitId: unit.localId,
      unitCode: unit.code,
      level: unit.level,
      indicatorId: ind.localId,
      indicatorCode: ind.code,
      period: v.period,
      startMonth: v.startMonth,
      endMonth: v.endMonth,
      value: v.value,
      status: v.status,
      // On the boundaries of a date, its units compare for every period (a commune's 2023 is its
      // predecessors'); districts, which ended with no successor, while they existed.
      active: (on !== null && inForceOn(unit, on)) || activeAtPeriodEnd(unit, v.endMonth),
    });
  }
  return rows;
}

/** An assembled row as the API shows it. */
function presentRow(
  { row: r, target, ratio, band, rank, rankOf }: ComparisonRowResult,
  c: Catalogue,
  on: string | null,
): ComparisonRow {
  const contributors = r.derived
    ? r.contributorIds.map((id) => c.unitById.get(id)?.code ?? String(id)).join(', ')
    : null;
  const unit = c.unitById.get(r.unitId)!;
  const ind = c.indicatorById.get(r.indicatorId)!;
  return {
    unitId: r.unitId,
    indicatorId: r.indicatorId,
    observationId: r.observationId,
    contributorIds: r.contributorIds,
    updatedAt: r.updatedAt,
    startMonth: r.startMonth,
    endMonth: r.endMonth,
    boundariesOn: on,
    derived: r.derived,
    complete: r.complete,
    contributors,
    unitCode: unit.code,
    unitName: unit.shortName,
    unitLevel: unit.level,
    indicatorCode: ind.code,
    indicatorName: ind.name,
    measure: ind.unit,
    period: r.period,
    year: Math.floor(r.endMonth / 12),
    value: r.value,
    status: r.status as ObservationStatus,
    target: target ? target.value : null,
    targetPeriod: target ? target.period : null,
    comparator: (target ? target.comparator : null) as Comparator | null,
    ratio,
    band,
    rank,
    rankOf,
  };
}

/**
 * The province-wide comparison: one row per district or commune × indicator × period with a value
 * (units that ended included, unranked after they ended; districts ranked among districts, communes
 * among communes). Fetches in six statements whatever the size (province, indicators, districts and
 * communes, observations, terms, targets), with no per-row work in SQL;
 * ranks, targets and bands are assembled in memory (comparison.ts). Every page reads the whole
 * filtered set (ranks need complete groups) and cuts the page after the cursor's key, so a page
 * already read never shifts when values are added.
 */
@injectable()
export class ComparisonService {
  constructor(
    private readonly scopes: ObservationScopeService,
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
    private readonly observations: ObservationService,
    private readonly terms: TermService,
    private readonly boundaries: BoundaryService,
  ) {}

  /** A page of the comparison, with the units and indicators it draws on (for the caller's loaders). */
  async connection(
    args: ComparisonArgs,
  ): Promise<ComparisonConnection & { units: AdminUnit[]; indicators: Indicator[] }> {
    assertPageSize(args.first, MAX_COMPARISON_PAGE);
    const after = args.after ? decodeCursor(args.after) : null;
    const filter = { ...args, includeForecasts: Boolean(args.includeForecasts) };
    const on = args.on ?? null;
    const scope = await this.scopes.resolve(filter, []);
    const values: ComparedValue[] = on
      ? await this.boundaries.valuesInScope(scope, on)
      : (await this.observations.valuesInScope(scope)).map(asReported);
    const catalogue = on ? await this.catalogueOf(values, scope) : await this.catalogue(scope);
    const rows = catalogue.units.length ? inputRows(values, catalogue, on) : [];
    const assembled = assembleComparison(rows, catalogue.indicatorById, await this.targetsByUnit(scope, catalogue));
    const start = after ? firstAfter(assembled, after) : 0;
    const page = assembled.slice(start, start + args.first);
    return Object.assign(
      pageOf(
        page.map((a) => presentRow(a, catalogue, on)),
        (_, i) => encodeCursor(rowKey(page[i].row)),
        start + args.first < assembled.length,
        args.after,
      ),
      { totalCount: assembled.length, units: catalogue.units, indicators: catalogue.indicators },
    );
  }

  /**
   * Every district and commune the province ever had (its districts' communes before the reform,
   * its own after) and the indicators in scope (all of them when the scope names none).
   */
  private async catalogue(scope: ObservationScope): Promise<Catalogue> {
    const units = await this.units.subdivisionsOf(scope.province!.localId, null);
    const indicators = scope.indicators ?? (await this.indicators.list({}));
    return {
      units,
      indicators,
      unitById: new Map(units.map((u) => [u.localId, u])),
      indicatorById: new Map(indicators.map((i) => [i.localId, i])),
    };
  }

  /**
   * On the boundaries of a date: the units the values belong to (the province's communes then, the
   * districts of it and of every province it came from) and those their derived values combine.
   */
  private async catalogueOf(values: readonly ComparedValue[], scope: ObservationScope): Promise<Catalogue> {
    const ids = new Set(values.flatMap((v) => [v.unitId, ...v.contributorIds]));
    const unitById = await this.units.byIds([...ids]);
    const indicators = scope.indicators ?? (await this.indicators.list({}));
    return {
      units: [...unitById.values()],
      indicators,
      unitById,
      indicatorById: new Map(indicators.map((i) => [i.localId, i])),
    };
  }

  /** Targets of every term of the units (of the indicators in scope), with their terms' months: two statements. */
  private async targetsByUnit(scope: ObservationScope, c: Catalogue): Promise<Map<number, TermTarget[]>> {
    const out = new Map<number, TermTarget[]>();
    for (const { term, target: t } of await this.terms.targetsOfUnits(
      [...c.unitById.keys()],
      scope.indicators && [...c.indicatorById.keys()],
    )) {
      const p = parsePeriod(t.period);
      const w = termWindow(term.startYear, term.endYear);
      const list = out.get(term.unitId) ?? [];
      list.push({
        targetId: t.localId,
        termStartMonth: w.startMonth,
        termEndMonth: w.endMonth,
        indicatorId: t.indicatorId,
        period: t.period,
        startMonth: p.startMonth,
        endMonth: p.endMonth,
        value: t.value,
        comparator: t.comparator,
      });
      out.set(term.unitId, list);
    }
    return out;
  }
}
