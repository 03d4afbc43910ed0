import type DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader } from '../common/loaders';
import { IndicatorService } from './indicator.service';
import type { Indicator } from './indicator.types';

/** Per-request batching of indicator reads. */
@scoped(Lifecycle.ContainerScoped)
export class IndicatorLoaders {
  readonly byId: DataLoader<number, Indicator | null>;

  constructor(indicators: IndicatorService) {
    this.byId = mapLoader((ids: readonly number[]) => indicators.byIds(ids));
  }
}
