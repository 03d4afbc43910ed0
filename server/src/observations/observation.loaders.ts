import type DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader } from '../common/loaders';
import { ObservationService } from './observation.service';
import { keyText, type Observation, type ObservationKey, type ObservationRevision } from './observation.types';

/** Per-request batching of observation reads. */
@scoped(Lifecycle.ContainerScoped)
export class ObservationLoaders {
  readonly byId: DataLoader<number, Observation | null>;
  /** The value stored at a key (for relativeTo: the same unit × indicator at another period). */
  readonly byKey: DataLoader<ObservationKey, Observation | null, string>;
  /** Every revision of a key, newest first. */
  readonly revisions: DataLoader<ObservationKey, ObservationRevision[], string>;

  constructor(observations: ObservationService) {
    this.byId = mapLoader((ids: readonly number[]) => observations.byIds(ids));
    this.byKey = mapLoader((keys: readonly ObservationKey[]) => observations.byKeys(keys), null, keyText);
    this.revisions = mapLoader((keys: readonly ObservationKey[]) => observations.revisionsByKeys(keys), [], keyText);
  }
}
