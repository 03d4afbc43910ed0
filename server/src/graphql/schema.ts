import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { RequestContext } from '../auth/request-context';
import { resolvers } from './resolvers';

let built: Promise<GraphQLSchema> | null = null;

/** The schema, built once per process from the decorated resolvers. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: false,
    // Resolvers are built by the request's own container (services injected, DataLoaders per request).
    container: ({ context }: { context: RequestContext }) => ({
      get: (cls: new (...args: never[]) => unknown) => context.container.resolve(cls),
    }),
  });
  return built;
}

/** SDL sorted lexicographically: the committed schema/schema.graphql is exactly this text. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
