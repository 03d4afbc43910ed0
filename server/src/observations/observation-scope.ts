import { injectable } from 'tsyringe';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { existedDuring } from '../common/year';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { badInput } from '../common/errors';
import { filterList } from '../common/paging';
import { parsePeriod } from '../common/period';
import { assertYear, firstMonthOf, lastMonthOf } from '../common/year';
import { sqlDateTime } from '../db/sql';
import { IndicatorService } from '../indicators/indicator.service';
import type { Indicator } from '../indicators/indicator.types';

/**
 * What a read of observations may be narrowed by; every given field must hold (AND). The
 * `observations` and `observationTable` filter and the arguments of `provinceComparison` are this.
 */
export interface ObservationScopeFilter {
  unitCodes?: string[] | null;
  /** The province's districts and communes (its own after the reform, its districts' before), not the province's own figures. */
  provinceCode?: string | null;
  indicatorCodes?: string[] | null;
  /** Exact periods. */
  periods?: string[] | null;
  /** Periods that start in or after this year. */
  fromYear?: number | null;
  /** Periods that end in or before this year. */
  toYear?: number | null;
  statuses?: string[] | null;
  /** Only values written at or after this instant. */
  updatedSince?: Date | null;
  /** false leaves FORECAST values out; absent keeps them. */
  includeForecasts?: boolean | null;
}

/** A validated filter: what it names resolved to ids and month bounds; null where it does not narrow. */
export interface ObservationScope {
  unitIds: number[] | null;
  /** The province named by provinceCode at the filter's end (the oldest when unbounded); analytics use it. */
  province: AdminUnit | null;
  /** Every province with provinceCode in the filtered years: the filter takes their children and grandchildren. */
  provinceIds: number[] | null;
  indicators: Indicator[] | null;
  periods: string[] | null;
  fromMonth: number | null;
  toMonth: number | null;
  statuses: string[] | null;
  updatedSince: Date | null;
  includeForecasts: boolean;
}

/** An IN list that matches nothing when empty (`IN ()` is not SQL). */
const orNone = <T>(values: T[], none: T) => (values.length ? values : [none]);

/** True when the scope names an empty list, so no observation can match it. */
export const scopeIsEmpty = (s: ObservationScope) =>
  s.unitIds?.length === 0 || s.indicators?.length === 0 || s.periods?.length === 0 || s.statuses?.length === 0;

/** Narrows a query builder over observations (alias `o`) to the scope. */
export function applyScope<T extends ObjectLiteral>(
  qb: SelectQueryBuilder<T>,
  s: ObservationScope,
): SelectQueryBuilder<T> {
  if (s.unitIds) qb.andWhere('o.unit_id IN (:...unitIds)', { unitIds: orNone(s.unitIds, -1) });
  // The provinces' districts and communes: children (districts; communes after the reform) and
  // grandchildren (the districts' communes before it).
  if (s.provinceIds)
    qb.andWhere(
      'o.unit_id IN (SELECT pu.id FROM admin_unit pu LEFT JOIN admin_unit pp ON pp.id = pu.parent_id WHERE pu.parent_id IN (:...provinceIds) OR pp.parent_id IN (:...provinceIds))',
      { provinceIds: orNone(s.provinceIds, -1) },
    );
  if (s.indicators)
    qb.andWhere('o.indicator_id IN (:...indicatorIds)', {
      indicatorIds: orNone(
        s.indicators.map((i) => i.localId),
        -1,
      ),
    });
  if (s.periods) qb.andWhere('o.period IN (:...periods)', { periods: orNone(s.periods, '') });
  if (s.fromMonth !== null) qb.andWhere('o.start_month >= :fromMonth', { fromMonth: s.fromMonth });
  if (s.toMonth !== null) qb.andWhere('o.end_month <= :toMonth', { toMonth: s.toMonth });
  if (s.statuses) qb.andWhere('o.status IN (:...statuses)', { statuses: orNone(s.statuses, '') });
  if (s.updatedSince) qb.andWhere('o.updated_at >= :since', { since: sqlDateTime(s.updatedSince) });
  if (!s.includeForecasts) qb.andWhere("o.status <> 'FORECAST'");
  return qb;
}

const given = <T>(v: T | null | undefined): v is T => v !== null && v !== undefined;

/**
 * Validates a filter into an ObservationScope: first what needs no database (list lengths,
 * periods, years, instants), then the codes (one statement per kind named). Errors are
 * BAD_USER_INPUT at `at` + the field (e.g. ['filter', 'periods']); a year outside 1900–2100 is
 * reported at the bare field name.
 */
@injectable()
export class ObservationScopeService {
  constructor(
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
  ) {}

  async resolve(f: ObservationScopeFilter, at: string[]): Promise<ObservationScope> {
    const field = (name: string) => [...at, name];
    const unitCodes = filterList(f.unitCodes, field('unitCodes'));
    const indicatorCodes = filterList(f.indicatorCodes, field('indicatorCodes'));
    const periods = filterList(f.periods, field('periods'));
    periods?.forEach((p) => parsePeriod(p, field('periods')));
    if (given(f.fromYear)) assertYear(f.fromYear, 'fromYear');
    if (given(f.toYear)) assertYear(f.toYear, 'toYear');
    if (given(f.fromYear) && given(f.toYear) && f.fromYear > f.toYear)
      throw badInput('INVALID_YEAR', 'fromYear must not be after toYear', field('fromYear'));
    const statuses = filterList(f.statuses, field('statuses'));
    if (given(f.updatedSince) && Number.isNaN(f.updatedSince.getTime())) {
      throw badInput('INVALID_DATETIME', 'updatedSince is not a valid date-time', field('updatedSince'));
    }
    // Codes name every unit that had them at some time in the filtered years (37 over 2024–2025: old
    // and merged Ninh Bình), so a series keeps its figures across the reform.
    const bounds = periods?.map((p) => parsePeriod(p, field('periods')));
    const fromMonth = Math.max(
      given(f.fromYear) ? firstMonthOf(f.fromYear) : -Infinity,
      bounds ? Math.min(...bounds.map((b) => b.startMonth)) : -Infinity,
    );
    const toMonth = Math.min(
      given(f.toYear) ? lastMonthOf(f.toYear) : Infinity,
      bounds ? Math.max(...bounds.map((b) => b.endMonth)) : Infinity,
    );
    const from = Number.isFinite(fromMonth) ? fromMonth : null;
    const to = Number.isFinite(toMonth) ? toMonth : null;
    const during = (units: AdminUnit[]) => units.filter((u) => existedDuring(u, from, to)).map((u) => u.localId);
    const provinces = given(f.provinceCode)
      ? await this.units.requireAllByCodes([f.provinceCode], field('provinceCode'), 'PROVINCE')
      : null;
    return {
      unitIds: unitCodes && during(await this.units.requireAllByCodes(unitCodes, field('unitCodes'))),
      // For analytics (provinceComparison): the province with the code at the filter's end, else the oldest.
      province: provinces && ((to !== null && provinces.find((u) => existedDuring(u, to, to))) || provinces[0]),
      provinceIds: provinces && during(provinces),
      indicators: indicatorCodes && (await this.indicators.requireByCodes(indicatorCodes, field('indicatorCodes'))),
      periods,
      fromMonth: given(f.fromYear) ? firstMonthOf(f.fromYear) : null,
      toMonth: given(f.toYear) ? lastMonthOf(f.toYear) : null,
      statuses,
      updatedSince: f.updatedSince ?? null,
      includeForecasts: f.includeForecasts ?? true,
    };
  }
}
