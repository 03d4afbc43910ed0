import 'reflect-metadata';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bootstrapData } from '../../server/src/app/bootstrap';
import { describeEachDb } from '../helpers/databases';
import { openServices, type ServiceDb } from '../helpers/services';

/** A database created before indicators had aggregation rules gets the demo catalogue's rules once at start-up. */
describeEachDb('aggregation rules on an existing database', (db) => {
  let s: ServiceDb;
  beforeAll(async () => {
    s = await openServices(db);
  });
  afterAll(() => s?.close());
  const rules = async () =>
    Object.fromEntries(
      (
        (await s.ds.query(
          `SELECT i.code, i.aggregation, w.code AS weight FROM indicator i LEFT JOIN indicator w ON w.id = i.weight_indicator_id
           WHERE i.code IN ('GTSX', 'THU_NHAP_BQ', 'TY_LE_HO_NGHEO')`,
        )) as { code: string; aggregation: string; weight: string | null }[]
      ).map((r) => [r.code, [r.aggregation, r.weight]]),
    );

  it('sets the rules where none was set, once, and leaves a rule someone set alone', async () => {
    // The state the previous release left: every indicator NONE, no record that rules were applied.
    await s.ds.query(`UPDATE indicator SET aggregation = 'NONE', weight_indicator_id = NULL`);
    await s.ds.query(`DELETE FROM app_meta WHERE meta_key = 'demo_aggregation_rules_applied'`);
    await s.ds.query(`UPDATE indicator SET aggregation = 'SUM' WHERE code = 'TY_LE_HO_NGHEO'`); // an operator's choice
    const observations = await s.ds.query('SELECT COUNT(*) AS n FROM observation');

    await bootstrapData(s.ds, { demoData: true });
    expect(await rules()).toEqual({
      GTSX: ['SUM', null],
      THU_NHAP_BQ: ['WEIGHTED_MEAN', 'DAN_SO_TB'],
      TY_LE_HO_NGHEO: ['SUM', null],
    });
    expect(await s.ds.query('SELECT COUNT(*) AS n FROM observation')).toEqual(observations);

    // Once: a rule changed afterwards is not put back at the next start.
    await s.ds.query(`UPDATE indicator SET aggregation = 'NONE' WHERE code = 'GTSX'`);
    await bootstrapData(s.ds, { demoData: true });
    expect((await rules()).GTSX).toEqual(['NONE', null]);
  });
});
