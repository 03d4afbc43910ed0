import { ObjectType } from 'type-graphql';
import { Connection } from '../common/connection';
import { Observation } from './observation.types';

@ObjectType()
export class ObservationConnection extends Connection('Observation', () => Observation, { simpleResolvers: true }) {
  /** Resolved lazily (see ObservationConnectionResolver) so a page without it runs no COUNT. */
  totalCount: number;

  count: () => Promise<number>;
}
