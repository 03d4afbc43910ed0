import { injectable } from 'tsyringe';
import { MAX_CELLS, parseTerm, TERM_HELP } from '../../../schema/contract/cells';
import type { ReasonCode } from '../../../schema/contract/reasons';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { badInput } from '../common/errors';
import { PERIOD_HELP, tryParsePeriod, type Period } from '../common/period';
import { existedOn } from '../common/year';
import { IndicatorService } from '../indicators/indicator.service';
import type { Indicator } from '../indicators/indicator.types';
import { ObservationService } from '../observations/observation.service';
import { observationKey } from '../observations/observation.types';
import { TermService } from '../terms/term.service';
import type { Target, Term } from '../terms/term.types';
import { lastDayOfMonth } from './active';
import { AnalyticsService, rankAmong } from './analytics.service';
import { AchievementBand } from './enums';
import type { CellQuery, CellValue } from './cells.types';

type Answer = CellValue;
const value = (v: number): Answer => ({ value: v, code: null, message: null });
const none = (code: ReasonCode, message: string): Answer => ({ value: null, code, message });

/**
 * The target a TARGET or PROGRESS cell means when a term sets several for one indicator (a yearly
 * one and a span): the one ending last, the longer on equal end ("2021..2025" over "2025").
 */
export function targetOfTerm(targets: readonly Target[]): Target | null {
  let best: { t: Target; p: Period } | null = null;
  for (const t of targets) {
    const p = tryParsePeriod(t.period);
    if (!p) continue;
    if (!best || p.endMonth > best.p.endMonth || (p.endMonth === best.p.endMonth && p.startMonth < best.p.startMonth))
      best = { t, p };
  }
  return best?.t ?? null;
}

/**
 * `cellValues`: the Excel functions' cells, answered in a fixed number of statements whatever their
 * number: units and indicators by code, observations by key, terms and targets of the units, the
 * progress of the targets (AnalyticsService), and one ranking per province × indicator × period ×
 * level among the cells. A cell without a value gets a reason code and message; the request fails
 * only when it is too large.
 */
@injectable()
export class CellsService {
  constructor(
    private readonly units: AdminUnitService,
    private readonly indicators: IndicatorService,
    private readonly observations: ObservationService,
    private readonly terms: TermService,
    private readonly analytics: AnalyticsService,
  ) {}

  async evaluate(cells: readonly CellQuery[]): Promise<Answer[]> {
    if (cells.length > MAX_CELLS)
      throw badInput('TOO_MANY_CELLS', `At most ${MAX_CELLS} cells in one request (got ${cells.length})`, ['cells']);
    const out: (Answer | null)[] = cells.map(() => null);
    const unitsByCode = await this.units.allByCodes(cells.map((c) => c.unitCode));
    const indicators = await this.indicators.byCodes([...new Set(cells.map((c) => c.indicatorCode))]);

    const byPeriod: { i: number; unit: AdminUnit; indicator: Indicator; period: Period }[] = [];
    const byTerm: {
      i: number;
      units: AdminUnit[];
      indicator: Indicator;
      years: { startYear: number; endYear: number };
    }[] = [];
    cells.forEach((c, i) => {
      const known = unitsByCode.get(c.unitCode);
      if (!known) return (out[i] = none('UNKNOWN_UNIT', `No unit has code "${c.unitCode}"`));
      const indicator = indicators.get(c.indicatorCode);
      if (!indicator) return (out[i] = none('UNKNOWN_INDICATOR', `No indicator has code "${c.indicatorCode}"`));
      if (c.function === 'VALUE' || c.function === 'RANK') {
        const period = tryParsePeriod(c.period ?? '');
        if (!period) return (out[i] = none('INVALID_PERIOD', `"${c.period ?? ''}" is not a period: ${PERIOD_HELP}`));
        const day = lastDayOfMonth(period.endMonth);
        const unit = known.find((u) => existedOn(u, day));
        if (!unit)
          return (out[i] = none('UNIT_INACTIVE', `No unit had code "${c.unitCode}" at the end of ${period.text}`));
        byPeriod.push({ i, unit, indicator, period });
      } else {
        const years = parseTerm(c.term ?? '');
        if (!years) return (out[i] = none('INVALID_TERM', `"${c.term ?? ''}" is not a term: ${TERM_HELP}`));
        if (c.asOf !== null && c.asOf !== undefined && !tryParsePeriod(c.asOf))
          return (out[i] = none('INVALID_PERIOD', `asOf "${c.asOf}" is not a period: ${PERIOD_HELP}`));
        byTerm.push({ i, units: known, indicator, years });
      }
    });

    await this.values(
      cells,
      byPeriod.filter((c) => cells[c.i].function === 'VALUE'),
      out,
    );
    await this.ranks(
      byPeriod.filter((c) => cells[c.i].function === 'RANK'),
      out,
    );
    await this.targets(cells, byTerm, out);
    return out.map((a) => a ?? none('NO_OBSERVATION', 'No value'));
  }

  private async values(
    cells: readonly CellQuery[],
    list: { i: number; unit: AdminUnit; indicator: Indicator; period: Period }[],
    out: (Answer | null)[],
  ): Promise<void> {
    if (!list.length) return;
    const found = await this.observations.byKeys(
      list.map((c) => ({ unitId: c.unit.localId, indicatorId: c.indicator.localId, period: c.period.text })),
    );
    for (const c of list) {
      const o = found.get(observationKey(c.unit.localId, c.indicator.localId, c.period.text));
      out[c.i] = o
        ? value(o.value)
        : none('NO_OBSERVATION', `${c.unit.name} has no value of ${cells[c.i].indicatorCode} for ${c.period.text}`);
    }
  }

  private async ranks(
    list: { i: number; unit: AdminUnit; indicator: Indicator; period: Period }[],
    out: (Answer | null)[],
  ): Promise<void> {
    if (!list.length) return;
    // Each unit's province: a district's parent; a commune's parent, or its district's parent before 2025-07-01.
    const parents = await this.units.byIds([...new Set(list.map((c) => c.unit.parentId ?? 0))]);
    const grand = await this.units.byIds(
      [...parents.values()].filter((p) => p.level === 'DISTRICT').map((p) => p.parentId ?? 0),
    );
    const provinceOf = (u: AdminUnit): AdminUnit | null => {
      const p = parents.get(u.parentId ?? 0);
      if (!p) return null;
      return p.level === 'PROVINCE' ? p : (grand.get(p.parentId ?? 0) ?? null);
    };
    const groups = new Map<string, { province: AdminUnit; cells: typeof list }>();
    for (const c of list) {
      if (c.unit.level === 'PROVINCE') {
        out[c.i] = none(
          'INVALID_RANKING_LEVEL',
          `${c.unit.name} is a province: ranks compare the districts or communes of a province`,
        );
        continue;
      }
      const province = provinceOf(c.unit);
      if (!province) {
        out[c.i] = none('NOT_RANKED', `${c.unit.name} lies in no province`);
        continue;
      }
      const key = `${province.code}|${c.indicator.code}|${c.period.text}|${c.unit.level}`;
      const g = groups.get(key);
      if (g) g.cells.push(c);
      else groups.set(key, { province, cells: [c] });
    }
    // Units of both levels at each period's end, once per province × period; then every group's
    // observations in one read, ranked by the API's own rule (rankAmong).
    const below = new Map<string, AdminUnit[]>();
    for (const { province, cells } of groups.values()) {
      const day = lastDayOfMonth(cells[0].period.endMonth);
      const key = `${province.localId}|${day}`;
      if (!below.has(key)) below.set(key, await this.units.subdivisionsOf(province.localId, day));
    }
    const chosen = [...groups.values()].map(({ province, cells }) => {
      const { indicator, period, unit } = cells[0];
      const day = lastDayOfMonth(period.endMonth);
      return {
        cells,
        indicator,
        period,
        active: below.get(`${province.localId}|${day}`)!.filter((u) => u.level === unit.level),
      };
    });
    const found = await this.observations.byKeys(
      chosen.flatMap(({ active, indicator, period }) =>
        active.map((u) => ({ unitId: u.localId, indicatorId: indicator.localId, period: period.text })),
      ),
    );
    for (const { cells, indicator, period, active } of chosen) {
      const rankOf = new Map(rankAmong(active, indicator, period.text, found).map((r) => [r.unit.localId, r.rank]));
      for (const c of cells) {
        const rank = rankOf.get(c.unit.localId);
        out[c.i] =
          rank === undefined
            ? none('NOT_RANKED', `${c.unit.name} has no reported value of ${c.indicator.code} for ${c.period.text}`)
            : value(rank);
      }
    }
  }

  private async targets(
    cells: readonly CellQuery[],
    list: { i: number; units: AdminUnit[]; indicator: Indicator; years: { startYear: number; endYear: number } }[],
    out: (Answer | null)[],
  ): Promise<void> {
    if (!list.length) return;
    const termsByUnit = await this.terms.byUnitIds([...new Set(list.flatMap((c) => c.units.map((u) => u.localId)))]);
    // The newest unit with the code that has a term with these years (codes are reused across time).
    const termOf = (c: (typeof list)[number]): Term | null => {
      for (const u of [...c.units].reverse()) {
        const t = termsByUnit
          .get(u.localId)
          ?.find((t) => t.startYear === c.years.startYear && t.endYear === c.years.endYear);
        if (t) return t;
      }
      return null;
    };
    const chosen = list.map((c) => ({ c, term: termOf(c) }));
    const targetsByTerm = await this.terms.targetsByTermIds([
      ...new Set(chosen.flatMap(({ term }) => (term ? [term.localId] : []))),
    ]);
    const progressWanted: { i: number; targetId: number; asOf: string | null }[] = [];
    for (const { c, term } of chosen) {
      const cell = cells[c.i];
      const termText = `${c.years.startYear}-${c.years.endYear}`;
      if (!term) {
        out[c.i] = none('UNKNOWN_TERM', `Unit "${cell.unitCode}" has no congress term ${termText}`);
        continue;
      }
      const target = targetOfTerm(
        (targetsByTerm.get(term.localId) ?? []).filter((t) => t.indicatorId === c.indicator.localId),
      );
      if (!target) {
        out[c.i] = none(
          'NO_TARGET',
          `The ${termText} resolution of "${cell.unitCode}" sets no target for ${c.indicator.code}`,
        );
        continue;
      }
      if (cell.function === 'TARGET') out[c.i] = value(target.value);
      else progressWanted.push({ i: c.i, targetId: target.localId, asOf: cell.asOf ?? null });
    }
    if (!progressWanted.length) return;
    const progress = await this.analytics.progressByKeys(
      progressWanted.map(({ targetId, asOf }) => ({ targetId, asOf })),
    );
    progressWanted.forEach(({ i }, k) => {
      const p = progress[k];
      if (p instanceof Error) throw p;
      out[i] =
        p.ratio !== null && p.ratio !== undefined
          ? value(p.ratio)
          : p.band === AchievementBand.NO_DATA
            ? none('NO_OBSERVATION', `No value of ${cells[i].indicatorCode} counts towards the target yet`)
            : none('NO_RATIO', 'The target or the value is zero or negative: no ratio');
    });
  }
}
