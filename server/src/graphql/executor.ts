import type { ApolloServerOptionsWithGateway } from '@apollo/server';
import type { RequestContext } from '../auth/request-context';
import type { GatewayExecutionResult, GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import {
  execute,
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
  type VariableDefinitionNode,
} from 'graphql';
import { compileQuery, isCompiledQuery, type CompiledQuery } from 'graphql-jit';
import { LRUCache } from 'lru-cache';
import { graphqlCompilations } from '../common/metrics';

/** Compiled operations kept per process: the add-in and integrators send a few dozen distinct documents. */
const COMPILED_KEPT = 500;
/**
 * Compiling costs far more than one execution (about 3 ms per field of the selection: 340 ms for a
 * 14 KB document of 100 aliased `observations` selections), and it pays only for documents that
 * come back. So a document is compiled on its second request, and only when it is at most this
 * long; before that, and beyond it, graphql-js runs it. The add-in's and the bench's documents are
 * under 2 KB; a client sending large distinct documents gets graphql-js, not seconds of compilation.
 */
const COMPILE_UP_TO_CHARS = 8_000;
/** Documents seen once (their keys only), to compile on their second request. */
const SEEN_KEPT = 5_000;
/**
 * And at most this many characters of their documents: a compiled operation takes about 140 bytes
 * of heap per character of its document (7.6 MiB for a 56 KB document of 400 aliased fields), so
 * 500 large distinct documents would hold gigabytes; this holds about 70 MiB at worst.
 */
const COMPILED_CHARS = 500_000;

/**
 * Operations that come back run by graphql-jit instead of graphql-js's interpreter (a document's
 * first request, and any long document, run with graphql-js: see COMPILE_UP_TO_CHARS; both answer
 * alike, test/integration/executor-parity.test.ts). Apollo still parses, validates, runs the
 * plugins (access, cost, budget) and formats errors; only execution changes. graphql-js 16
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
  const seen = new LRUCache<string, true>({ max: SEEN_KEPT });
  const interpret = (rc: GatewayGraphQLRequestContext) =>
    execute({
      schema,
      document: rc.document,
      operationName: rc.operationName,
      contextValue: rc.context,
      variableValues: rc.request.variables,
    });
  const run = async (rc: GatewayGraphQLRequestContext): Promise<GatewayExecutionResult> => {
    const key = `${rc.operationName ?? ''}\n${rc.queryHash}`;
    let query = compiled.get(key);
    if (!query) {
      if (rc.source.length > COMPILE_UP_TO_CHARS || !seen.has(key)) {
        if (rc.source.length <= COMPILE_UP_TO_CHARS) seen.set(key, true);
        return interpret(rc);
      }
      const result = compileQuery(schema, rc.document, rc.operationName ?? undefined);
      if (!isCompiledQuery(result)) return result;
      compiled.set(key, (query = result), { size: Math.max(1, rc.source.length) });
      seen.delete(key);
      graphqlCompilations.inc();
    }
    const variables = rc.request.variables ?? {};
    const definitions = rc.operation.variableDefinitions ?? [];
    if (hasArrayForObject(schema, definitions, variables)) {
      const exact = getVariableValues(schema, definitions, variables);
      if (exact.errors) return { errors: exact.errors };
    }
    const result = await query.query(undefined, rc.context, variables);
    if (!result.errors) return result;
    if (!('data' in result)) {
      // The variables were refused. graphql-jit's messages name the offending input field as if it
      // were the variable ('Variable "$value"' for $input.rows[0].value) and point nowhere; graphql-js
      // says which variable and where in it, and points at the variable's definition, which is how
      // Apollo tells a client's error (400 BAD_USER_INPUT). Only refusals pay for the second coercion.
      const exact = getVariableValues(schema, definitions, variables);
      if (exact.errors) return { errors: exact.errors };
    }
    return { ...result, errors: result.errors.map(asGraphQLError) };
  };
  return {
    onSchemaLoadOrUpdate(callback) {
      callback({ apiSchema: schema, coreSupergraphSdl: '' });
      return () => {};
    },
    load: async () => ({ executor: run }),
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

/** Whether any variable of the operation holds an array where an input object belongs (see arrayForObject). */
export function hasArrayForObject(
  schema: GraphQLSchema,
  definitions: readonly VariableDefinitionNode[],
  variables: Record<string, unknown>,
): boolean {
  return definitions.some((d) =>
    arrayForObject(typeFromAST(schema, d.type) as GraphQLInputType | undefined, variables[d.variable.name.value]),
  );
}

/**
 * graphql-jit's one kindness found by test/unit/variable-coercion.test.ts (20,000 fuzzed requests):
 * it takes an array where an input object is expected, reading its fields as absent, so
 * `filter: []` ran as `filter: {}`. graphql-js refuses it ("to be an object"); this finds such a
 * value so that graphql-js can give that refusal. An array only slips through where every field of
 * the object may be absent (otherwise jit refuses the missing field itself), so the walk enters only
 * types that are, or contain, such an object: a push's 5,000 rows (required fields) are not walked.
 */
function arrayForObject(type: GraphQLInputType | undefined, value: unknown): boolean {
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

/**
 * Depth-first through input fields. A type already visited adds nothing: had it reached a lenient
 * type, the search would have ended there.
 */
function search(type: GraphQLInputObjectType, seen: Set<GraphQLInputObjectType>): boolean {
  if (seen.has(type)) return false;
  seen.add(type);
  if (lenient(type)) return true;
  return Object.values(type.getFields()).some((f) => {
    const named = getNamedType(f.type);
    return isInputObjectType(named) && search(named, seen);
  });
}
