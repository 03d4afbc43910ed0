import { exactSum, exactWeightedMean } from '../common/exact';
import type { AggregationValue } from '../indicators/indicator.entity';
import type { LinkKindValue } from '../admin-units/unit-lineage.entity';

/**
 * Pure combination of figures reported by units that no longer exist into the units that succeeded
 * them ("history on today's boundaries"). The SQL side (boundary.service.ts) only fetches.
 *
 * For a unit in force on the chosen date (the target) whose predecessors reported a value at an
 * indicator × period the target itself has no value for, the derived value is:
 * - SUM: the sum of the predecessors' values, computed on decimals (exact at the stored scale);
 * - WEIGHTED_MEAN: Σ value × weight / Σ weight over the predecessors that have both the value and the
 *   weight indicator's value at the same period, rounded half away from zero to the stored scale
 *   (6 decimals);
 * - NONE: only when the target has exactly one predecessor and took it over wholly (a renamed
 *   commune): its value as it is; otherwise nothing.
 * `complete` is false when the figure is an approximation: a predecessor went into the target only in
 * part (PARTIAL), or a predecessor has no value (or, for WEIGHTED_MEAN, no weight) at that period.
 * The status is the least final of the contributors' (FORECAST < ESTIMATED < PRELIMINARY < OFFICIAL).
 */

/** A predecessor of a target unit and how it went into it. */
export interface Contributor {
  unitId: number;
  kind: LinkKindValue;
}

/** A value of a unit × indicator × period as the combination needs it. */
export interface SourceValue {
  unitId: number;
  indicatorId: number;
  period: string;
  startMonth: number;
  endMonth: number;
  value: number;
  status: string;
  updatedAt: Date;
}

export interface Rule {
  aggregation: AggregationValue;
  weightIndicatorId: number | null;
}

/** A value combined into a target unit (`unitId`); `updatedAt` is the latest write among its sources. */
export interface DerivedValue extends SourceValue {
  complete: boolean;
  /** The units whose stored values went into it, by id. */
  contributorIds: number[];
}

const FINALITY = ['FORECAST', 'ESTIMATED', 'PRELIMINARY', 'OFFICIAL'];
const leastFinal = (statuses: readonly string[]) =>
  statuses.reduce((a, b) => (FINALITY.indexOf(b) < FINALITY.indexOf(a) ? b : a));

// The exact arithmetic lives in common/exact.ts (shared with analytics); re-exported for callers here.
export { exactSum, exactWeightedMean, fromScaled, toScaled } from '../common/exact';

const cellKey = (unitId: number, indicatorId: number, period: string) => `${unitId}|${indicatorId}|${period}`;

/** A unit's value at a cell, stored or combined from its predecessors. */
interface Resolved {
  value: number;
  status: string;
  complete: boolean;
  /** Units whose stored values it is made of. */
  leaves: number[];
  updatedAt: number;
}

/** What the combination reads: stored values, direct lineage links, which units stand for themselves. */
export interface Lineage {
  /** Direct predecessors of each unit (one reorganisation step). */
  predecessorsOf: ReadonlyMap<number, readonly Contributor[]>;
  /** Units in force on the boundaries' date: their own values stand for them, never combined into another. */
  inForce: (unitId: number) => boolean;
}

/**
 * Derived values of every target at every indicator × period one of its predecessors (through any
 * number of reorganisations) reported, except where the target reported a value itself (the
 * reported figure stands). Combination is step by step: a unit's value at a period is its own if
 * it reported one, else the combination of its direct predecessors' values; so a unit formed in a
 * first reorganisation and merged in a second contributes its own figure for the periods it
 * reported, and its predecessors' for the periods before. `values` must hold the stored values of
 * every unit in the targets' lineage for the indicators wanted and, for WEIGHTED_MEAN, their weight
 * indicators; `wanted` says which indicators to derive (the weights may be read only to weigh).
 */
export function deriveValues(
  targetIds: readonly number[],
  lineage: Lineage,
  values: readonly SourceValue[],
  rules: ReadonlyMap<number, Rule>,
  wanted: (indicatorId: number) => boolean,
): DerivedValue[] {
  const byCell = new Map<string, SourceValue>();
  const cellsOf = new Map<number, SourceValue[]>();
  for (const v of values) {
    byCell.set(cellKey(v.unitId, v.indicatorId, v.period), v);
    const l = cellsOf.get(v.unitId);
    if (l) l.push(v);
    else cellsOf.set(v.unitId, [v]);
  }
  const memo = new Map<string, Resolved | null>();
  const predecessors = (unitId: number) =>
    (lineage.predecessorsOf.get(unitId) ?? []).filter((p) => !lineage.inForce(p.unitId));

  const resolve = (unitId: number, indicatorId: number, period: string, path: Set<number>): Resolved | null => {
    const key = cellKey(unitId, indicatorId, period);
    const stored = byCell.get(key);
    if (stored)
      return {
        value: stored.value,
        status: stored.status,
        complete: true,
        leaves: [unitId],
        updatedAt: stored.updatedAt.getTime(),
      };
    if (memo.has(key)) return memo.get(key)!;
    const rule = rules.get(indicatorId);
    const preds = predecessors(unitId).filter((p) => !path.has(p.unitId));
    let out: Resolved | null = null;
    if (rule && preds.length) {
      const inner = new Set([...path, unitId]);
      const parts: { link: Contributor; v: Resolved; w?: Resolved }[] = [];
      for (const link of preds) {
        const v = resolve(link.unitId, indicatorId, period, inner);
        if (!v) continue;
        if (rule.aggregation === 'WEIGHTED_MEAN') {
          const w =
            rule.weightIndicatorId === null ? null : resolve(link.unitId, rule.weightIndicatorId, period, inner);
          if (w) parts.push({ link, v, w });
        } else parts.push({ link, v });
      }
      out = parts.length ? combine(rule, parts, preds) : null;
    }
    memo.set(key, out);
    return out;
  };

  // Every unit in a target's lineage, to find the cells to derive.
  const lineageOf = (unitId: number): number[] => {
    const seen = new Set<number>();
    const walk = (id: number) => {
      for (const p of predecessors(id))
        if (!seen.has(p.unitId) && p.unitId !== unitId) {
          seen.add(p.unitId);
          walk(p.unitId);
        }
    };
    walk(unitId);
    return [...seen];
  };

  const out: DerivedValue[] = [];
  for (const targetId of targetIds) {
    const cells = new Map<string, SourceValue>();
    for (const id of lineageOf(targetId))
      for (const v of cellsOf.get(id) ?? []) if (wanted(v.indicatorId)) cells.set(`${v.indicatorId}|${v.period}`, v);
    for (const sample of cells.values()) {
      if (byCell.has(cellKey(targetId, sample.indicatorId, sample.period))) continue;
      const r = resolve(targetId, sample.indicatorId, sample.period, new Set());
      if (!r) continue;
      out.push({
        unitId: targetId,
        indicatorId: sample.indicatorId,
        period: sample.period,
        startMonth: sample.startMonth,
        endMonth: sample.endMonth,
        value: r.value,
        status: r.status,
        complete: r.complete,
        contributorIds: [...new Set(r.leaves)].sort((a, b) => a - b),
        updatedAt: new Date(r.updatedAt),
      });
    }
  }
  return out;
}

function combine(
  rule: Rule,
  parts: readonly { link: Contributor; v: Resolved; w?: Resolved }[],
  preds: readonly Contributor[],
): Resolved | null {
  let value: number | null;
  switch (rule.aggregation) {
    case 'SUM':
      value = exactSum(parts.map((p) => p.v.value));
      break;
    case 'WEIGHTED_MEAN':
      value = exactWeightedMean(parts.map((p) => ({ value: p.v.value, weight: p.w!.value })));
      break;
    default:
      value = preds.length === 1 && preds[0].kind === 'FULL' ? parts[0].v.value : null;
  }
  if (value === null) return null;
  const used = parts.flatMap((p) => (p.w ? [p.v, p.w] : [p.v]));
  return {
    value,
    status: leastFinal(parts.map((p) => p.v.status)),
    complete: parts.length === preds.length && preds.every((p) => p.kind === 'FULL') && used.every((r) => r.complete),
    leaves: parts.flatMap((p) => p.v.leaves),
    updatedAt: Math.max(...used.map((r) => r.updatedAt)),
  };
}

/**
 * Transitive predecessors of each target from one-step links (`predecessorsOf` gives a unit's direct
 * predecessors), stopping at units that are themselves in force (`inForce`): their own values stand
 * for them. A predecessor reached only through PARTIAL links is PARTIAL; through any all-FULL path, FULL.
 */
export function closePredecessors(
  targetIds: readonly number[],
  predecessorsOf: ReadonlyMap<number, readonly Contributor[]>,
  inForce: (unitId: number) => boolean,
): Map<number, Contributor[]> {
  const out = new Map<number, Contributor[]>();
  for (const t of targetIds) {
    const kinds = new Map<number, LinkKindValue>();
    const walk = (unitId: number, kind: LinkKindValue, seen: Set<number>) => {
      for (const p of predecessorsOf.get(unitId) ?? []) {
        if (seen.has(p.unitId) || inForce(p.unitId)) continue;
        const k: LinkKindValue = kind === 'FULL' && p.kind === 'FULL' ? 'FULL' : 'PARTIAL';
        if (kinds.get(p.unitId) !== 'FULL') kinds.set(p.unitId, k);
        walk(p.unitId, k, new Set([...seen, p.unitId]));
      }
    };
    walk(t, 'FULL', new Set([t]));
    out.set(
      t,
      [...kinds].map(([unitId, kind]) => ({ unitId, kind })).sort((a, b) => a.unitId - b.unitId),
    );
  }
  return out;
}
