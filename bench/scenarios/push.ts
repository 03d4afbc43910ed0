import { assertSameAnswer, floor, gql, interleave, TABLE, type Answer } from '../client';
import type { Row } from '../stats';
import { ratioRow, type Ctx, type Scenario } from './types';

const PUSH = `mutation($input: PushObservationsInput!) { pushObservations(input: $input) {
  applied dryRun created updated unchanged rejected batchId rows { index outcome code } userErrors { code message } } }`;

const SIZE = 5000;

/** The province's first 5,000 values from 2022 as they stand, each changed by `delta`, with its baseVersion. */
async function changedRows(c: Ctx, delta: number) {
  const { rows } = (await gql(c, TABLE, { f: { provinceCode: c.provinceCode, fromYear: 2022 }, first: SIZE })).json.data
    .observationTable;
  return (rows as any[][]).map((r) => ({
    unitCode: r[0],
    indicatorCode: r[1],
    period: r[2],
    value: Math.round((r[3] + delta) * 100) / 100,
    status: r[4],
    source: r[5],
    note: r[6],
    baseVersion: r[7],
  }));
}

const PUSH_TABLE = `mutation($input: PushObservationTableInput!) { pushObservationTable(input: $input) {
  applied dryRun created updated unchanged rejected batchId rows { index outcome code } userErrors { code message } } }`;

const COLUMNS = ['unitCode', 'indicatorCode', 'period', 'value', 'status', 'source', 'note', 'baseVersion'] as const;

type PushRows = Awaited<ReturnType<typeof changedRows>>;

/** The same 5,000 rows pushed through one input: the dry run against the read floor, the push against the write floor. */
async function measure(c: Ctx, input: 'objects' | 'table', label: string): Promise<Row[]> {
  c.log(`push${label}, dry run`);
  let rowsOf = 0;
  /** The rows as objects (pushObservations) or as a table (pushObservationTable). */
  const api = async (rows: PushRows, dryRun: boolean) => {
    const q = input === 'objects' ? PUSH : PUSH_TABLE;
    const variables =
      input === 'objects'
        ? { input: { rows, dryRun } }
        : { input: { columns: COLUMNS, rows: rows.map((r) => COLUMNS.map((k) => r[k])), dryRun } };
    const a = await gql(c, q, variables);
    return { a, out: a.json.data[input === 'objects' ? 'pushObservations' : 'pushObservationTable'] };
  };
  const dry = await interleave(
    c.trials,
    async () => {
      const rows = await changedRows(c, 1.5);
      rowsOf = rows.length;
      const { a, out } = await api(rows, true);
      if (out.applied || out.updated !== rows.length)
        throw new Error(`dry run: ${JSON.stringify({ ...out, rows: undefined })}`);
      return { value: a.ms, bytes: a.bytes };
    },
    async () => {
      const rows = await changedRows(c, 1.5);
      const a = await floor(c, '/read', { rows });
      if (outcome(a).updated !== rows.length)
        throw new Error(`read floor: ${JSON.stringify({ ...outcome(a), rows: undefined })}`);
      return { value: a.ms, bytes: a.bytes };
    },
  );
  c.log(`push${label}`);
  const push = await interleave(
    c.trials,
    async (i) => {
      const rows = await changedRows(c, 1 + (i & 7));
      const { a, out } = await api(rows, false);
      if (!out.applied || out.updated !== rows.length)
        throw new Error(`push: ${JSON.stringify({ ...out, rows: undefined })}`);
      return { value: a.ms, bytes: a.bytes };
    },
    async (i) => {
      const rows = await changedRows(c, 2 + (i & 7));
      const a = await floor(c, '/push', { rows });
      if (!outcome(a).applied || outcome(a).updated !== rows.length)
        throw new Error(`write floor: ${JSON.stringify({ ...outcome(a), rows: undefined })}`);
      return { value: a.ms, bytes: a.bytes };
    },
  );
  // Both answer every row's outcome: the same JSON but for the batch id (and the mutation's name).
  const dryBytes = assertSameAnswer(`push 5,000${label}, dry run`, dry);
  const pushBytes = assertSameAnswer(`push 5,000${label}`, push);
  const sent = input === 'objects' ? 'pushObservations rows' : 'pushObservationTable (columns + rows)';
  return [
    ratioRow(
      `push 5,000${label}, dry run`,
      `${rowsOf} changed values with baseVersion, ${sent}; floor: the same rows read by key`,
      'ms',
      dry,
      { op: '<=', limit: 2 },
      dryBytes,
    ),
    ratioRow(
      `push 5,000${label}`,
      `${rowsOf} changed values, ${sent}, atomic, versions + revisions; floor: read by key + multi-row upsert + revision insert`,
      'ms',
      push,
      { op: '<=', limit: 2 },
      pushBytes,
    ),
  ];
}

const outcome = (a: Answer) => a.json.data.pushObservations;

/**
 * A 5,000-row push (changed values with their baseVersions), sent as objects (pushObservations) and
 * as a table (pushObservationTable): the dry run against the read floor (the same rows read by key
 * and compared with their versions: a dry run writes nothing), the push against the write floor
 * (read by key, one multi-row upsert, one multi-row insert of the revisions, one transaction). In
 * each trial both sides get freshly read versions; the API's and the floor's rows are the same keys
 * and values.
 */
export const pushScenario: Scenario = {
  name: 'push',
  async run(c: Ctx): Promise<Row[]> {
    return [...(await measure(c, 'objects', '')), ...(await measure(c, 'table', ', table input'))];
  },
};
