/**
 * Cancelling, as a statistician must be able to trust it, on the real server and the strict Excel stand-in:
 * a cancelled pull leaves the workbook untouched; a push cancelled before its request is sent
 * sends nothing, and one cancelled after is answered and applied — the server wrote it, and the
 * sheet's baseline knows.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CancelledError, GraphQLClient } from '../../../addin/src/api';
import { LONG_COLUMNS } from '../../../addin/src/sync';
import type { PullRequest } from '../../../addin/src/workflow/pull';
import { pull } from '../../../addin/src/workflow/pull';
import { review } from '../../../addin/src/workflow/push';
import type { BoundSheet } from '../../../addin/src/workflow/sheet';
import { ADMIN, ok, startTestServer, type TestServer } from '../../helpers/server';
import { cellAddress } from '../../../addin/src/excel';
import { installStandIn, type Driver } from '../../stand-in';

const HA_TRUNG: PullRequest = {
  layout: 'long',
  filter: { unitCodes: ['392'], fromYear: 2023, toYear: 2023 },
  label: 'Dữ liệu Hà Trung',
};
const VALUE = LONG_COLUMNS.indexOf('value');

describe('cancelling pulls and pushes (workflow, real server)', () => {
  let s: TestServer;
  let client: GraphQLClient;
  let book: Driver;
  beforeAll(async () => {
    s = await startTestServer('sqlite');
    client = new GraphQLClient({ serverUrl: s.url, token: ADMIN });
  });
  afterAll(() => s?.stop());
  beforeEach(() => {
    book = installStandIn();
  });
  afterEach(() => book.uninstall());

  /** "CODE period" → value, for Hà Trung on the server. */
  async function server(): Promise<Record<string, number>> {
    const d = ok(
      await s.gql(
        '{ observations(filter: { unitCodes: ["392"], periods: ["2023"] }, first: 500) { nodes { indicator { code } period value } } }',
      ),
    );
    return Object.fromEntries(d.observations.nodes.map((o: any) => [`${o.indicator.code} ${o.period}`, o.value]));
  }

  const workbook = () =>
    book.sheets().map((x) => ({
      name: x.name,
      cells: book
        .grid(x.name)
        .flat()
        .filter((v) => v !== '').length,
      tables: x.tables.length,
    }));

  it('a pull cancelled while downloading writes nothing to the workbook', async () => {
    const before = workbook();
    const controller = new AbortController();
    const outcome = pull(client, HA_TRUNG, (stage) => stage === 'download' && controller.abort(), controller.signal);
    await expect(outcome).rejects.toBeInstanceOf(CancelledError);
    expect(workbook()).toEqual(before);
    expect(book.state.runs).toBe(0); // not even a read: it stopped before Excel was touched
  });

  it('a pull cancelled while its request is in flight stops as cancelled, not as a network failure', async () => {
    const controller = new AbortController();
    const slow = new GraphQLClient({
      serverUrl: s.url,
      token: ADMIN,
      fetch: (input, init) => {
        controller.abort(); // the user clicks Cancel while the answer is on its way
        return fetch(input, init);
      },
    });
    await expect(pull(slow, HA_TRUNG, undefined, controller.signal)).rejects.toBeInstanceOf(CancelledError);
    expect(workbook()).toEqual([{ name: 'Sheet1', cells: 0, tables: 0 }]);
  });

  async function pulledAndEdited(): Promise<{ sheet: BoundSheet; row: number; code: string; value: number }> {
    const out = await pull(client, HA_TRUNG);
    if (out.kind !== 'written') throw new Error('expected a written pull');
    const grid = book.grid(out.sheet.sheetName);
    const row = grid.findIndex((r, i) => i > 0 && typeof r[VALUE] === 'number');
    const code = String(grid[row]![LONG_COLUMNS.indexOf('indicatorCode')]);
    const value = (grid[row]![VALUE] as number) + 1;
    book.type(out.sheet.sheetName, cellAddress(row, VALUE), value);
    return { sheet: out.sheet, row, code, value };
  }

  it('a push cancelled before its request is sent sends nothing and keeps the edit', async () => {
    const { sheet, row, code, value } = await pulledAndEdited();
    const before = await server();
    const controller = new AbortController();
    controller.abort();
    await expect(
      review(client, sheet, { dryRun: false, atomic: true, signal: controller.signal }),
    ).rejects.toBeInstanceOf(CancelledError);
    expect(await server()).toEqual(before);
    expect(before[`${code} 2023`]).not.toBe(value);
    expect(book.cell(sheet.sheetName, cellAddress(row, VALUE)).value).toBe(value);
    const preview = await review(client, sheet, { dryRun: true, atomic: true });
    expect(preview.items.map((i) => i.state)).toEqual(['WILL_UPDATE']); // still an edit to push
  });

  it('a push cancelled after its request was sent is answered and applied, and says nothing was left unsent', async () => {
    const { sheet, code, value } = await pulledAndEdited();
    const controller = new AbortController();
    const result = await review(client, sheet, {
      dryRun: false,
      atomic: true,
      signal: controller.signal,
      onProgress: () => controller.abort(), // reported as the request goes out
    });
    expect(controller.signal.aborted).toBe(true);
    expect([result.applied, result.unsent, result.items.map((i) => i.state)]).toEqual([true, 0, ['UPDATED']]);
    expect((await server())[`${code} 2023`]).toBe(value);
    // The baseline moved with the server: nothing is left to push.
    const again = await review(client, result.sheet, { dryRun: true, atomic: true });
    expect(again.sent).toBe(0);
  });

  it('a preview cancelled mid-request stops at once: it writes nothing anywhere', async () => {
    const { sheet } = await pulledAndEdited();
    const controller = new AbortController();
    const marks = () =>
      book
        .grid(sheet.sheetName)
        .flatMap((r, i) => r.map((_, j) => book.cell(sheet.sheetName, cellAddress(i, j)).fill))
        .filter(Boolean).length;
    const before = marks();
    const opts = { dryRun: true, atomic: true, signal: controller.signal, onProgress: () => controller.abort() };
    await expect(review(client, sheet, opts)).rejects.toBeInstanceOf(CancelledError);
    expect(marks()).toBe(before);
  });
});
