import { Field, ObjectType } from 'type-graphql';
import { Observation } from './observation.types';

@ObjectType()
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

@ObjectType()
export class ObservationEdge {
  @Field()
  cursor: string;

  @Field(() => Observation)
  node: Observation;
}

@ObjectType()
export class ObservationConnection {
  @Field(() => [ObservationEdge])
  edges: ObservationEdge[];

  @Field(() => [Observation])
  nodes: Observation[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  /** Resolved lazily (see ObservationConnectionResolver) so a page without it runs no COUNT. */
  totalCount: number;

  count: () => Promise<number>;
}
