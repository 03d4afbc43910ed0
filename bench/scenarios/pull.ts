import {
  apiObjectsPage,
  apiTablePage,
  assertSameAnswer,
  floorObjectsPage,
  floorTablePage,
  gql,
  interleave,
  OBJECTS,
  pullAll,
  TABLE,
  type Sample,
} from '../client';
import type { Row } from '../stats';
import { ratioRow, type Ctx, type Scenario } from './types';

const TWICE = { op: '<=', limit: 2 } as const;
const asSample = (p: { ms: number; bytes: number; rows: number }): Sample => ({
  value: p.ms,
  bytes: p.bytes,
  rows: p.rows,
});

/**
 * Pulls: a province's and a district's whole long table through observationTable (pages of 25,000)
 * and the observations connection (pages of 10,000, as the add-in asks), each against the floor
 * sending the same JSON; the national table's second page against a province page, per row; the
 * server's peak memory for 50,000 rows through the objects against the compact encoding.
 */
export const pullScenario: Scenario = {
  name: 'pull',
  async run(c: Ctx): Promise<Row[]> {
    const rows: Row[] = [];
    const scopes = [
      { label: 'province', filter: { provinceCode: c.provinceCode } },
      { label: 'district', filter: { unitCodes: [c.districtCode] } },
    ];
    for (const s of scopes) {
      for (const path of ['table', 'objects'] as const) {
        const first = path === 'table' ? 25_000 : 10_000;
        const [api, fl] =
          path === 'table'
            ? [apiTablePage(c, s.filter, first), floorTablePage(c, s.filter, first)]
            : [apiObjectsPage(c, s.filter, first), floorObjectsPage(c, s.filter, first)];
        c.log(`${s.label} pull, ${path}`);
        const p = await interleave(
          c.trials,
          async () => asSample(await pullAll(api)),
          async () => asSample(await pullAll(fl)),
        );
        const detail = assertSameAnswer(`${s.label} pull (${path})`, p);
        rows.push(
          ratioRow(
            `${s.label} pull, ${path === 'table' ? 'observationTable' : 'observations (objects)'}`,
            `${s.label === 'province' ? `province ${c.provinceCode}` : `district ${c.districtCode}`}: ${detail.rows} rows, pages of ${first.toLocaleString('en-US')}`,
            'ms',
            p,
            TWICE,
            detail,
          ),
        );
      }
    }

    // The national table (no filter): its second page (a cursor) against the province's first page, per row.
    c.log('national page');
    const first = 25_000;
    const firstPage = (await gql(c, TABLE, { f: {}, first })).json.data.observationTable;
    const cursor = firstPage.pageInfo.endCursor as string;
    const perRow = (a: { ms: number; json: any }) => a.ms / Math.max(1, a.json.data.observationTable.rows.length);
    const national = await interleave(
      c.trials,
      async () => {
        const a = await gql(c, TABLE, { f: {}, first, after: cursor });
        return { value: perRow(a), rows: a.json.data.observationTable.rows.length };
      },
      async () => {
        const a = await gql(c, TABLE, { f: { provinceCode: c.provinceCode }, first });
        return { value: perRow(a), rows: a.json.data.observationTable.rows.length };
      },
    );
    rows.push(
      ratioRow(
        'national page, per row',
        `observationTable(filter: {}) page 2 (${national.last.api.rows} rows) against province ${c.provinceCode}'s page (${national.last.floor.rows} rows); “floor” = the province page`,
        'ms/row',
        national,
        TWICE,
      ),
    );

    // Memory: the server process's peak RSS above its post-GC level while it answers 50,000 rows.
    c.log('50,000-row pull memory');
    const memorySide = (query: string, key: string) => async (): Promise<Sample> => {
      const before = await c.memory(true);
      const a = await gql(c, query, { f: {}, first: 50_000 });
      const after = await c.memory(false);
      const conn = a.json.data[key];
      return { value: after.peakMiB - before.rssMiB, rows: (conn.rows ?? conn.nodes).length };
    };
    const memory = await interleave(
      c.trials,
      memorySide(OBJECTS, 'observations'),
      memorySide(TABLE, 'observationTable'),
    );
    assertSameAnswer('50,000-row pull memory', memory);
    rows.push(
      ratioRow(
        '50,000-row pull, server memory',
        `peak RSS growth of the server process for one page of ${memory.last.api.rows} rows: observations (objects) against observationTable; “floor” = the compact path`,
        'MiB',
        memory,
        TWICE,
      ),
    );
    return rows;
  },
};
