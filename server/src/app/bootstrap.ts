import type { DataSource } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import type { Config } from './config';
import { AppMetaEntity } from '../db/app-meta.entity';
import { applyDemoAggregationRules } from './aggregation-rules';
import { loadDemoData } from './demo-data';
import { loadReferenceData } from './reference-data';

export interface BootstrapReport {
  referenceUnits: number | null;
  demo: Awaited<ReturnType<typeof loadDemoData>> | null;
}

/**
 * First start of an empty database: load the administrative catalogue and, unless DEMO_DATA=false,
 * the seed reports' figures, in one transaction. Later starts find the units and do nothing.
 */
export async function bootstrapData(ds: DataSource, config: Pick<Config, 'demoData'>): Promise<BootstrapReport> {
  return ds.transaction(async (em) => {
    if ((await em.getRepository(AdminUnitEntity).count()) > 0) {
      await applyDemoAggregationRules(em); // a database from before the rules existed
      return { referenceUnits: null, demo: null };
    }
    const referenceUnits = await loadReferenceData(em);
    const demo = config.demoData ? await loadDemoData(em) : null;
    if (demo) await applyDemoAggregationRules(em);
    await em.getRepository(AppMetaEntity).save([
      { key: 'reference_loaded_at', value: new Date().toISOString() },
      { key: 'demo_loaded', value: String(Boolean(demo)) },
    ]);
    return { referenceUnits, demo };
  });
}
