import {
  execute,
  getNamedType,
  isLeafType,
  isNonNullType,
  isObjectType,
  isInterfaceType,
  parse,
  validate,
  type GraphQLField,
  type GraphQLObjectType,
  type GraphQLInterfaceType,
  type GraphQLSchema,
} from 'graphql';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { RequestContext } from '../../server/src/auth/request-context';
import { getSchema } from '../../server/src/graphql/schema';
import { describeEachDb } from '../helpers/databases';
import { ADMIN, ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * The server runs operations with graphql-jit (server/src/graphql/executor.ts), not graphql-js.
 * Every query field of the schema, with every field below it to depth 3 and every way a query can
 * shape its selection (aliases, fragments, @skip/@include, interfaces, __typename), must answer over
 * HTTP exactly what graphql-js's own execution answers on the same data: the same data, and errors
 * at the same paths. The corpus is walked from the schema, so a new field is covered when it lands.
 */

/** Values for required arguments, by name: the demo data's Thanh Hóa, Hà Trung and its term. */
function requiredArg(name: string, ids: Record<string, string>): string | null {
  const values: Record<string, string> = {
    code: '"392"',
    unitCode: '"392"',
    provinceCode: '"38"',
    indicatorCode: '"THU_NHAP_BQ"',
    id: JSON.stringify(ids.term),
    termId: JSON.stringify(ids.term),
    filter: '{ unitCodes: ["392"], indicatorCodes: ["THU_NHAP_BQ", "SO_HO_NGHEO"] }',
    cells: `[{ function: VALUE, unitCode: "392", indicatorCode: "THU_NHAP_BQ", period: "2024" },
      { function: PROGRESS, unitCode: "392", indicatorCode: "THU_NHAP_BQ", term: "2020-2025" },
      { function: RANK, unitCode: "392", indicatorCode: "THU_NHAP_BQ", period: "2024" }]`,
    period: '"2024"',
  };
  return values[name] ?? null;
}

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** A field with its arguments (small pages; required ones from `requiredArg`), or null when one cannot be given. */
function fieldCall(field: GraphQLField<unknown, unknown>, ids: Record<string, string>): string | null {
  const args: string[] = [];
  for (const a of field.args) {
    if (a.name === 'first') args.push('first: 3');
    else if (isNonNullType(a.type) && a.defaultValue === undefined) {
      const v = requiredArg(a.name, ids);
      if (v === null) return null;
      args.push(`${a.name}: ${v}`);
    }
  }
  return args.length ? `${field.name}(${args.join(', ')})` : field.name;
}

/** Every leaf, and every object field down to `depth`, of a type. */
function selection(type: Composite, depth: number, ids: Record<string, string>): string {
  const parts = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    const named = getNamedType(field.type);
    const call = fieldCall(field, ids);
    if (!call) continue;
    if (isLeafType(named)) parts.push(call);
    else if (depth > 0 && (isObjectType(named) || isInterfaceType(named)))
      parts.push(`${call} { ${selection(named, depth - 1, ids)} }`);
  }
  return parts.join(' ');
}

function corpus(
  schema: GraphQLSchema,
  ids: Record<string, string>,
): { name: string; query: string; variables?: object }[] {
  const cases: { name: string; query: string; variables?: object }[] = [];
  for (const field of Object.values(schema.getQueryType()!.getFields())) {
    const call = fieldCall(field, ids);
    if (!call) continue;
    const named = getNamedType(field.type);
    const body = isLeafType(named) ? call : `${call} { ${selection(named as Composite, 2, ids)} }`;
    cases.push({ name: field.name, query: `{ ${body} }` });
  }
  cases.push(
    {
      name: 'aliases, a named fragment, an inline fragment on an interface, @skip and @include',
      query: `query($yes: Boolean!, $no: Boolean!) {
        a: district(code: "392", on: "2024-06-01") { ...U nodeId: id }
        b: province(code: "38") { ...U districts(activeOn: "2022-06-01") { code @include(if: $yes) name @skip(if: $yes) } }
        n: node(id: "${ids.district}") { __typename ... on District { code parent: province { code } } }
        observations(filter: { unitCodes: ["392"] }, first: 5) @skip(if: $no) {
          totalCount nodes { ... on Observation { period value } unit { ...U } indicator { code decimals } }
        }
      }
      fragment U on AdminUnit { code name level }`,
      variables: { yes: true, no: false },
    },
    {
      // Over executor.ts's COMPILE_UP_TO_CHARS: always run by graphql-js.
      name: 'a long document of 80 aliased units',
      query: `{ ${Array.from({ length: 80 }, (_, i) => `u${i}: district(code: "392", on: "2024-06-0${1 + (i % 9)}") { code name level validFrom validTo province { code name } }`).join('\n')} }`,
    },
    {
      name: 'errors: an unknown unit (a refusal) beside fields that answer',
      query:
        '{ terms(unitCode: "99999") { id } indicators(search: "thu nhap") { code } province(code: "392") { code } }',
    },
  );
  return cases;
}

describeEachDb('graphql-jit answers as graphql-js does', (db) => {
  let t: TestServer;
  let schema: GraphQLSchema;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    // The walk asks for everything below every root field: far over the cost cap integrators get.
    t = await startTestServer(db, { MAX_QUERY_COMPLEXITY: '1000000000' });
    schema = await getSchema();
    const seen = ok(await t.gql('{ district(code: "392", on: "2024-06-01") { id terms { id } } }'));
    ids.district = seen.district.id;
    ids.term = seen.district.terms[0].id;
  });
  afterAll(() => t?.stop());

  const direct = async (query: string, variables?: object) => {
    const viewer = await t.server.services.auth.authenticate(`Bearer ${ADMIN}`);
    const contextValue: RequestContext = {
      viewer,
      container: t.server.services.container.createChildContainer(),
      clientAddress: '127.0.0.1',
      log: t.server.log,
      trace: {},
    };
    const document = parse(query);
    expect(validate(schema, document)).toEqual([]);
    return execute({ schema, document, contextValue, variableValues: variables as never });
  };

  it('answers every query field, walked from the schema, with the same data and errors', async () => {
    const cases = corpus(schema, ids);
    // Every query field is asked (none skipped for want of a required argument's value).
    const asked = cases.map((c) => c.name);
    expect(asked).toEqual(expect.arrayContaining(Object.keys(schema.getQueryType()!.getFields())));
    const compiledSoFar = async () => {
      const text = await (await fetch(`${t.url}/metrics`)).text();
      return Number(/^chitieu_graphql_compiled_total (\d+)/m.exec(text)?.[1] ?? NaN);
    };
    const before = await compiledSoFar();
    for (const c of cases) {
      const expected = JSON.parse(JSON.stringify(await direct(c.query, c.variables))) as {
        data?: unknown;
        errors?: { path?: unknown }[];
      };
      // Twice: a document's first request runs with graphql-js, the next ones compiled (short documents).
      for (const run of ['first', 'second']) {
        const actual = await t.gql(c.query, c.variables as Record<string, unknown>);
        const name = `${c.name} (${run} request)`;
        const refusal = actual.data === undefined ? actual.errors?.[0]?.message : undefined;
        expect({ name, refusal, data: actual.data }).toEqual({ name, refusal, data: expected.data });
        expect({ name, errorPaths: (actual.errors ?? []).map((e) => e.path) }).toEqual({
          name,
          errorPaths: (expected.errors ?? []).map((e) => e.path),
        });
      }
    }
    // Each short document was compiled on its second request, so the second answers above were graphql-jit's.
    const short = cases.filter((c) => c.query.length <= 8_000).length;
    expect(short).toBe(cases.length - 1);
    expect((await compiledSoFar()) - before).toBe(short);
  });

  it('refuses an array where an input object belongs, as graphql-js does (graphql-jit alone would read it as {})', async () => {
    const query = 'query($f: ObservationFilter!) { observations(filter: $f, first: 1) { totalCount } }';
    ok(await t.gql(query, { f: {} })); // the document's first request: graphql-js; the next: compiled
    const res = await t.gql(query, { f: [] });
    expect(res.status).toBe(400);
    expect(res.errors?.[0]).toMatchObject({
      message: 'Variable "$f" got invalid value []; Expected type "ObservationFilter" to be an object.',
      extensions: { code: 'BAD_USER_INPUT', reason: 'INVALID_VARIABLES' },
    });
    const cells = 'query($c: [CellQuery!]!) { cellValues(cells: $c) { value } }';
    ok(await t.gql(cells, { c: [] }));
    const nested = await t.gql(cells, { c: [[]] });
    expect(nested.status).toBe(400);
    expect(nested.errors?.[0]?.extensions?.reason).toBe('INVALID_VARIABLES');
  });
});
