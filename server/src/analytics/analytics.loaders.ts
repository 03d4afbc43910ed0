import DataLoader from 'dataloader';
import type { Observation } from '../observations/observation.types';
import type { ObservationService } from '../observations/observation.service';
import type { AnalyticsService } from './analytics.service';
import type { Progress } from './progress.types';

const byMap = <K, V>(fetch: (keys: readonly K[]) => Promise<Map<K, V>>) =>
  new DataLoader<K, V | null>(async (keys) => {
    const found = await fetch(keys);
    return keys.map((k) => found.get(k) ?? null);
  }, { maxBatchSize: 5000 });

/** The analytics loaders (spread into graphql/loaders.ts): one batch per tick, whatever the fan-out. */
export function createAnalyticsLoaders(s: { analytics: AnalyticsService; observations: ObservationService }) {
  return {
    /** key: progressKey(targetId, asOf) */
    progress: new DataLoader<string, Progress>((keys) => s.analytics.progressByKeys(keys), { maxBatchSize: 5000 }),
    /** key: observationKey(unitId, indicatorId, period) */
    observationByKey: byMap<string, Observation>((keys) => s.analytics.observationsByKeys(keys)),
    observation: byMap<number, Observation>((ids) => s.observations.byIds(ids)),
  };
}
