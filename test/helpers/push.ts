import { ADMIN, ok, type GqlResponse, type TestServer } from './server';

/** pushObservations over GraphQL, as the add-in and integrators call it. */

export type Status = 'ESTIMATED' | 'PRELIMINARY' | 'OFFICIAL' | 'FORECAST';

export interface PushRow {
  unitCode: string;
  unitId?: string | null;
  indicatorCode: string;
  period: string;
  value: number | null;
  status?: Status;
  source?: string | null;
  note?: string | null;
  baseVersion?: number | null;
}

export interface PushOpts {
  dryRun?: boolean;
  atomic?: boolean;
  idempotencyKey?: string;
}

export interface PushedObservation {
  id: string;
  unit: { code: string };
  indicator: { code: string };
  period: string;
  value: number;
  status: Status;
  source: string | null;
  note: string | null;
  version: number;
  updatedAt: string;
  updatedBy: string | null;
}

export interface RowResult {
  index: number;
  outcome: 'CREATED' | 'UPDATED' | 'DELETED' | 'UNCHANGED' | 'CONFLICT' | 'INVALID' | 'LOCKED' | 'FORBIDDEN';
  code: string | null;
  message: string | null;
  field: string | null;
  observation: PushedObservation | null;
  current: PushedObservation | null;
}

export interface PushPayload {
  batchId: string | null;
  applied: boolean;
  dryRun: boolean;
  replayed: boolean;
  created: number;
  updated: number;
  deleted: number;
  unchanged: number;
  rejected: number;
  rows: RowResult[];
  userErrors: { code: string; field: string[] | null; message: string }[];
}

const OBS = 'id unit { code } indicator { code } period value status source note version updatedAt updatedBy';

export const PUSH_MUTATION = `mutation Push($input: PushObservationsInput!) { pushObservations(input: $input) {
  batchId applied dryRun replayed created updated deleted unchanged rejected
  rows { index outcome code message field observation { ${OBS} } current { ${OBS} } }
  userErrors { code field message } } }`;

/** The raw response, for tests of top-level errors. */
export function pushRaw(
  t: TestServer,
  rows: unknown[],
  opts: PushOpts = {},
  token: string | null = ADMIN,
): Promise<GqlResponse<{ pushObservations: PushPayload }>> {
  return t.gql(PUSH_MUTATION, { input: { rows, ...opts } }, token);
}

/** Pushes rows and returns the payload; fails loudly on a top-level error (row rejections are data). */
export async function push(
  t: TestServer,
  rows: PushRow[],
  opts: PushOpts = {},
  token: string = ADMIN,
): Promise<PushPayload> {
  return ok(await pushRaw(t, rows, opts, token)).pushObservations;
}

/** Creates a token through the API (as ADMIN) and returns its secret. */
export async function createToken(
  t: TestServer,
  name: string,
  role: 'ADMIN' | 'PROVINCE_EDITOR' | 'DISTRICT_EDITOR' | 'COMMUNE_EDITOR' | 'VIEWER',
  scopeCode: string | null = null,
): Promise<{ secret: string; id: string }> {
  const res = ok(
    await t.gql(
      'mutation($input: CreateApiTokenInput!) { createApiToken(input: $input) { token apiToken { id } userErrors { code message } } }',
      { input: { name, role, scopeCode } },
    ),
  );
  const p = res.createApiToken;
  if (p.userErrors.length) throw new Error(`createApiToken: ${JSON.stringify(p.userErrors)}`);
  return { secret: p.token, id: p.apiToken.id };
}

/** Every observation of the given units, keyed "unit|indicator|period", read back through the API. */
export async function readBack(
  t: TestServer,
  unitCodes: string[],
): Promise<
  Map<string, { value: number; version: number; status: Status; source: string | null; note: string | null }>
> {
  const res = ok(
    await t.gql(
      'query($u: [String!]) { observations(filter: { unitCodes: $u }, first: 50000) { nodes { unit { code } indicator { code } period value version status source note } } }',
      { u: unitCodes },
    ),
  );
  return new Map(
    res.observations.nodes.map((o: any) => [
      `${o.unit.code}|${o.indicator.code}|${o.period}`,
      { value: o.value, version: o.version, status: o.status, source: o.source, note: o.note },
    ]),
  );
}
