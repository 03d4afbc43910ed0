import { Field, ID, InterfaceType } from 'type-graphql';

/** Every type with an identity; `id` is an opaque global id (see common/global-id.ts). */
@InterfaceType({
  resolveType: (value: { __typename?: string }) => value.__typename,
})
export abstract class Node {
  @Field(() => ID)
  id: string;
}
