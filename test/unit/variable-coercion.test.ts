import fc from 'fast-check';
import { getVariableValues, GraphQLError, parse, type OperationDefinitionNode } from 'graphql';
import { createRequire } from 'node:module';
import { beforeAll, expect, it } from 'vitest';
import type { GraphQLSchema } from 'graphql';
import { hasArrayForObject } from '../../server/src/graphql/executor';
import { getSchema } from '../../server/src/graphql/schema';
import { fuzzCase, OPERATIONS } from '../integration/argument-fuzz/arbitraries';

/**
 * The server executes with graphql-jit (server/src/graphql/executor.ts), whose compiled coercion of
 * variables decides what a request may carry; graphql-js's decides what the contract says it may.
 * Over the argument fuzz's variables for every mutation and list argument (well-formed, wrong types,
 * out-of-range numbers, nulls, extra fields, junk text), the two must accept the same values and
 * coerce them to the same arguments: a value jit accepted and graphql-js refuses would reach a
 * resolver unchecked. (A refusal's message is graphql-js's in both cases: the executor asks it.)
 * Without the executor's guard (`hasArrayForObject`) this fails on `filter: []`.
 */
// graphql-jit's ES module build of this entry imports its siblings without extensions, which Node
// cannot resolve; its CommonJS build is the same code.
const { compileVariableParsing } = createRequire(__filename)(
  'graphql-jit/dist/variables.js',
) as typeof import('graphql-jit/dist/variables');

let schema: GraphQLSchema;
beforeAll(async () => {
  schema = await getSchema();
});

const definitions = (op: keyof typeof OPERATIONS) =>
  (parse(OPERATIONS[op]).definitions[0] as OperationDefinitionNode).variableDefinitions ?? [];

it('graphql-jit accepts and coerces variables exactly as graphql-js does', () => {
  const compiled = new Map(
    (Object.keys(OPERATIONS) as (keyof typeof OPERATIONS)[]).map((op) => [
      op,
      compileVariableParsing(schema, definitions(op)),
    ]),
  );
  let refused = 0;
  fc.assert(
    fc.property(fuzzCase, ({ op, variables: drawn }) => {
      // Variables arrive as JSON (over HTTP, and from the spreadsheet routes: http/xlsx/gql.ts):
      // no undefined, which graphql-js reads as absent and graphql-jit as null.
      const variables = JSON.parse(JSON.stringify(drawn)) as Record<string, unknown>;
      const exact = getVariableValues(schema, definitions(op), variables);
      const jit = compiled.get(op)!(variables);
      // What the executor refuses: what graphql-jit refuses, and an array where an object belongs.
      const guarded = hasArrayForObject(schema, definitions(op), variables);
      const jitErrors = guarded ? [new GraphQLError('array for an object')] : 'errors' in jit ? jit.errors : undefined;
      const what = `${op} ${JSON.stringify(variables)}`;
      if (exact.errors) {
        refused++;
        expect(jitErrors?.length, what).toBeGreaterThan(0);
      } else {
        expect(jitErrors?.map((e) => e.message) ?? [], what).toEqual([]);
        const coerced = 'coerced' in jit ? jit.coerced : undefined;
        expect(JSON.parse(JSON.stringify(coerced)), what).toEqual(JSON.parse(JSON.stringify(exact.coerced)));
      }
    }),
    { numRuns: 10_000, seed: 20_261_201 },
  );
  // The fuzz is worth something only if it is refused often and accepted often.
  expect(refused).toBeGreaterThan(1000);
  expect(refused).toBeLessThan(9000);
});
