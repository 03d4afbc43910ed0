import type DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader } from '../common/loaders';
import { TermService } from './term.service';
import type { Target, Term } from './term.types';

/** Per-request batching of terms and targets. */
@scoped(Lifecycle.ContainerScoped)
export class TermLoaders {
  readonly byId: DataLoader<number, Term | null>;
  readonly targetById: DataLoader<number, Target | null>;
  /** A unit's terms, newest first. */
  readonly byUnit: DataLoader<number, Term[]>;
  readonly targetsByTerm: DataLoader<number, Target[]>;

  constructor(terms: TermService) {
    this.byId = mapLoader((ids: readonly number[]) => terms.byIds(ids));
    this.targetById = mapLoader((ids: readonly number[]) => terms.targetsByIds(ids));
    this.byUnit = mapLoader((ids: readonly number[]) => terms.byUnitIds(ids), []);
    this.targetsByTerm = mapLoader((ids: readonly number[]) => terms.targetsByTermIds(ids), []);
  }
}
