import { injectable } from 'tsyringe';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { AdminLevel } from '../admin-units/admin-unit.types';
import { IndicatorService } from '../indicators/indicator.service';
import type { Indicator } from '../indicators/indicator.types';
import { exactDifference, exactSum, exactWeightedMean } from '../common/exact';
import { BoundaryService } from '../observations/boundary.service';
import { ObservationScopeService, type ObservationScope } from '../observations/observation-scope';
import { ObservationService } from '../observations/observation.service';
import type { ObservationStatus } from '../observations/observation.types';
import { activeAtPeriodEnd } from './active';
import type { RollUpRow } from './rollup.types';
import type { ProvinceScope } from './province-args';

export type RollUpArgs = ProvinceScope;

/** A value at a unit × indicator × period, as the roll-up needs it. */
interface Cell {
  unitId: number;
  indicatorId: number;
  period: string;
  endMonth: number;
  value: number;
  status: string;
  derived: boolean;
  complete: boolean;
}

const FINALITY = ['FORECAST', 'ESTIMATED', 'PRELIMINARY', 'OFFICIAL'];
const key = (unitId: number, indicatorId: number, period: string) => `${unitId}|${indicatorId}|${period}`;

/**
 * Province figures recomputed from the units one level down by each indicator's rule, beside what the
 * province reported: districts while the province had districts at the period's end, communes after.
 * As reported, the province of a period is the unit with the code at its end (37 in 2023: old Ninh
 * Bình; in 2025: the merged one). On the boundaries of a date, the province is the one in force then,
 * its figure for earlier periods derived from the provinces it came from and its districts those of
 * all of them (new Ninh Bình's 2023 = the districts of old 35, 36 and 37).
 */
@injectable()
export class RollUpService {
  constructor(
    private readonly scopes: ObservationScopeService,
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
    private readonly observations: ObservationService,
    private readonly boundaries: BoundaryService,
  ) {}

  async rollUp(args: RollUpArgs): Promise<RollUpRow[]> {
    const scope = await this.scopes.resolve({ ...args, includeForecasts: Boolean(args.includeForecasts) }, []);
    const wanted = scope.indicators ?? (await this.indicators.list({}));
    const weightIds = wanted.flatMap((i) =>
      i.aggregation === 'WEIGHTED_MEAN' && i.weightIndicatorId !== null ? [i.weightIndicatorId] : [],
    );
    const extra = [
      ...(await this.indicators.byIds(weightIds.filter((id) => !wanted.some((w) => w.localId === id)))).values(),
    ];
    const readScope: ObservationScope = { ...scope, indicators: [...wanted, ...extra], statuses: null };

    const { provinces, districts, communes, cells } = args.on
      ? await this.onBoundaries(readScope, args.on)
      : await this.asReported(readScope);
    const byKey = new Map(cells.map((c) => [key(c.unitId, c.indicatorId, c.period), c]));

    // Every indicator × period with a value, at the province or below.
    const samples = new Map<string, Cell>();
    for (const c of cells)
      if (wanted.some((w) => w.localId === c.indicatorId)) samples.set(`${c.indicatorId}|${c.period}`, c);

    const rows: RollUpRow[] = [];
    for (const s of samples.values()) {
      const indicator = wanted.find((w) => w.localId === s.indicatorId)!;
      const province = provinces.find((p) => activeAtPeriodEnd(p, s.endMonth)) ?? provinces[0];
      const owned = (u: AdminUnit) => (args.on ? true : u.parentId === province.localId);
      const districtsThen = districts.filter((d) => owned(d) && activeAtPeriodEnd(d, s.endMonth));
      const level = districtsThen.length ? AdminLevel.DISTRICT : AdminLevel.COMMUNE;
      const expected = districtsThen.length
        ? districtsThen
        : communes.filter((c) =>
            args.on ? true : c.parentId === province.localId && activeAtPeriodEnd(c, s.endMonth),
          );
      const reported = byKey.get(key(province.localId, s.indicatorId, s.period)) ?? null;
      const rolled = this.combine(indicator, expected, byKey, s.period);
      rows.push({
        indicatorCode: indicator.code,
        indicatorName: indicator.name,
        measure: indicator.unit,
        period: s.period,
        year: Math.floor(s.endMonth / 12),
        level,
        reported: reported?.value ?? null,
        reportedStatus: (reported?.status ?? null) as ObservationStatus | null,
        reportedDerived: reported?.derived ?? false,
        rolledUp: rolled.value,
        difference: reported && rolled.value !== null ? exactDifference(reported.value, rolled.value) : null,
        units: expected.length,
        reporting: rolled.values.length,
        complete:
          rolled.value !== null && rolled.values.length === expected.length && rolled.values.every((c) => c.complete),
      });
    }
    return rows.sort((a, b) =>
      a.indicatorCode !== b.indicatorCode
        ? a.indicatorCode < b.indicatorCode
          ? -1
          : 1
        : a.year !== b.year
          ? a.year - b.year
          : a.period < b.period
            ? -1
            : a.period > b.period
              ? 1
              : 0,
    );
  }

  /** The units' values combined by the indicator's rule (null for NONE or when none reported). */
  private combine(indicator: Indicator, units: readonly AdminUnit[], byKey: ReadonlyMap<string, Cell>, period: string) {
    const values: Cell[] = [];
    const weighted: { value: number; weight: number }[] = [];
    for (const u of units) {
      const v = byKey.get(key(u.localId, indicator.localId, period));
      if (!v) continue;
      if (indicator.aggregation === 'WEIGHTED_MEAN') {
        const w =
          indicator.weightIndicatorId === null
            ? undefined
            : byKey.get(key(u.localId, indicator.weightIndicatorId, period));
        if (!w) continue;
        weighted.push({ value: v.value, weight: w.value });
        values.push(v.complete && w.complete ? v : { ...v, complete: false });
      } else values.push(v);
    }
    let value: number | null = null;
    if (values.length && indicator.aggregation === 'SUM') value = exactSum(values.map((v) => v.value));
    if (values.length && indicator.aggregation === 'WEIGHTED_MEAN') value = exactWeightedMean(weighted);
    return {
      value,
      values,
      status: values.map((v) => v.status).sort((a, b) => FINALITY.indexOf(a) - FINALITY.indexOf(b))[0],
    };
  }

  /** As reported: every province with the code in the filtered years, their districts and own communes, their stored values. */
  private async asReported(scope: ObservationScope) {
    const ids = scope.provinceIds ?? [];
    const provinces = [...(await this.units.byIds(ids)).values()];
    const districts = [...(await this.units.districtsOf(ids, null)).values()].flat();
    const communes = [...(await this.units.communesOf(ids, null)).values()]
      .flat()
      .filter((c) => ids.includes(c.parentId ?? -1));
    const unitIds = [...provinces, ...districts, ...communes].map((u) => u.localId);
    const cells: Cell[] = (await this.observations.valuesInScope({ ...scope, unitIds, provinceIds: null })).map(
      (v) => ({ ...v, derived: false, complete: true }),
    );
    return { provinces, districts, communes, cells };
  }

  /** On the boundaries of `on`: the province in force, the districts of every province it came from, its communes then. */
  private async onBoundaries(scope: ObservationScope, on: string) {
    const images = await this.boundaries.images(scope.provinceIds ?? [], on);
    const provinces = [...(await this.units.byIds(images)).values()].filter((p) => p.level === 'PROVINCE');
    const ids = provinces.map((p) => p.localId);
    const lineage = await this.boundaries.lineageOf(ids, on);
    const ancestors = [...new Set([...ids, ...[...lineage.closure.values()].flat().map((c) => c.unitId)])];
    const districts = [...(await this.units.districtsOf(ancestors, null)).values()].flat();
    const communes = [...(await this.units.communesOf(ids, on)).values()]
      .flat()
      .filter((c) => ids.includes(c.parentId ?? -1));
    const unitIds = [...provinces, ...districts, ...communes].map((u) => u.localId);
    const cells: Cell[] = (await this.boundaries.valuesOf(unitIds, scope, on)).map((v) => ({ ...v }));
    return { provinces, districts, communes, cells };
  }
}
