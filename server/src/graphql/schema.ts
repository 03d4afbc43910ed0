import 'reflect-metadata';
import type { GraphQLSchema, GraphQLTypeResolver } from 'graphql';
import { isAbstractType, lexicographicSortSchema, printSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import type { RequestContext } from '../auth/request-context';
import { resolvers } from './resolvers';

let built: Promise<GraphQLSchema> | null = null;

type Resolvable = new (...args: never[]) => unknown;
const resolved = new WeakMap<RequestContext, Map<Resolvable, unknown>>();

/**
 * type-graphql asks for the resolver instance on every field it resolves (twice per row for an
 * observation's unit and indicator): remember each request's instances rather than going through the
 * container's resolution each time.
 */
function resolverOf(context: RequestContext, cls: Resolvable): unknown {
  let instances = resolved.get(context);
  if (!instances) resolved.set(context, (instances = new Map()));
  let instance = instances.get(cls);
  if (instance === undefined) instances.set(cls, (instance = context.container.resolve(cls)));
  return instance;
}

/**
 * type-graphql wraps every interface's resolveType in an async function, so each Province under an
 * observation's `unit` made its row a promise (23,400 promises for a province's pull). Objects the
 * services present carry their `__typename` (presentUnit, presentObservation, …, the same name their
 * resolveType computes): answer those synchronously, and leave anything else to type-graphql's.
 */
function syncTypeResolution(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isAbstractType(type) || !type.resolveType) continue;
    const fallback: GraphQLTypeResolver<unknown, unknown> = type.resolveType;
    type.resolveType = (value, context, info, abstractType) => {
      const typename = (value as { __typename?: unknown } | null)?.__typename;
      return typeof typename === 'string' ? typename : fallback(value, context, info, abstractType);
    };
  }
  return schema;
}

/** The schema, built once per process from the decorated resolvers. */
export function getSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({
    resolvers,
    validate: false,
    emitSchemaFile: false,
    // Resolvers are built by the request's own container (services injected, DataLoaders per request).
    container: ({ context }: { context: RequestContext }) => ({ get: (cls: Resolvable) => resolverOf(context, cls) }),
  }).then(syncTypeResolution);
  return built;
}

/** SDL sorted lexicographically: the committed schema/schema.graphql is exactly this text. */
export async function printSortedSchema(): Promise<string> {
  return `${printSchema(lexicographicSortSchema(await getSchema()))}\n`;
}
