import Database from 'better-sqlite3';
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { describeEachDb } from '../helpers/databases';
import { createToken, type PushRow } from '../helpers/push';
import { ok, startTestServer, type TestServer } from '../helpers/server';

/**
 * examples/mirror.mjs, run as a separate process against the real server while pushes (one of
 * 20,000 rows), updates and deletes happen, must end with exactly the server's rows of the province:
 * none missing, none extra, deletions applied. Waits are on conditions (the mirror's stored cursor
 * has caught up), never on time.
 */
const SCRIPT = path.resolve(__dirname, '../../examples/mirror.mjs');
const THANH_HOA = ['380', '381', '382', '384', '385', '386', '387', '388', '389', '390'];
const MORE = ['391', '392', '393', '394', '395', '396', '397', '398', '399', '400'];
const month = (i: number) => `${1980 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const rowsOf = (units: string[], indicators: string[], months: number, value: (i: number) => number) =>
  units.flatMap((unitCode) =>
    indicators.flatMap((indicatorCode) =>
      Array.from({ length: months }, (_, i): PushRow => ({
        unitCode,
        indicatorCode,
        period: month(i),
        value: value(i),
      })),
    ),
  );

type Row = [string, string, string, number, string, string | null, string | null, number];

describeEachDb('examples/mirror.mjs keeps a province mirror exact under concurrent writes', (db) => {
  let t: TestServer;
  let token: string;
  let dir: string;
  let child: ChildProcess | null = null;
  let stderr = '';
  beforeAll(async () => {
    t = await startTestServer(db);
    token = (await createToken(t, 'mirror', 'VIEWER')).secret;
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chitieu-mirror-'));
  });
  afterAll(async () => {
    child?.kill();
    await t?.stop();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  const push = async (rows: PushRow[]) => {
    const res = ok(
      await t.gql(
        'mutation($input: PushObservationsInput!) { pushObservations(input: $input) { applied created updated deleted rejected } }',
        { input: { rows } },
      ),
    ).pushObservations;
    expect(res).toMatchObject({ applied: true, rejected: 0 });
    return res;
  };
  /** The server's rows of the province, as the mirror stores them. */
  const serverRows = async (): Promise<Row[]> => {
    const out: Row[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(
        await t.gql(
          'query($after: String) { observationTable(filter: { provinceCode: "38" }, first: 50000, after: $after) { columns rows pageInfo { hasNextPage endCursor } } }',
          { after },
        ),
      ).observationTable;
      const c = Object.fromEntries(page.columns.map((n: string, i: number) => [n, i]));
      for (const r of page.rows)
        out.push([
          r[c.unitId],
          r[c.indicatorCode],
          r[c.period],
          r[c.value],
          r[c.status],
          r[c.source],
          r[c.note],
          r[c.version],
        ]);
      if (!page.pageInfo.hasNextPage) return out.sort(byKey);
      after = page.pageInfo.endCursor;
    }
  };
  /** Rows that differ, by key (a few), instead of a diff of 20,000 rows. */
  const differences = (mirror: Row[], server: Row[]) => {
    const text = (rows: Row[]) => new Map(rows.map((r) => [r.slice(0, 3).join('|'), JSON.stringify(r)]));
    const m = text(mirror);
    const sv = text(server);
    const keys = new Set([...m.keys(), ...sv.keys()]);
    return [...keys]
      .filter((k) => m.get(k) !== sv.get(k))
      .slice(0, 5)
      .map((k) => ({ mirror: m.get(k) ?? null, server: sv.get(k) ?? null }));
  };
  const byKey = (a: Row, b: Row) => (a.slice(0, 3).join('|') < b.slice(0, 3).join('|') ? -1 : 1);
  const file = () => path.join(dir, 'mirror.sqlite');
  const mirrorRows = (): Row[] => {
    const m = new Database(file(), { readonly: true });
    try {
      return (
        m
          .prepare('SELECT unit_id, indicator_code, period, value, status, source, note, version FROM observation')
          .raw()
          .all() as Row[]
      ).sort(byKey);
    } finally {
      m.close();
    }
  };
  const mirrorCursor = (): string | null => {
    if (!fs.existsSync(file())) return null;
    const m = new Database(file(), { readonly: true, fileMustExist: true });
    try {
      return (
        (m.prepare("SELECT value FROM mirror_meta WHERE key = 'cursor'").get() as { value: string } | undefined)
          ?.value ?? null
      );
    } catch {
      return null; // the mirror has not created its tables yet
    } finally {
      m.close();
    }
  };
  /** Until the mirror's stored cursor has nothing after it for the province. */
  const caughtUp = async () => {
    for (let i = 0; ; i++) {
      if (child?.exitCode !== null || child?.signalCode !== null)
        throw new Error(`the mirror exited (${child?.exitCode}): ${stderr}`);
      const cursor = mirrorCursor();
      if (cursor !== null) {
        const page = ok(
          await t.gql(
            'query($after: String) { changes(after: $after, first: 1, provinceCode: "38") { nodes { kind } pageInfo { hasNextPage } } }',
            { after: cursor },
          ),
        ).changes;
        if (page.nodes.length === 0 && !page.pageInfo.hasNextPage) return;
      }
      if (i > 100_000) throw new Error('the mirror never caught up');
      await new Promise((r) => setTimeout(r, 20));
    }
  };

  it('bootstraps during a 20,000-row push and other writes, then follows updates and deletes; equal row by row', async () => {
    const demo = (await serverRows()).length; // the demo data's values in Thanh Hóa
    await push(rowsOf(THANH_HOA, ['THU_NHAP_BQ'], 100, (i) => i + 1)); // 1,000 values before the mirror starts
    await push(rowsOf(['001'], ['THU_NHAP_BQ'], 100, (i) => i + 1)); // another province: never mirrored

    child = spawn(
      process.execPath,
      [
        SCRIPT,
        '--url',
        `${t.url}/graphql`,
        '--token',
        token,
        '--province',
        '38',
        '--file',
        file(),
        '--interval',
        '0.02',
        '--page',
        '700',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    child.stderr!.on('data', (d) => (stderr += String(d)));

    // While it bootstraps: a 20,000-row push, updates and deletes of the first values, another province.
    const big = rowsOf([...THANH_HOA, ...MORE], ['GTSX', 'VON_DAU_TU_XH'], 500, (i) => i * 2);
    const updates = rowsOf(THANH_HOA.slice(0, 5), ['THU_NHAP_BQ'], 100, (i) => i + 1000).map((r) => ({
      ...r,
      baseVersion: 1,
    }));
    const deletes = rowsOf(THANH_HOA.slice(5), ['THU_NHAP_BQ'], 50, () => 0).map((r) => ({
      ...r,
      value: null,
      baseVersion: 1,
    }));
    const [b] = await Promise.all([
      push(big),
      push(updates.slice(0, 250)).then(() => push(updates.slice(250))),
      push(deletes),
      push(rowsOf(['001'], ['GTSX'], 300, (i) => i)),
    ]);
    expect(b.created).toBe(20_000);
    await caughtUp();
    const first = await serverRows();
    expect(first).toHaveLength(demo + 1_000 - 250 + 20_000);
    expect(differences(mirrorRows(), first)).toEqual([]);

    // After the bootstrap, through the feed only: deletes, re-creations, updates with new text.
    await Promise.all([
      push(
        rowsOf(THANH_HOA.slice(0, 5), ['THU_NHAP_BQ'], 100, () => 0).map((r) => ({
          ...r,
          value: null,
          baseVersion: 2,
        })),
      ),
      push(
        rowsOf(THANH_HOA.slice(5), ['THU_NHAP_BQ'], 50, (i) => i + 7).map((r) => ({
          ...r,
          status: 'ESTIMATED' as const,
          note: 'tạo lại',
        })),
      ),
      push(rowsOf(MORE, ['GTSX'], 500, (i) => i * 3).map((r) => ({ ...r, source: 'Cục Thống kê', baseVersion: 1 }))),
      push(rowsOf(['001'], ['GTSX'], 300, () => 0).map((r) => ({ ...r, value: null, baseVersion: 1 }))),
    ]);
    await caughtUp();
    const second = await serverRows();
    expect(second).toHaveLength(demo + 1_000 - 250 - 500 + 250 + 20_000);
    const mirrored = mirrorRows();
    const keys = (rows: Row[]) => new Set(rows.map((r) => r.slice(0, 3).join('|')));
    const [onServer, inMirror] = [keys(second), keys(mirrored)];
    const missing = [...onServer].filter((k) => !inMirror.has(k));
    const extra = [...inMirror].filter((k) => !onServer.has(k));
    expect({ missing, extra }).toEqual({ missing: [], extra: [] });
    expect(differences(mirrored, second)).toEqual([]);
    expect(mirrored.some((r) => r[1] === 'THU_NHAP_BQ' && r[2] === '1980-01' && r[6] === 'tạo lại')).toBe(true);
  });
});
