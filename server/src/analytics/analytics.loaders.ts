import DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader, MAX_BATCH } from '../common/loaders';
import type { ObservationKey } from '../observations/observation.loaders';
import { observationKey, type Observation } from '../observations/observation.types';
import { AnalyticsService, progressKey } from './analytics.service';
import type { Progress } from './progress.types';

/** Progress of one target as of a period (null: as of now). */
export interface ProgressKey {
  targetId: number;
  asOf: string | null;
}

const progressCacheKey = (k: ProgressKey) => progressKey(k.targetId, k.asOf);
const observationCacheKey = (k: ObservationKey) => observationKey(k.unitId, k.indicatorId, k.period);

/** Per-request batching of analytics: one batch per tick, whatever the fan-out. */
@scoped(Lifecycle.ContainerScoped)
export class AnalyticsLoaders {
  readonly progress: DataLoader<ProgressKey, Progress, string>;
  /** The value at another period of the same unit × indicator (for relativeTo). */
  readonly observationByKey: DataLoader<ObservationKey, Observation | null, string>;

  constructor(analytics: AnalyticsService) {
    this.progress = new DataLoader((keys: readonly ProgressKey[]) => analytics.progressByKeys(keys.map(progressCacheKey)), {
      maxBatchSize: MAX_BATCH,
      cacheKeyFn: progressCacheKey,
    });
    this.observationByKey = mapLoader(
      (keys: readonly ObservationKey[]) => analytics.observationsByKeys(keys.map(observationCacheKey)),
      null,
      observationCacheKey,
    );
  }
}
