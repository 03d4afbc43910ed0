import type DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader } from '../common/loaders';
import { ObservationService } from './observation.service';
import { observationKey, type Observation, type ObservationRevision } from './observation.types';

/** One stored value's identity: unit × indicator × period. */
export interface ObservationKey {
  unitId: number;
  indicatorId: number;
  period: string;
}

const cacheKey = (k: ObservationKey) => observationKey(k.unitId, k.indicatorId, k.period);

/** Per-request batching of observation reads. */
@scoped(Lifecycle.ContainerScoped)
export class ObservationLoaders {
  readonly byId: DataLoader<number, Observation | null>;
  /** Every revision of a key, newest first. */
  readonly revisions: DataLoader<ObservationKey, ObservationRevision[], string>;

  constructor(observations: ObservationService) {
    this.byId = mapLoader((ids: readonly number[]) => observations.byIds(ids));
    this.revisions = mapLoader((keys: readonly ObservationKey[]) => observations.revisionsByKeys(keys.map(cacheKey)), [], cacheKey);
  }
}
