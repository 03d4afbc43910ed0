import DataLoader from 'dataloader';
import type { AdminUnit } from '../admin-units/admin-unit.types';
import { createAnalyticsLoaders } from '../analytics/analytics.loaders';
import type { Indicator } from '../indicators/indicator.types';
import type { ObservationRevision } from '../observations/observation.types';
import type { Target, Term } from '../terms/term.types';
import type { Services } from '../app/services';

/** A loader over a batch fetch that returns a Map; missing keys load as `fallback`. */
export function mapLoader<K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, V>>, fallback: V): DataLoader<K, V>;
export function mapLoader<K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, V>>): DataLoader<K, V | null>;
export function mapLoader<K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, V>>, fallback: V | null = null) {
  return new DataLoader<K, V | null>(
    async (keys) => {
      const found = await fetch(keys);
      return keys.map((k) => found.get(k) ?? fallback);
    },
    { maxBatchSize: 5000 },
  );
}

/** Per-request batching so nested fields never run one query per parent (no N+1). */
export function createLoaders(s: Services) {
  return {
    ...createAnalyticsLoaders(s),
    unit: mapLoader<number, AdminUnit>((ids) => s.units.byIds(ids)),
    indicator: mapLoader<number, Indicator>((ids) => s.indicators.byIds(ids)),
    term: mapLoader<number, Term>((ids) => s.terms.byIds(ids)),
    target: mapLoader<number, Target>((ids) => s.terms.targetsByIds(ids)),
    termsByUnit: mapLoader<number, Term[]>((ids) => s.terms.byUnitIds(ids), []),
    targetsByTerm: mapLoader<number, Target[]>((ids) => s.terms.targetsByTermIds(ids), []),
    /** key: `${provinceId}|${activeOn ISO date or ''}` */
    districts: new DataLoader<string, AdminUnit[]>(async (keys) => {
      const byDate = new Map<string, number[]>();
      for (const k of keys) {
        const [id, date] = k.split('|');
        byDate.set(date, [...(byDate.get(date) ?? []), Number(id)]);
      }
      const results = new Map<string, AdminUnit[]>();
      for (const [date, ids] of byDate) {
        const found = await s.units.districtsOf(ids, date || null);
        for (const [id, list] of found) results.set(`${id}|${date}`, list);
      }
      return keys.map((k) => results.get(k) ?? []);
    }),
    /** key: observation-key string `${unitId}|${indicatorId}|${period}` */
    revisions: mapLoader<string, ObservationRevision[]>((keys) => s.observations.revisionsByKeys(keys), []),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
