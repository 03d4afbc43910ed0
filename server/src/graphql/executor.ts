import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { RequestContext } from '../auth/request-context';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  getVariableValues,
  GraphQLError,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  typeFromAST,
  type GraphQLInputObjectType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';

/** Compiled operations kept per process: the add-in and integrators send a few dozen distinct documents. */
const COMPILED_KEPT = 500;
/**
 * And at most this many characters of their documents: a compiled operation takes about 140 bytes
 * of heap per character of its document (7.6 MiB for a 56 KB document of 400 aliased fields), so
 * 500 large distinct documents would hold gigabytes; this holds about 70 MiB at worst. A document
 * longer than this alone is compiled for its request and not kept.
 */
const COMPILED_CHARS = 500_000;

/**
 * Operations run by graphql-jit instead of graphql-js's interpreter. Apollo still parses, validates,
 * runs the plugins (access, cost, budget) and formats errors; only execution changes. graphql-js 16
 * builds each result object with Object.create(null), a dictionary-mode object in V8 (about three
 * times the memory of a literal), and interprets the selection set for every object of a list; the
 * compiled operation builds plain object literals in code generated once per document. On a
 * 50,000-row `observations` pull this is the difference between the object path's memory and
 * throughput and the compact path's (docs/benchmark.md).
 *
 * graphql-jit's documented limit — a computed field must have a resolver, and only a resolver may
 * return a Promise — holds for type-graphql schemas: every field that computes is a resolver.
 *
 * Plugged in through Apollo's executor hook (the `gateway` option: `load` returns the executor,
 * `onSchemaLoadOrUpdate` hands Apollo the schema once).
 */
export function jitGateway(schema: GraphQLSchema): ApolloServerOptionsWithGateway<RequestContext>['gateway'] {
  const compiled = new LRUCache<string, CompiledQuery>({ max: COMPILED_KEPT, maxSize: COMPILED_CHARS });
  const execute = async (rc: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
    const key = `${rc.operationName ?? ''}\n${rc.queryHash}`;
    let query = compiled.get(key);
    if (!query) {
      const result = compileQuery(schema, rc.document, rc.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      compiled.set(key, (query = result), { size: Math.max(1, rc.source.length) });
    }
    const variables = rc.request.variables ?? {};
    if (
      rc.operation.variableDefinitions?.some((d) =>
        arrayForObject(typeFromAST(schema, d.type) as GraphQLInputType | undefined, variables[d.variable.name.value]),
      )
    ) {
      const exact = getVariableValues(schema, rc.operation.variableDefinitions, variables);
      if (exact.errors) return { errors: exact.errors };
    }
    const result = await query.query(undefined, rc.context, variables);
    if (!result.errors) return result;
    if (!('data' in result)) {
      // The variables were refused. graphql-jit's messages name the offending input field as if it
      // were the variable ('Variable "$value"' for $input.rows[0].value) and point nowhere; graphql-js
      // says which variable and where in it, and points at the variable's definition, which is how
      // Apollo tells a client's error (400 BAD_USER_INPUT). Only refusals pay for the second coercion.
      const exact = getVariableValues(schema, rc.operation.variableDefinitions ?? [], variables);
      if (exact.errors) return { errors: exact.errors };
    }
    return { ...result, errors: result.errors.map(asGraphQLError) };
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor: execute }),
    stop: async () => {},
  };
}

/**
 * graphql-jit's errors as graphql-js's own: jit's GraphQLError leaves `extensions` undefined when
 * the original error has none, and Apollo's error formatting reads `extensions.code` (it would answer
 * "Internal server error" for every error a resolver throws).
 */
function asGraphQLError(e: GraphQLError): GraphQLError {
  const error = new GraphQLError(e.message, { path: e.path, originalError: e.originalError, extensions: e.extensions });
  if (e.locations) Object.defineProperty(error, 'locations', { value: e.locations, enumerable: true });
  return error;
}

/**
 * graphql-jit's one kindness found by test/unit/variable-coercion.test.ts (20,000 fuzzed requests):
 * it takes an array where an input object is expected, reading its fields as absent, so
 * `filter: []` ran as `filter: {}`. graphql-js refuses it ("to be an object"); this finds such a
 * value so that graphql-js can give that refusal. An array only slips through where every field of
 * the object may be absent (otherwise jit refuses the missing field itself), so the walk enters only
 * types that are, or contain, such an object: a push's 5,000 rows (required fields) are not walked.
 */
export function arrayForObject(type: GraphQLInputType | undefined, value: unknown): boolean {
  if (value === null || value === undefined || type === undefined) return false;
  if (isNonNullType(type)) return arrayForObject(type.ofType, value);
  if (isListType(type)) {
    if (!Array.isArray(value)) return arrayForObject(type.ofType, value);
    if (!reachesLenient(type.ofType)) return false;
    for (const item of value) if (arrayForObject(type.ofType, item)) return true;
    return false;
  }
  if (!isInputObjectType(type) || !reachesLenient(type)) return false;
  if (Array.isArray(value)) return true;
  if (typeof value !== 'object') return false;
  const fields = type.getFields();
  for (const name in fields)
    if (arrayForObject(fields[name]!.type, (value as Record<string, unknown>)[name])) return true;
  return false;
}

/** Input object types whose fields may all be absent: where jit takes an array. */
const lenient = (t: GraphQLInputObjectType) =>
  Object.values(t.getFields()).every((f) => !isNonNullType(f.type) || f.defaultValue !== undefined);

const reaches = new WeakMap<GraphQLInputObjectType, boolean>();

/** True when the type is or contains (at any depth) a lenient input object type; remembered per type. */
function reachesLenient(type: GraphQLInputType): boolean {
  const named = getNamedType(type);
  if (!isInputObjectType(named)) return false;
  let found = reaches.get(named);
  if (found === undefined) reaches.set(named, (found = search(named, new Set())));
  return found;
}

/** Depth-first through input fields (a type already on the path adds nothing new). */
function search(type: GraphQLInputObjectType, seen: Set<GraphQLInputObjectType>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  if (lenient(type)) return true;
  return Object.values(type.getFields()).some((f) => {
    const named = getNamedType(f.type);
    return isInputObjectType(named) && search(named, seen);
  });
}
