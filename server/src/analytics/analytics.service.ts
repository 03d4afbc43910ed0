import { injectable } from 'tsyringe';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import type { AdminLevelValue } from '../admin-units/admin-unit.entity';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { badInput } from '../common/errors';
import { parsePeriod, tryParsePeriod } from '../common/period';
import { IndicatorService } from '../indicators/indicator.service';
import type { Indicator } from '../indicators/indicator.types';
import { ObservationService } from '../observations/observation.service';
import { observationKey, type Observation } from '../observations/observation.types';
import { TermService, type TargetInTerm } from '../terms/term.service';
import { lastDayOfMonth } from './active';
import type { Progress } from './progress.types';
import { evaluateProgress, termWindow } from './progress';
import { competitionRank } from './ranking';
import type { RankedValue } from './ranking.types';

/** Key of the progress loader: target id and the asOf period ('' for none). */
/** Progress of one target as of a period (null: as of now). */
export interface ProgressKey {
  targetId: number;
  asOf: string | null;
}
export const progressCacheKey = (k: ProgressKey) => `${k.targetId}|${k.asOf ?? ''}`;

/**
 * Analytics over what the features read: every method fetches in a fixed number of statements
 * whatever the number of targets, districts or keys, then hands over to the pure functions
 * (progress.ts, ranking.ts). Observations are chosen by their start/end month ordinals, never by
 * parsing in SQL.
 */
@injectable()
export class AnalyticsService {
  constructor(
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
    private readonly observations: ObservationService,
    private readonly terms: TermService,
  ) {}

  /**
   * Progress of many targets at once: one statement for the targets with
   * their terms and indicators, one for every observation those targets can use.
   */
  async progressByKeys(keys: readonly ProgressKey[]): Promise<(Progress | Error)[]> {
    const parsed = keys.map(({ targetId, asOf }) => ({
      targetId,
      asOfEnd: asOf ? parsePeriod(asOf, ['asOf']).endMonth : null,
    }));
    const targets = await this.terms.targetsInTermsByIds([...new Set(parsed.map((p) => p.targetId))]);
    const byKey = await this.observationsForTargets([...targets.values()]);

    return parsed.map(({ targetId, asOfEnd }) => {
      const t = targets.get(targetId);
      if (!t) return new Error(`Target ${targetId} does not exist`);
      const { target } = t;
      const progress = evaluateProgress({
        target: { period: target.period, value: target.value, comparator: target.comparator },
        decimals: t.decimals,
        window: termWindow(t.startYear, t.endYear),
        asOfEnd,
        observations: byKey.get(`${t.unitId}|${target.indicatorId}`) ?? [],
      });
      return { target, ...progress };
    });
  }

  /** Every observation (any status) of the targets' units × indicators within their terms' and targets' months, by unit|indicator. */
  private async observationsForTargets(targets: TargetInTerm[]): Promise<Map<string, Observation[]>> {
    const out = new Map<string, Observation[]>();
    if (!targets.length) return out;
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of targets) {
      const w = termWindow(t.startYear, t.endYear);
      const p = tryParsePeriod(t.target.period);
      lo = Math.min(lo, w.startMonth, p?.startMonth ?? Infinity);
      hi = Math.max(hi, w.endMonth, p?.endMonth ?? -Infinity);
    }
    const units = [...new Set(targets.map((t) => t.unitId))];
    const indicators = [...new Set(targets.map((t) => t.target.indicatorId))];
    for (const r of await this.observations.ofUnitsAndIndicators(units, indicators, { startMonth: lo, endMonth: hi })) {
      const k = `${r.unitId}|${r.indicatorId}`;
      const list = out.get(k);
      if (list) list.push(r);
      else out.set(k, [r]);
    }
    return out;
  }

  /**
   * Contract `ranking`: the province's units of one level (DISTRICT or COMMUNE) active at the
   * period's end with a non-FORECAST value at exactly that period, best first by the indicator's
   * direction, competition ranks. Without `level`, the level below the province at the period's
   * end: districts when the province had districts then (before the 2025 reform), else communes.
   * Five statements: token, province and indicator (at once), the units of the level, observations.
   * `units` lets the caller prime its loader.
   */
  async ranking(
    provinceCode: string,
    indicatorCode: string,
    periodText: string,
    level: AdminLevelValue | null = null,
  ): Promise<{ ranked: RankedValue[]; units: AdminUnit[]; level: AdminLevelValue }> {
    const period = parsePeriod(periodText, ['period']);
    if (level !== null && level !== 'DISTRICT' && level !== 'COMMUNE')
      throw badInput(
        'INVALID_RANKING_LEVEL',
        `ranking compares the units of a province: level is DISTRICT or COMMUNE, not ${level}`,
        ['level'],
      );
    // The province with the code at the period's end (37 in 2024: old Ninh Bình; in 2025-09: the
    // merged one), or, when none had it then, the oldest unit with the code.
    const endDay = lastDayOfMonth(period.endMonth);
    // The province and the indicator at once (two connections on MariaDB); an unknown province is
    // reported before an unknown indicator, whichever answer comes first.
    const [provinceRead, indicatorRead] = await Promise.allSettled([
      (async () =>
        (await this.units.byCodeOn(provinceCode, 'PROVINCE', endDay)) ??
        (await this.units.requireAllByCodes([provinceCode], ['provinceCode'], 'PROVINCE'))[0])(),
      this.indicators.requireByCode(indicatorCode, ['indicatorCode']),
    ]);
    if (provinceRead.status === 'rejected') throw provinceRead.reason;
    if (indicatorRead.status === 'rejected') throw indicatorRead.reason;
    const [province, indicator] = [provinceRead.value, indicatorRead.value];
    // Units of the level that existed on the period's last day (activeAtPeriodEnd); without a
    // level, the districts, or the communes when the province had no district then.
    const active = await this.units.subdivisionsOf(province.localId, endDay, level ?? 'DISTRICTS_ELSE_COMMUNES');
    // (No unit at all: COMMUNE, as when the province had no district.)
    const chosen = level ?? (active[0]?.level === 'DISTRICT' ? 'DISTRICT' : 'COMMUNE');
    const found = await this.observations.ofUnitsAt(
      active.map((u) => u.localId),
      indicator.localId,
      period.text,
    );
    const ranked = rankAmong(active, indicator, period.text, found);
    // What the sentences say of the whole ranking: the kinds of the units ranked, shared ranks.
    const kinds = [...new Set(ranked.map((r) => r.unit.kind))];
    const perRank = new Map<number, number>();
    for (const r of ranked) perRank.set(r.rank, (perRank.get(r.rank) ?? 0) + 1);
    const about = { name: indicator.name, unit: indicator.unit, decimals: indicator.decimals };
    return {
      ranked: ranked.map((r) => ({
        ...r,
        context: { indicator: about, level: chosen, kinds, tied: perRank.get(r.rank)! > 1 },
      })),
      units: active,
      level: chosen,
    };
  }
}

/**
 * The ranking rule over units already chosen: those with a non-FORECAST value at exactly `period`
 * (`found`, by observationKey), best first by the indicator's direction at its decimals, ties by
 * unit code. Shared by `ranking` and the Excel functions' cells (cells.service.ts).
 */
export function rankAmong(
  active: readonly AdminUnit[],
  indicator: Pick<Indicator, 'localId' | 'direction' | 'decimals'>,
  period: string,
  found: ReadonlyMap<string, Observation>,
): Omit<RankedValue, 'context'>[] {
  const values = active.flatMap((unit) => {
    const observation = found.get(observationKey(unit.localId, indicator.localId, period));
    return observation && observation.status !== 'FORECAST' ? [{ unit, observation }] : [];
  });
  return competitionRank(
    values,
    (v) => v.observation.value,
    indicator.direction,
    indicator.decimals,
    (a, b) => (a.unit.code < b.unit.code ? -1 : 1),
  ).map(({ item, rank, of }) => ({
    unit: item.unit,
    observation: item.observation,
    value: item.observation.value,
    rank,
    of,
  }));
}
