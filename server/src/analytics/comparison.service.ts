import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { IndicatorService } from '../indicators/indicator.service';
import { assertPageSize } from '../common/paging';
import { In } from 'typeorm';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { badInput } from '../common/errors';
import { parsePeriod } from '../common/period';
import type { Indicator } from '../indicators/indicator.types';
import { ObservationEntity } from '../observations/observation.entity';
import { applyScope, ObservationScopeService, scopeIsEmpty } from '../observations/observation-scope';
import type { ObservationStatus } from '../observations/observation.types';
import { TargetEntity } from '../terms/target.entity';
import { TermEntity } from '../terms/term.entity';
import type { Comparator } from '../terms/term.types';
import { activeAtPeriodEnd } from './active';
import { assembleComparison, compareKeys, rowKey, type ComparisonInputRow, type RowKey, type TermTarget } from './comparison';
import type { ComparisonConnection, ComparisonRow } from './comparison.types';
import { termWindow } from './progress';

export const MAX_COMPARISON_PAGE = 50_000;

export interface ComparisonArgs {
  provinceCode: string;
  indicatorCodes?: string[] | null;
  periods?: string[] | null;
  fromYear?: number | null;
  toYear?: number | null;
  includeForecasts?: boolean | null;
  first: number;
  after?: string | null;
}

const encodeCursor = (k: RowKey) => Buffer.from(`c:${JSON.stringify(k)}`).toString('base64url');
function decodeCursor(cursor: string): RowKey {
  const text = Buffer.from(cursor, 'base64url').toString('utf8');
  try {
    if (text.startsWith('c:')) {
      const k = JSON.parse(text.slice(2));
      if (Array.isArray(k) && k.length === 4 && typeof k[0] === 'string' && Number.isInteger(k[1]) && Number.isInteger(k[2]) && typeof k[3] === 'string') return k as RowKey;
    }
  } catch {
    // falls through to the error below
  }
  throw badInput('INVALID_CURSOR', 'after is not a cursor returned by this API', ['after']);
}

/**
 * The province-wide comparison: one row per district × indicator × period with a value (abolished
 * districts included, unranked after they ended). Fetches in
 * six statements whatever the size (province, districts, indicators, observations, terms, targets),
 * with no per-row work in SQL; ranks, targets and bands are assembled in memory (comparison.ts).
 * Every page reads the whole filtered set (ranks need complete groups) and cuts the page after the
 * cursor's key, so a page already read never shifts when values are added.
 */
@injectable()
export class ComparisonService {
  constructor(
    private readonly ds: DataSource,
    private readonly scopes: ObservationScopeService,
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
  ) {}

  async connection(args: ComparisonArgs): Promise<ComparisonConnection & { units: AdminUnit[]; indicators: Indicator[] }> {
    const { first } = args;
    assertPageSize(first, MAX_COMPARISON_PAGE);
    const after = args.after ? decodeCursor(args.after) : null;
    const scope = await this.scopes.resolve({ ...args, includeForecasts: Boolean(args.includeForecasts) }, []);
    const province = scope.province!;
    const units = (await this.units.districtsOf([province.localId], null)).get(province.localId)!;
    const unitById = new Map(units.map((u) => [u.localId, u]));
    const indicators = scope.indicators ?? (await this.indicators.list({}));
    const indicatorById = new Map(indicators.map((i) => [i.localId, i]));

    let rows: ComparisonInputRow[] = [];
    if (units.length && !scopeIsEmpty(scope)) {
      const qb = this.ds
        .createQueryBuilder()
        .select('o.id', 'id')
        .addSelect('o.unit_id', 'unitId')
        .addSelect('o.indicator_id', 'indicatorId')
        .addSelect('o.period', 'period')
        .addSelect('o.start_month', 'startMonth')
        .addSelect('o.end_month', 'endMonth')
        .addSelect('o.value', 'value')
        .addSelect('o.status', 'status')
        .from(ObservationEntity, 'o');
      applyScope(qb, scope);
      const raw: Record<string, unknown>[] = await qb.getRawMany();
      rows = [];
      for (const r of raw) {
        const unit = unitById.get(Number(r.unitId));
        const ind = indicatorById.get(Number(r.indicatorId));
        const endMonth = Number(r.endMonth);
        if (!unit || !ind) continue;
        rows.push({
          observationId: Number(r.id), unitId: unit.localId, unitCode: unit.code, indicatorId: ind.localId, indicatorCode: ind.code,
          period: String(r.period), startMonth: Number(r.startMonth), endMonth, value: Number(r.value), status: String(r.status),
          active: activeAtPeriodEnd(unit, endMonth),
        });
      }
    }

    const assembled = assembleComparison(rows, indicatorById, await this.targetsByUnit(units.map((u) => u.localId), scope.indicators && indicators.map((i) => i.localId)));
    let start = 0;
    if (after) {
      // First row whose key sorts after the cursor's (binary search: rows are in key order).
      let lo = 0;
      let hi = assembled.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (compareKeys(rowKey(assembled[mid].row), after) <= 0) lo = mid + 1;
        else hi = mid;
      }
      start = lo;
    }
    const page = assembled.slice(start, start + first).map((a): ComparisonRow => {
      const r = a.row;
      const unit = unitById.get(r.unitId)!;
      const ind = indicatorById.get(r.indicatorId)!;
      return {
        unitId: r.unitId, indicatorId: r.indicatorId, observationId: r.observationId,
        unitCode: unit.code, unitName: unit.shortName, indicatorCode: ind.code, indicatorName: ind.name, measure: ind.unit,
        period: r.period, year: Math.floor(r.endMonth / 12), value: r.value, status: r.status as ObservationStatus,
        target: a.target ? a.target.value : null, targetPeriod: a.target ? a.target.period : null, comparator: (a.target ? a.target.comparator : null) as Comparator | null,
        ratio: a.ratio, band: a.band, rank: a.rank, rankOf: a.rankOf,
      };
    });
    const edges = page.map((node, i) => ({ cursor: encodeCursor(rowKey(assembled[start + i].row)), node }));
    return {
      edges,
      nodes: page,
      pageInfo: { hasNextPage: start + first < assembled.length, endCursor: edges.length ? edges[edges.length - 1].cursor : (args.after ?? null) },
      totalCount: assembled.length,
      units,
      indicators,
    };
  }

  /** Targets of every term of the districts, with their terms' years (two statements). */
  private async targetsByUnit(unitIds: number[], indicatorIds: number[] | null): Promise<Map<number, TermTarget[]>> {
    const out = new Map<number, TermTarget[]>();
    if (!unitIds.length || (indicatorIds && !indicatorIds.length)) return out;
    const terms = await this.ds.getRepository(TermEntity).findBy({ unitId: In(unitIds) });
    if (!terms.length) return out;
    const termById = new Map(terms.map((t) => [t.id, t]));
    const targets = await this.ds.getRepository(TargetEntity).find({
      where: { termId: In(terms.map((t) => t.id)), ...(indicatorIds ? { indicatorId: In(indicatorIds) } : {}) },
    });
    for (const t of targets) {
      const term = termById.get(t.termId)!;
      const p = parsePeriod(t.period);
      const w = termWindow(term.startYear, term.endYear);
      const list = out.get(term.unitId) ?? [];
      list.push({
        targetId: t.id, termStartMonth: w.startMonth, termEndMonth: w.endMonth, indicatorId: t.indicatorId,
        period: t.period, startMonth: p.startMonth, endMonth: p.endMonth, value: t.value, comparator: t.comparator,
      });
      out.set(term.unitId, list);
    }
    return out;
  }
}
