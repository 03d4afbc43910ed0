/**
 * Arguments for every mutation and list/search argument of schema/schema.graphql, as a client
 * could send them in `variables`: real codes next to look-alikes, junk, control characters, long
 * texts, extreme numbers and values of the wrong type. Each case is a plain `{ op, variables }` so
 * a shrunk counterexample reads as the request that broke the server.
 */
import fc from 'fast-check';
import { formatPeriod } from '../../../schema/contract/period';
import { periodArb } from '../../addin/sync/arbitraries';

export interface FuzzCase {
  op: keyof typeof OPERATIONS;
  variables: Record<string, unknown>;
}

/** The operations, each selecting scalars only so that an error can only come from the field itself. */
export const OPERATIONS = {
  pushObservations:
    'mutation($input: PushObservationsInput!) { pushObservations(input: $input) { applied dryRun created updated deleted unchanged rejected replayed userErrors { code field } rows { index outcome code field } } }',
  setTargets:
    'mutation($input: SetTargetsInput!) { setTargets(input: $input) { term { id } userErrors { code field } } }',
  approvePeriod:
    'mutation($input: PeriodLockInput!) { approvePeriod(input: $input) { locked period unitCode userErrors { code field } } }',
  unapprovePeriod:
    'mutation($input: PeriodLockInput!) { unapprovePeriod(input: $input) { locked period unitCode userErrors { code field } } }',
  createIndicator:
    'mutation($input: CreateIndicatorInput!) { createIndicator(input: $input) { userErrors { code field } } }',
  createApiToken:
    'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { apiToken { id role scopeCode } userErrors { code field } } }',
  revokeApiToken:
    'mutation($id: ID!) { revokeApiToken(id: $id) { apiToken { id revokedAt } userErrors { code field } } }',
  createTerm: 'mutation($input: CreateTermInput!) { createTerm(input: $input) { userErrors { code field } } }',
  observations:
    'query($filter: ObservationFilter!, $first: Int, $after: String, $boundaries: Boundaries, $on: Date) { observations(filter: $filter, first: $first, after: $after, boundaries: $boundaries, on: $on) { totalCount pageInfo { endCursor hasNextPage } nodes { id period value status } } }',
  observationTable:
    'query($filter: ObservationFilter!, $first: Int, $after: String, $boundaries: Boundaries, $on: Date) { observationTable(filter: $filter, first: $first, after: $after, boundaries: $boundaries, on: $on) { totalCount columns rows pageInfo { endCursor hasNextPage } } }',
  provinceComparison:
    'query($provinceCode: String!, $first: Int, $after: String, $fromYear: Int, $toYear: Int, $periods: [String!], $indicatorCodes: [String!], $includeForecasts: Boolean, $boundaries: Boundaries, $on: Date) { provinceComparison(provinceCode: $provinceCode, first: $first, after: $after, fromYear: $fromYear, toYear: $toYear, periods: $periods, indicatorCodes: $indicatorCodes, includeForecasts: $includeForecasts, boundaries: $boundaries, on: $on) { totalCount pageInfo { endCursor } nodes { unitCode indicatorCode period value ratio band rank } } }',
  provinceRollUp:
    'query($provinceCode: String!, $fromYear: Int, $toYear: Int, $periods: [String!], $indicatorCodes: [String!], $boundaries: Boundaries, $on: Date) { provinceRollUp(provinceCode: $provinceCode, fromYear: $fromYear, toYear: $toYear, periods: $periods, indicatorCodes: $indicatorCodes, boundaries: $boundaries, on: $on) { indicatorCode period reported rolledUp units } }',
  ranking:
    'query($provinceCode: String!, $indicatorCode: String!, $period: String!, $level: AdminLevel) { ranking(provinceCode: $provinceCode, indicatorCode: $indicatorCode, period: $period, level: $level) { rank of value } }',
  adminUnits:
    'query($search: String, $first: Int, $level: AdminLevel, $provinceCode: String, $on: Date) { adminUnits(search: $search, first: $first, level: $level, provinceCode: $provinceCode, on: $on) { code level name } }',
  changes:
    'query($after: String, $first: Int, $provinceCode: String) { changes(after: $after, first: $first, provinceCode: $provinceCode) { pageInfo { endCursor hasNextPage } nodes { kind action unitCode period } } }',
  indicators: 'query($category: String, $search: String) { indicators(category: $category, search: $search) { code } }',
  terms:
    'query($unitCode: String, $unitId: ID, $on: Date) { terms(unitCode: $unitCode, unitId: $unitId, on: $on) { id } }',
  periodLocks:
    'query($unitCode: String!, $unitId: ID, $on: Date) { periodLocks(unitCode: $unitCode, unitId: $unitId, on: $on) { period } }',
} as const;

export const MUTATIONS = new Set<FuzzCase['op']>([
  'pushObservations',
  'setTargets',
  'approvePeriod',
  'unapprovePeriod',
  'createIndicator',
  'createApiToken',
  'revokeApiToken',
  'createTerm',
]);

/** Text no form would produce: C0/C1 controls, lone surrogates, NUL, bidi marks, long runs. */
const junkText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '\u0000',
    '\u0000392',
    '392\u0000',
    '\ud800',
    '\u202e392',
    '\t392\n',
    '%',
    '_',
    "'; --",
    '\\',
  ),
  fc.constantFrom('NaN', 'Infinity', '-0', '1e400', 'null', 'undefined', '0x10', '  392  ', '３９２'),
  fc.integer({ min: 256, max: 20_000 }).map((n) => 'ạ'.repeat(n)),
  // around the column sizes: characters (ASCII), bytes (3-byte Vietnamese) and 4-byte code points
  fc
    .tuple(fc.constantFrom(16, 20, 32, 50, 60, 100, 200, 255, 500, 1000, 2000, 4000), fc.integer({ min: -1, max: 1 }))
    .chain(([n, d]) => fc.constantFrom('x', 'ư', '😀').map((ch) => ch.repeat(n + d))),
);
/** What a form would send half the time, so that the write goes through and what follows it is fuzzed too. */
const text = fc.oneof(fc.constantFrom('Thu nhập bình quân', 'Dân số', 'Chi cục Thống kê Hà Trung'), junkText);
const maybe = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined });
const orNull = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: null });

/** Values that are not of the declared GraphQL type: the server must answer 400, never 500. */
const wrongType = fc.constantFrom<unknown>(null, 1, 1.5, true, [], {}, ['392'], { a: 1 }, 'x');
/** Mostly well-typed, so that most requests get past GraphQL's own checks into the server's. */
const rarely = <T, U>(valid: fc.Arbitrary<T>, invalid: fc.Arbitrary<U>) =>
  fc.oneof({ weight: 30, arbitrary: valid }, { weight: 1, arbitrary: invalid });
const sometimesWrong = <T>(arb: fc.Arbitrary<T>) => rarely(arb, wrongType);

export const unitCode = fc.oneof(
  fc.constantFrom('392', '37', '38', '36', '405', '390', '387', '849', '86', '382', '1', '001'),
  junkText,
);
export const indicatorCode = fc.oneof(
  fc.constantFrom(
    'THU_NHAP_BQ',
    'VON_DAU_TU_XH',
    'TD_TANG_GTSX',
    'SO_HO_NGHEO',
    'TY_LE_HO_NGHEO',
    'DAN_SO_TB',
    'thu_nhap_bq',
  ),
  junkText,
);
export const period = fc.oneof(
  { weight: 3, arbitrary: periodArb.map(formatPeriod) },
  fc.constantFrom(
    '2024',
    '2025-Q3',
    '2021-2025',
    '0000',
    '9999',
    '2024-13',
    '2024-Q5',
    '2025-2021',
    '2024-H3',
    '-2024',
    '2024-02-30',
    '２０２４',
  ),
  junkText,
);
const status = rarely(
  fc.constantFrom('OFFICIAL', 'PRELIMINARY', 'ESTIMATED', 'FORECAST'),
  fc.constantFrom('official', 'FINAL', ''),
);
const level = rarely(fc.constantFrom('PROVINCE', 'DISTRICT', 'COMMUNE'), fc.constant('WARD'));
const date = fc.oneof(
  fc.constantFrom('2024-12-31', '2025-07-01', '2025-06-30', '0001-01-01', '0000-01-01', '9999-12-31'),
  rarely(fc.constant('2020-02-29'), fc.constantFrom('2025-02-29', '2025-13-01', 'today', '')),
  fc
    .date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-12-31') })
    .map((d) => d.toISOString().slice(0, 10)),
);
const dateTime = fc.oneof(
  fc.constantFrom(
    '2020-01-01T00:00:00Z',
    '2999-01-01T00:00:00Z',
    '1970-01-01T00:00:00Z',
    '0000-01-01T00:00:00Z',
    '9999-12-31T23:59:59.999Z',
    '2024-06-01T00:00:00+07:00',
  ),
  rarely(
    fc.constant('2024-02-29T23:59:59.999Z'),
    fc.constantFrom('2025-02-30T00:00:00Z', 'yesterday', '+275760-09-13T00:00:00.000Z', '2024-06-01'),
  ),
  fc
    .date({ noInvalidDate: true, min: new Date('1900-01-01'), max: new Date('2100-12-31') })
    .map((d) => d.toISOString()),
);

/** Floats JSON can carry, around the edges: NaN and ±Infinity become null in JSON, as a client would send them. */
export const float = fc.oneof(
  fc.double(),
  fc.constantFrom(0, -0, 1e308, -1e308, 5e-324, 2 ** 53 + 1, 999_999_999_999_999, 0.1 + 0.2, 58.35, 1e21),
  fc.integer({ min: -1000, max: 1000 }),
);
export const int = fc.oneof(
  fc.integer({ min: -3, max: 3 }),
  fc.constantFrom(0, 1, 50, 1000, 10_000, 50_000, 2 ** 31 - 1, -(2 ** 31)),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
);
const year = fc.oneof(fc.integer({ min: 1990, max: 2035 }), int);
const id = fc.oneof(fc.constantFrom('1', '2', '0', '-1', '999999999', '1.5', '1e3', 'MQ==', 'VGVybToy', ''), junkText);
const cursor = fc.oneof(fc.constantFrom('', '0', 'AAAA', 'eyJ9', '999999999999999999999999'), junkText);

const row = fc.record(
  {
    unitCode: sometimesWrong(unitCode),
    unitId: maybe(orNull(id)),
    indicatorCode: sometimesWrong(indicatorCode),
    period: sometimesWrong(period),
    value: rarely(fc.oneof({ weight: 5, arbitrary: float }, fc.constant(null)), wrongType),
    status: maybe(sometimesWrong(status)),
    source: maybe(orNull(junkText)),
    note: maybe(orNull(junkText)),
    baseVersion: maybe(orNull(int)),
  },
  { requiredKeys: ['unitCode', 'indicatorCode', 'period', 'value'] },
);

const filter = fc.record(
  {
    fromYear: orNull(year),
    toYear: orNull(year),
    indicatorCodes: orNull(fc.array(indicatorCode, { maxLength: 5 })),
    unitCodes: orNull(fc.array(unitCode, { maxLength: 5 })),
    periods: orNull(fc.array(period, { maxLength: 5 })),
    provinceCode: orNull(unitCode),
    statuses: orNull(fc.array(status, { maxLength: 4 })),
    updatedSince: orNull(dateTime),
  },
  { requiredKeys: [] },
);
const paging = {
  first: maybe(int),
  after: maybe(orNull(cursor)),
  boundaries: maybe(rarely(fc.constantFrom('AS_REPORTED', 'CURRENT'), fc.constant('NOW'))),
  on: maybe(orNull(date)),
};
const periodLock = fc.record({
  input: fc.record(
    { unitCode: sometimesWrong(unitCode), period: sometimesWrong(period), unitId: maybe(orNull(id)) },
    { requiredKeys: ['unitCode', 'period'] },
  ),
});
const comparisonArgs = {
  provinceCode: unitCode,
  fromYear: maybe(orNull(year)),
  toYear: maybe(orNull(year)),
  periods: maybe(orNull(fc.array(period, { maxLength: 4 }))),
  indicatorCodes: maybe(orNull(fc.array(indicatorCode, { maxLength: 4 }))),
  boundaries: paging.boundaries,
  on: paging.on,
};

const cases: { [K in FuzzCase['op']]: fc.Arbitrary<Record<string, unknown>> } = {
  pushObservations: fc.record({
    input: fc.record(
      {
        rows: fc.array(row, { maxLength: 8 }),
        atomic: maybe(fc.boolean()),
        dryRun: maybe(fc.boolean()),
        // unique keys, so that one case's stored result does not turn the next (and every shrink) into a 409
        idempotencyKey: maybe(orNull(rarely(fc.uuid(), junkText))),
      },
      { requiredKeys: ['rows'] },
    ),
  }),
  setTargets: fc.record({
    input: fc.record({
      termId: id,
      targets: fc.array(
        fc.record({
          indicatorCode,
          period,
          value: sometimesWrong(float),
          comparator: rarely(fc.constantFrom('AT_LEAST', 'AT_MOST'), fc.constant('EQUAL')),
          note: maybe(orNull(junkText)),
        }),
        { maxLength: 5 },
      ),
    }),
  }),
  approvePeriod: periodLock,
  unapprovePeriod: periodLock,
  createIndicator: fc.record({
    input: fc.record(
      {
        code: fc.oneof(indicatorCode, fc.stringMatching(/^[A-Z][A-Z0-9_]{0,15}$/)),
        name: text,
        category: text,
        unit: fc.oneof(fc.constantFrom('%', 'tỷ đồng', 'xã'), junkText),
        direction: rarely(fc.constantFrom('HIGHER_IS_BETTER', 'LOWER_IS_BETTER'), fc.constant('UP')),
        aggregation: maybe(rarely(fc.constantFrom('NONE', 'SUM', 'WEIGHTED_MEAN'), fc.constant('MAX'))),
        weightIndicatorCode: maybe(orNull(indicatorCode)),
        decimals: maybe(int),
        integerOnly: maybe(fc.boolean()),
        minValue: maybe(orNull(float)),
        maxValue: maybe(orNull(float)),
        description: maybe(orNull(junkText)),
      },
      { requiredKeys: ['code', 'name', 'category', 'unit', 'direction'] },
    ),
  }),
  createApiToken: fc.record({
    input: fc.record(
      {
        name: text,
        role: rarely(
          fc.constantFrom('ADMIN', 'PROVINCE_EDITOR', 'DISTRICT_EDITOR', 'COMMUNE_EDITOR', 'VIEWER'),
          fc.constant('ROOT'),
        ),
        scopeCode: maybe(orNull(unitCode)),
        expiresAt: maybe(orNull(dateTime)),
      },
      { requiredKeys: ['name', 'role'] },
    ),
  }),
  revokeApiToken: fc.record({ id }),
  createTerm: fc.record({
    input: fc.record(
      {
        unitCode,
        unitId: maybe(orNull(id)),
        congressNumber: int,
        startYear: year,
        endYear: year,
        title: maybe(orNull(junkText)),
      },
      { requiredKeys: ['unitCode', 'congressNumber', 'startYear', 'endYear'] },
    ),
  }),
  observations: fc.record({ filter: sometimesWrong(filter), ...paging }, { requiredKeys: ['filter'] }),
  observationTable: fc.record({ filter: sometimesWrong(filter), ...paging }, { requiredKeys: ['filter'] }),
  provinceComparison: fc.record(
    { ...comparisonArgs, first: paging.first, after: paging.after, includeForecasts: maybe(fc.boolean()) },
    { requiredKeys: ['provinceCode'] },
  ),
  provinceRollUp: fc.record(comparisonArgs, { requiredKeys: ['provinceCode'] }),
  ranking: fc.record(
    { provinceCode: unitCode, indicatorCode, period, level: maybe(level) },
    { requiredKeys: ['provinceCode', 'indicatorCode', 'period'] },
  ),
  adminUnits: fc.record(
    {
      search: maybe(orNull(junkText)),
      first: maybe(int),
      level: maybe(level),
      provinceCode: maybe(orNull(unitCode)),
      on: maybe(orNull(date)),
    },
    { requiredKeys: [] },
  ),
  changes: fc.record(
    { after: maybe(orNull(cursor)), first: maybe(int), provinceCode: maybe(orNull(unitCode)) },
    { requiredKeys: [] },
  ),
  indicators: fc.record({ category: maybe(orNull(junkText)), search: maybe(orNull(junkText)) }, { requiredKeys: [] }),
  terms: fc.record(
    { unitCode: maybe(orNull(unitCode)), unitId: maybe(orNull(id)), on: maybe(orNull(date)) },
    { requiredKeys: [] },
  ),
  periodLocks: fc.record(
    { unitCode, unitId: maybe(orNull(id)), on: maybe(orNull(date)) },
    { requiredKeys: ['unitCode'] },
  ),
};

/** One request: an operation and its variables (the token is drawn separately). */
export const fuzzCase: fc.Arbitrary<FuzzCase> = fc.oneof(
  ...(Object.keys(cases) as FuzzCase['op'][]).map((op) => ({
    // the write path is the widest surface: push more often, the other mutations a bit more than reads
    weight: op === 'pushObservations' ? 6 : MUTATIONS.has(op) ? 2 : 1,
    arbitrary: cases[op].map((variables) => ({ op, variables })),
  })),
);

export const tokenRole = fc.constantFrom('ADMIN', 'DISTRICT_EDITOR', 'PROVINCE_EDITOR', 'VIEWER');
