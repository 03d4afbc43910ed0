/**
 * A push in batches (over the server's row limit, all-or-nothing off) cancelled between two
 * batches: the batches sent are written and applied, the rest are not sent and stay edits. The row
 * limit is lowered to one row per batch here, so three edits make three batches. The mock needs
 * modules of its own: this file runs in vitest's "isolated" project (vitest.config.ts).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { GraphQLClient } from '../../../addin/src/api';
import { LONG_COLUMNS } from '../../../addin/src/sync';
import { pull } from '../../../addin/src/workflow/pull';
import { review } from '../../../addin/src/workflow/push';
import { ADMIN, ok, startTestServer, type TestServer } from '../../helpers/server';
import { cellAddress } from '../../../addin/src/excel/address';
import { installStandIn, type Driver } from '../../stand-in';

vi.mock('../../../addin/src/sync/plan', async (original) => {
  const plan = await original<typeof import('../../../addin/src/sync/plan')>();
  return {
    ...plan,
    splitPlan: (p: Parameters<typeof plan.splitPlan>[0], o = {}) => plan.splitPlan(p, { ...o, maxRows: 1 }),
  };
});

const VALUE = LONG_COLUMNS.indexOf('value');
const INDICATOR = LONG_COLUMNS.indexOf('indicatorCode');

describe('cancelling a push between batches (workflow, real server)', () => {
  let s: TestServer;
  let book: Driver;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
  });
  afterAll(() => s?.stop());
  beforeEach(() => {
    book = installStandIn();
  });
  afterEach(() => book.uninstall());

  it('writes the batches sent, sends no more, and leaves the rest as edits', async () => {
    const client = new GraphQLClient({ serverUrl: s.url, token: ADMIN });
    const out = await pull(client, {
      layout: 'long',
      filter: { unitCodes: ['392'], fromYear: 2023, toYear: 2023 },
      label: 'Dữ liệu Hà Trung',
    });
    if (out.kind !== 'written') throw new Error('expected a written pull');
    const sheet = out.sheet.sheetName;
    const grid = book.grid(sheet);
    const rows = grid.flatMap((r, i) => (i > 0 && typeof r[VALUE] === 'number' ? [i] : [])).slice(0, 3);
    expect(rows).toHaveLength(3);
    const edited = rows.map((r) => ({ code: String(grid[r]![INDICATOR]), value: (grid[r]![VALUE] as number) + 1 }));
    rows.forEach((r, i) => book.type(sheet, cellAddress(r, VALUE), edited[i]!.value));

    const controller = new AbortController();
    const sending: number[] = [];
    const result = await review(client, out.sheet, {
      dryRun: false,
      atomic: false,
      signal: controller.signal,
      onProgress: (done) => {
        sending.push(done);
        if (done === 1) controller.abort(); // the first batch is answered: cancel before the second
      },
    });
    expect(sending).toEqual([0, 1]); // the second batch never went out
    expect([result.unsent, result.items.map((i) => i.state)]).toEqual([2, ['UPDATED']]);
    const server = ok(
      await s.gql(
        '{ observations(filter: { unitCodes: ["392"], periods: ["2023"] }, first: 500) { nodes { indicator { code } value } } }',
      ),
    ).observations.nodes as { indicator: { code: string }; value: number }[];
    const onServer = (code: string) => server.find((o) => o.indicator.code === code)?.value;
    const written = edited.filter((e) => onServer(e.code) === e.value);
    expect(written).toHaveLength(1);
    // The baseline knows what was written: exactly the two unsent edits are still to push.
    const again = await review(client, result.sheet, { dryRun: true, atomic: false });
    expect(again.items.map((i) => i.state)).toEqual(['WILL_UPDATE', 'WILL_UPDATE']);
  });
});
