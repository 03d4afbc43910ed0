import DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { MAX_BATCH } from '../common/loaders';
import { AnalyticsService, progressCacheKey, type ProgressKey } from './analytics.service';
import type { Progress } from './progress.types';

/** Per-request batching of progress: one batch per tick, whatever the fan-out. */
@scoped(Lifecycle.ContainerScoped)
export class AnalyticsLoaders {
  readonly progress: DataLoader<ProgressKey, Progress, string>;

  constructor(analytics: AnalyticsService) {
    this.progress = new DataLoader((keys: readonly ProgressKey[]) => analytics.progressByKeys(keys), {
      maxBatchSize: MAX_BATCH,
      cacheKeyFn: progressCacheKey,
    });
  }
}
