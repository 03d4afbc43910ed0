import { Field, ObjectType, type ClassType } from 'type-graphql';

@ObjectType({ simpleResolvers: true })
export class PageInfo {
  @Field()
  hasNextPage: boolean;

  @Field(() => String, { nullable: true })
  endCursor: string | null;
}

export interface Edge<T> {
  cursor: string;
  node: T;
}

/**
 * A Relay-style connection of `node` (type-graphql's generic-type idiom): edges with cursors, the
 * nodes themselves for clients that need no cursor per row, and the page info. The edge type is
 * named `${name}Edge`; a subclass names the connection and adds what is specific (totalCount).
 */
export function Connection<T extends object>(
  name: string,
  node: () => ClassType<T>,
  options: { simpleResolvers?: boolean } = {},
) {
  @ObjectType(`${name}Edge`, { simpleResolvers: options.simpleResolvers })
  class EdgeType implements Edge<T> {
    @Field()
    cursor: string;

    @Field(node)
    node: T;
  }

  @ObjectType()
  abstract class ConnectionType {
    @Field(() => [EdgeType])
    edges: Edge<T>[];

    @Field(() => [node()])
    nodes: T[];

    @Field(() => PageInfo)
    pageInfo: PageInfo;
  }
  return ConnectionType;
}
