import { expect, it } from 'vitest';
import { bootstrapData } from '../../server/src/app/bootstrap';
import { createDataSource, openDatabase } from '../../server/src/app/data-source';
import { loadDemoData } from '../../server/src/app/demo-data';
import { loadReferenceData } from '../../server/src/app/reference-data';
import { REFORM_2025_KEY } from '../../server/src/app/reform-2025';
import { createServices } from '../../server/src/app/services';
import { AppMetaEntity } from '../../server/src/db/app-meta.entity';
import { Initial1732000000000 } from '../../server/src/db/migrations/1732000000000-initial';
import { WritePath1732000000001 } from '../../server/src/db/migrations/1732000000001-write-path';
import { IndicatorAggregation1732000000003 } from '../../server/src/db/migrations/1732000000003-indicator-aggregation';
import { describeEachDb, scratchDatabase } from '../helpers/databases';

const FIGURES = `SELECT u.code, u.level, i.code AS indicator, o.period, o.value
  FROM observation o JOIN admin_unit u ON u.id = o.unit_id JOIN indicator i ON i.id = o.indicator_id
  ORDER BY o.id`;

describeEachDb('upgrading a database of the previous release to the 2025 catalogue', (db) => {
  it('keeps every unit id and figure and gains communes, post-reform units and lineage', async () => {
    const scratch = await scratchDatabase(db);
    try {
      // The previous release: its two migrations, its catalogue (63 provinces, 697 districts), demo figures.
      // (Plus the indicators' aggregation columns, which today's demo loader writes; the reform's
      // migration, numbered before it, still runs afterwards: TypeORM runs every pending migration.)
      const old = createDataSource(scratch.config);
      old.setOptions({ migrations: [Initial1732000000000, WritePath1732000000001, IndicatorAggregation1732000000003] });
      await old.initialize();
      await old.runMigrations({ transaction: 'each' });
      await old.transaction(async (em) => {
        await loadReferenceData(em);
        await loadDemoData(em);
        await em.getRepository(AppMetaEntity).save({ key: 'reference_loaded_at', value: new Date().toISOString() });
      });
      const unitsBefore = await old.query('SELECT id, code, level FROM admin_unit ORDER BY id');
      const figuresBefore = await old.query(FIGURES);
      expect(unitsBefore).toHaveLength(760);
      expect(figuresBefore.length).toBeGreaterThan(40);
      await old.destroy();

      // This release: the new migration, then start-up loads the 2025 catalogue once.
      const ds = await openDatabase(scratch.config);
      try {
        const report = await bootstrapData(ds, { demoData: true });
        expect(report.referenceUnits).toBeNull();
        expect(report.demo).toBeNull();
        expect(report.reform2025).toMatchObject({ communesBefore: 10047, provincesAfter: 34, communesAfter: 3321 });
        const kept = await ds.query('SELECT id, code, level FROM admin_unit WHERE id <= ? ORDER BY id', [
          unitsBefore.at(-1).id,
        ]);
        expect(kept.map((u: any) => ({ ...u, id: Number(u.id) }))).toEqual(
          unitsBefore.map((u: any) => ({ ...u, id: Number(u.id) })),
        );
        expect(await ds.query(FIGURES)).toEqual(figuresBefore);
        const meta = await ds.getRepository(AppMetaEntity).findOneBy({ key: REFORM_2025_KEY });
        expect(meta).not.toBeNull();

        const services = createServices(ds);
        expect(await services.units.provinces('2025-08-01')).toHaveLength(34);
        expect(await services.units.provinces('2025-06-01')).toHaveLength(63);
        const [{ n }] = await ds.query('SELECT COUNT(*) AS n FROM unit_lineage');
        expect(Number(n)).toBeGreaterThan(10_000);

        // A second start does nothing more.
        expect((await bootstrapData(ds, { demoData: true })).reform2025).toBeNull();
      } finally {
        await ds.destroy();
      }
    } finally {
      await scratch.drop();
    }
  });
});
