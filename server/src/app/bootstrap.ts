import type { DataSource } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import type { Config } from './config';
import { AppMetaEntity } from '../db/app-meta.entity';
import { applyDemoAggregationRules } from './aggregation-rules';
import { loadDemoData } from './demo-data';
import { loadReferenceData } from './reference-data';
import { loadReform2025, type Reform2025Report } from './reform-2025';

export interface BootstrapReport {
  referenceUnits: number | null;
  demo: Awaited<ReturnType<typeof loadDemoData>> | null;
  /** The July 2025 catalogue, when this start loaded it (fresh database, or one of the previous release). */
  reform2025: Reform2025Report | null;
}

/**
 * First start of an empty database: load the administrative catalogue of March 2025 and, unless
 * DEMO_DATA=false, the seed reports' figures, in one transaction. Then, on every database (fresh or
 * created by the previous release) that does not have it yet, the July 2025 reorganisation: communes,
 * post-reform units, lineage and end dates (see loadReform2025), in a second transaction.
 */
export async function bootstrapData(ds: DataSource, config: Pick<Config, 'demoData'>): Promise<BootstrapReport> {
  const first = await ds.transaction(async (em) => {
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
  const reform2025 = await ds.transaction((em) => loadReform2025(em));
  return { ...first, reform2025 };
}
