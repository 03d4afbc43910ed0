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

const outcome = (a: Answer) => a.json.data.pushObservations;

/**
 * A 5,000-row push (changed values with their baseVersions): the dry run against the read floor (the
 * same rows read by key and compared with their versions: a dry run writes nothing), the push against
 * the write floor (read by key, one multi-row upsert, one multi-row insert of the revisions, one
 * transaction). In each trial both sides get freshly read versions; the API's and the floor's rows
 * are the same keys and values.
 */
export const pushScenario: Scenario = {
  name: 'push',
  async run(c: Ctx): Promise<Row[]> {
    c.log('push, dry run');
    let rowsOf = 0;
    const dry = await interleave(
      c.trials,
      async () => {
        const rows = await changedRows(c, 1.5);
        rowsOf = rows.length;
        const a = await gql(c, PUSH, { input: { rows, dryRun: true } });
        if (outcome(a).applied || outcome(a).updated !== rows.length)
          throw new Error(`dry run: ${JSON.stringify({ ...outcome(a), rows: undefined })}`);
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
    c.log('push');
    const push = await interleave(
      c.trials,
      async (i) => {
        const rows = await changedRows(c, 1 + (i & 7));
        const a = await gql(c, PUSH, { input: { rows } });
        if (!outcome(a).applied || outcome(a).updated !== rows.length)
          throw new Error(`push: ${JSON.stringify({ ...outcome(a), rows: undefined })}`);
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
    // Both answer every row's outcome: the same JSON but for the batch id.
    const dryBytes = assertSameAnswer('push 5,000, dry run', dry);
    const pushBytes = assertSameAnswer('push 5,000', push);
    return [
      ratioRow(
        'push 5,000, dry run',
        `${rowsOf} changed values with baseVersion; floor: the same rows read by key`,
        'ms',
        dry,
        { op: '<=', limit: 2 },
        dryBytes,
      ),
      ratioRow(
        'push 5,000',
        `${rowsOf} changed values, atomic, versions + revisions; floor: read by key + multi-row upsert + revision insert`,
        'ms',
        push,
        { op: '<=', limit: 2 },
        pushBytes,
      ),
    ];
  },
};
