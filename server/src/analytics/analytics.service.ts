import { injectable } from 'tsyringe';
import { DataSource, In } from 'typeorm';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { parsePeriod, tryParsePeriod } from '../common/period';
import { IndicatorEntity } from '../indicators/indicator.entity';
import { IndicatorService } from '../indicators/indicator.service';
import { ObservationEntity } from '../observations/observation.entity';
import { ObservationScopeService } from '../observations/observation-scope';
import { parseObservationKey, presentObservation, type Observation } from '../observations/observation.types';
import { inChunks } from '../db/sql';
import { TargetEntity } from '../terms/target.entity';
import { TermEntity } from '../terms/term.entity';
import { presentTarget } from '../terms/term.types';
import { activeAtPeriodEnd } from './active';
import { ComparisonService } from './comparison.service';
import type { Progress } from './progress.types';
import { evaluateProgress, termWindow, type ComparatorValue } from './progress';
import { competitionRank } from './ranking';
import type { RankedValue } from './ranking.types';

/** Key of the progress loader: target id and the asOf period ('' for none). */
export const progressKey = (targetId: number, asOf: string | null) => `${targetId}|${asOf ?? ''}`;

interface TargetRow {
  id: number;
  termId: number;
  indicatorId: number;
  period: string;
  value: string | number;
  comparator: ComparatorValue;
  note: string | null;
  unitId: number;
  startYear: number;
  endYear: number;
  decimals: number;
}

/**
 * The SQL side of analytics: every method fetches in a fixed number of statements whatever the
 * number of targets, districts or keys, then hands over to the pure functions (progress.ts,
 * ranking.ts). Observations are chosen by their start/end month ordinals, never by parsing in SQL.
 */
@injectable()
export class AnalyticsService {
  /** The province-wide comparison (its own file: it is the biggest query). */
  readonly comparison: ComparisonService;

  constructor(
    private readonly ds: DataSource,
    private readonly units: AdminUnitService = new AdminUnitService(ds),
    private readonly indicators: IndicatorService = new IndicatorService(ds),
  ) {
    this.comparison = new ComparisonService(ds, new ObservationScopeService(units, indicators), units, indicators);
  }

  /**
   * Progress of many targets at once (keys from progressKey): one statement for the targets with
   * their terms and indicators, one for every observation those targets can use.
   */
  async progressByKeys(keys: readonly string[]): Promise<(Progress | Error)[]> {
    const parsed = keys.map((k) => {
      const [id, asOf] = k.split('|');
      return { targetId: Number(id), asOfEnd: asOf ? parsePeriod(asOf, ['asOf']).endMonth : null };
    });
    const ids = [...new Set(parsed.map((p) => p.targetId))];
    const targets = new Map<number, TargetRow>();
    for (const part of inChunks(ids)) {
      const rows: TargetRow[] = await this.ds
        .createQueryBuilder()
        .select('t.id', 'id')
        .addSelect('t.term_id', 'termId')
        .addSelect('t.indicator_id', 'indicatorId')
        .addSelect('t.period', 'period')
        .addSelect('t.value', 'value')
        .addSelect('t.comparator', 'comparator')
        .addSelect('t.note', 'note')
        .addSelect('tm.unit_id', 'unitId')
        .addSelect('tm.start_year', 'startYear')
        .addSelect('tm.end_year', 'endYear')
        .addSelect('i.decimals', 'decimals')
        .from(TargetEntity, 't')
        .innerJoin(TermEntity, 'tm', 'tm.id = t.term_id')
        .innerJoin(IndicatorEntity, 'i', 'i.id = t.indicator_id')
        .where('t.id IN (:...ids)', { ids: part })
        .getRawMany();
      for (const r of rows) targets.set(Number(r.id), { ...r, id: Number(r.id), termId: Number(r.termId), indicatorId: Number(r.indicatorId), unitId: Number(r.unitId), startYear: Number(r.startYear), endYear: Number(r.endYear), decimals: Number(r.decimals) });
    }

    const byKey = await this.observationsForTargets([...targets.values()]);
    const presented = new Map<number, Observation>();
    const present = (e: ObservationEntity | null) => {
      if (!e) return null;
      let o = presented.get(e.id);
      if (!o) presented.set(e.id, (o = presentObservation(e)));
      return o;
    };

    return parsed.map(({ targetId, asOfEnd }) => {
      const t = targets.get(targetId);
      if (!t) return new Error(`Target ${targetId} does not exist`);
      const result = evaluateProgress({
        target: { period: t.period, value: Number(t.value), comparator: t.comparator },
        decimals: t.decimals,
        window: termWindow(t.startYear, t.endYear),
        asOfEnd,
        observations: byKey.get(`${t.unitId}|${t.indicatorId}`) ?? [],
      });
      return {
        target: presentTarget({ id: t.id, termId: t.termId, indicatorId: t.indicatorId, period: t.period, value: Number(t.value), comparator: t.comparator, note: t.note }),
        observation: present(result.observation),
        ratio: result.ratio,
        band: result.band,
        forecast: result.forecast,
        forecastValue: result.forecastValue,
        forecastMethod: result.forecastMethod,
        forecastObservation: present(result.forecastObservation),
      };
    });
  }

  /** Every observation (any status) of the targets' units × indicators within their terms' and targets' months. */
  private async observationsForTargets(targets: TargetRow[]): Promise<Map<string, ObservationEntity[]>> {
    const out = new Map<string, ObservationEntity[]>();
    if (!targets.length) return out;
    let lo = Infinity;
    let hi = -Infinity;
    for (const t of targets) {
      const w = termWindow(t.startYear, t.endYear);
      const p = tryParsePeriod(t.period);
      lo = Math.min(lo, w.startMonth, p?.startMonth ?? Infinity);
      hi = Math.max(hi, w.endMonth, p?.endMonth ?? -Infinity);
    }
    const units = [...new Set(targets.map((t) => t.unitId))];
    const indicators = [...new Set(targets.map((t) => t.indicatorId))];
    // Units and indicators share a statement's parameters: half each.
    for (const unitPart of inChunks(units, 2)) {
      for (const indPart of inChunks(indicators, 2)) {
        const rows = await this.ds
          .getRepository(ObservationEntity)
          .createQueryBuilder('o')
          .where('o.unit_id IN (:...units)', { units: unitPart })
          .andWhere('o.indicator_id IN (:...indicators)', { indicators: indPart })
          .andWhere('o.start_month >= :lo AND o.end_month <= :hi', { lo, hi })
          .getMany();
        for (const r of rows) {
          const k = `${r.unitId}|${r.indicatorId}`;
          const list = out.get(k);
          if (list) list.push(r);
          else out.set(k, [r]);
        }
      }
    }
    return out;
  }

  /**
   * Contract `ranking`: the province's districts active at the period with a non-FORECAST value at
   * exactly that period, best first by the indicator's direction, competition ranks.
   * Four statements: province, indicator, districts, observations. `units` lets the caller prime its loader.
   */
  async ranking(provinceCode: string, indicatorCode: string, periodText: string): Promise<{ ranked: RankedValue[]; units: AdminUnit[] }> {
    const period = parsePeriod(periodText, ['period']);
    const province = await this.units.requireProvince(provinceCode, ['provinceCode']);
    const indicator = await this.indicators.requireByCode(indicatorCode, ['indicatorCode']);
    const units = (await this.units.districtsOf([province.localId], null)).get(province.localId)!;
    const active = new Map(units.filter((u) => activeAtPeriodEnd(u, period.endMonth)).map((u) => [u.localId, u]));
    const rows = active.size
      ? await this.ds.getRepository(ObservationEntity).find({
          where: { unitId: In([...active.keys()]), indicatorId: indicator.localId, period: period.text },
        })
      : [];
    const values = rows.filter((r) => r.status !== 'FORECAST').map((r) => ({ unit: active.get(r.unitId)!, observation: presentObservation(r) }));
    const ranked = competitionRank(values, (v) => v.observation.value, indicator.direction, indicator.decimals, (a, b) => (a.unit.code < b.unit.code ? -1 : 1));
    return {
      ranked: ranked.map(({ item, rank, of }) => ({ unit: item.unit, observation: item.observation, value: item.observation.value, rank, of })),
      units,
    };
  }

  /**
   * Observations by key `${unitId}|${indicatorId}|${period}` (for relativeTo): one statement per
   * chunk, grouped by period so the usual case (many observations against one base period) is one.
   */
  async observationsByKeys(keys: readonly string[]): Promise<Map<string, Observation>> {
    const out = new Map<string, Observation>();
    const wanted = new Set(keys);
    const split = keys.map(parseObservationKey);
    const units = [...new Set(split.map((s) => s[0]))];
    const indicators = [...new Set(split.map((s) => s[1]))];
    const periods = [...new Set(split.map((s) => s[2]))];
    // Units, indicators and periods share a statement's parameters: a third each.
    for (const u of inChunks(units, 3)) for (const i of inChunks(indicators, 3)) for (const p of inChunks(periods, 3)) {
      const rows = await this.ds.getRepository(ObservationEntity).find({ where: { unitId: In(u), indicatorId: In(i), period: In(p) } });
      for (const r of rows) {
        const k = `${r.unitId}|${r.indicatorId}|${r.period}`;
        if (wanted.has(k)) out.set(k, presentObservation(r));
      }
    }
    return out;
  }
}
