import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Viewer } from '../../server/src/auth/auth.types';
import { keyText } from '../../server/src/observations/observation.types';
import type { PushObservationsPayload } from '../../server/src/observations/push.types';
import { describeEachDb } from '../helpers/databases';
import type { PushRow } from '../helpers/push';
import { openServices, type ServiceDb } from '../helpers/services';

/**
 * Races between writers are the push service's behaviour on a real database (row locks and unique
 * indexes on MariaDB, the write lock on SQLite): the clients call the service concurrently, as the
 * API's request handlers do.
 */
const CLIENTS = 20;
const ROUNDS = 8;
const CELLS = ['THU_NHAP_BQ', 'GTSX', 'VON_DAU_TU_XH', 'TY_LE_HO_NGHEO', 'NANG_SUAT_LUA'];
const PERIOD = '1990';

/** A deterministic shuffle, so clients lock their rows in different orders. */
function shuffled<T>(items: T[], seed: number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    const j = seed % (i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

describeEachDb('pushObservations under concurrent conflicting edits', (db) => {
  let s: ServiceDb;
  let clients: Viewer[];
  beforeAll(async () => {
    s = await openServices(db);
    clients = [];
    for (let c = 0; c < CLIENTS; c++)
      clients.push(await s.viewer(`client-${String(c).padStart(2, '0')}`, 'PROVINCE_EDITOR', '38'));
  });
  afterAll(() => s?.close());
  const push = (viewer: Viewer, rows: PushRow[], opts: { atomic?: boolean; idempotencyKey?: string } = {}) =>
    s.services.push.push(viewer, rows, opts);

  it(`${CLIENTS} clients editing the same cells at once, ${ROUNDS} times: one winner per version, CONFLICT for every loser, gap-free chains`, async () => {
    const initial = await push(
      s.admin,
      CELLS.map((indicatorCode) => ({ unitCode: '392', indicatorCode, period: PERIOD, value: 1 })),
    );
    expect(initial.created).toBe(CELLS.length);
    const version = new Map(CELLS.map((c) => [c, 1]));
    /** cell → version → [client, value] of the writer that won it */
    const winners = new Map<string, Map<number, [number, number]>>(CELLS.map((c) => [c, new Map([[1, [-1, 1]]])]));

    for (let round = 0; round < ROUNDS; round++) {
      const atomic = round % 2 === 1;
      const fresh = `1980-${String(round + 1).padStart(2, '0')}`; // a key nobody has written: all race to create it
      // Distinct per writer, within 0–100 for the share, and free of binary noise (the server keeps 6 decimals).
      const value = (client: number) => (round * 1000 + client * 10 + 5) / 100;
      const requests = clients.map((viewer, client) => {
        const rows: PushRow[] = CELLS.map((indicatorCode) => ({
          unitCode: '392',
          indicatorCode,
          period: PERIOD,
          value: value(client),
          baseVersion: version.get(indicatorCode)!,
        }));
        rows.push({ unitCode: '392', indicatorCode: 'THU_NHAP_BQ', period: fresh, value: value(client) });
        return push(viewer, shuffled(rows, round * 1000 + client + 1), { atomic });
      });
      const results: PushObservationsPayload[] = await Promise.all(requests);

      for (const cell of [...CELLS, fresh]) {
        const isFresh = cell === fresh;
        const outcomes = results.map((res, client) => {
          const r = res.rows.find((_, i) => {
            const sent = shuffled(
              CELLS.map((c) => ({ c, p: PERIOD })).concat([{ c: 'THU_NHAP_BQ', p: fresh }]),
              round * 1000 + client + 1,
            )[i];
            return isFresh ? sent.p === fresh : sent.p === PERIOD && sent.c === cell;
          })!;
          return { client, r, applied: res.applied };
        });
        const won = outcomes.filter((o) => o.r.outcome === (isFresh ? 'CREATED' : 'UPDATED') && o.applied);
        expect(won, `round ${round} ${cell}: exactly one writer wins`).toHaveLength(1);
        const winner = won[0];
        const newVersion = isFresh ? 1 : version.get(cell)! + 1;
        expect(winner.r.observation).toMatchObject({ version: newVersion, value: value(winner.client) });
        for (const o of outcomes) {
          if (o === winner) continue;
          if (o.r.outcome === 'CONFLICT') {
            expect(o.r.code).toBe(isFresh ? 'ALREADY_EXISTS' : 'STALE_VERSION');
            expect(o.r.current).toMatchObject({ version: newVersion, value: value(winner.client) });
          } else {
            // In an atomic round a loser's rows are refused together: its good rows stay unwritten.
            expect(atomic && !o.applied, `round ${round} ${cell} client ${o.client}: ${o.r.outcome}`).toBe(true);
          }
        }
        if (!isFresh) {
          version.set(cell, newVersion);
          winners.get(cell)!.set(newVersion, [winner.client, value(winner.client)]);
        }
      }
      if (atomic) {
        // All or nothing: the one client that won is the same for every cell of the round.
        expect(results.filter((r) => r.applied)).toHaveLength(1);
      }
    }

    for (const cell of CELLS) {
      const page = await s.services.observations.connection(
        { unitCodes: ['392'], indicatorCodes: [cell], periods: ['1990'] },
        1000,
        null,
      );
      const obs = page.nodes[0];
      const key = { unitId: obs.unitId, indicatorId: obs.indicatorId, period: obs.period };
      const revisions = (await s.services.observations.revisionsByKeys([key])).get(keyText(key))!;
      expect(obs.version).toBe(ROUNDS + 1);
      expect(revisions.map((r) => r.version)).toEqual(Array.from({ length: ROUNDS + 1 }, (_, i) => ROUNDS + 1 - i));
      for (const r of revisions.slice(0, ROUNDS)) {
        const [client, value] = winners.get(cell)!.get(r.version)!;
        expect(r).toMatchObject({ value, action: 'UPDATE', changedBy: `client-${String(client).padStart(2, '0')}` });
      }
    }
    const chains: { n: number; v: number }[] = await s.ds.query(
      "SELECT COUNT(*) AS n, MAX(version) AS v FROM observation_revision WHERE period = '1990' OR period LIKE '1980-%' GROUP BY unit_id, indicator_id, period",
    );
    expect(chains).toHaveLength(CELLS.length + ROUNDS);
    for (const c of chains) expect(Number(c.n)).toBe(Number(c.v));
  });

  it(`${CLIENTS} clients creating the same new keys at once: exactly one CREATED per key, ALREADY_EXISTS for the others`, async () => {
    // No stored row to lock: the unique (key, version) index of revisions alone decides the race.
    for (let round = 0; round < ROUNDS; round++) {
      const keys = CELLS.map((indicatorCode) => ({
        indicatorCode,
        period: `1970-${String(round + 1).padStart(2, '0')}`,
      }));
      const results = await Promise.all(
        clients.map((viewer, client) => {
          const order = shuffled(keys, round * 77 + client + 3);
          return push(
            viewer,
            order.map((k) => ({ unitCode: '390', ...k, value: client + 1 })),
            { atomic: false },
          ).then((res) => ({ res, order, client }));
        }),
      );
      for (const k of keys) {
        const rows = results.map(({ res, order, client }) => ({ client, r: res.rows[order.indexOf(k)] }));
        const created = rows.filter((x) => x.r.outcome === 'CREATED');
        expect(created, `round ${round} ${k.indicatorCode}`).toHaveLength(1);
        for (const x of rows) {
          if (x === created[0]) continue;
          expect(x.r).toMatchObject({
            outcome: 'CONFLICT',
            code: 'ALREADY_EXISTS',
            current: { version: 1, value: created[0].client + 1 },
          });
        }
      }
    }
    const chains: { n: number; v: number }[] = await s.ds.query(
      "SELECT COUNT(*) AS n, MAX(version) AS v FROM observation_revision WHERE period LIKE '1970-%' GROUP BY unit_id, indicator_id, period",
    );
    expect(chains).toHaveLength(CELLS.length * ROUNDS);
    for (const c of chains) expect([Number(c.n), Number(c.v)]).toEqual([1, 1]);
  });

  it('the same keyed push sent several times at once (a client retrying) is written once and replayed to the others', async () => {
    const rows: PushRow[] = CELLS.map((indicatorCode, i) => ({
      unitCode: '392',
      indicatorCode,
      period: '1991',
      value: 10 + i,
    }));
    const answers = await Promise.all(
      Array.from({ length: 8 }, () => push(clients[0], rows, { idempotencyKey: 'retry-storm-1' })),
    );
    expect(answers.filter((a) => !a.replayed)).toHaveLength(1);
    const first = answers.find((a) => !a.replayed)!;
    expect(first).toMatchObject({ applied: true, created: CELLS.length });
    for (const a of answers) expect({ ...a, replayed: false }).toEqual(first);
    const revs: { n: number }[] = await s.ds.query(
      "SELECT COUNT(*) AS n FROM observation_revision WHERE period = '1991'",
    );
    expect(Number(revs[0].n)).toBe(CELLS.length);
  });
});
