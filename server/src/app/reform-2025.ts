import type { EntityManager } from 'typeorm';
import { AppMetaEntity } from '../db/app-meta.entity';
import { importKey, importUnits } from '../admin-units/units-import';
import { dataPath, readCsv } from './data-files';

/** Last day of the pre-reform units; the post-reform ones start the day after. */
export const REFORM_LAST_DAY = '2025-06-30';
export const REFORM_FIRST_DAY = '2025-07-01';
/** app_meta key set once the 2025 catalogue (communes, post-reform units, lineage) is loaded. */
export const REFORM_2025_KEY = importKey(REFORM_FIRST_DAY);

export interface Reform2025Report {
  communesBefore: number;
  provincesAfter: number;
  communesAfter: number;
  links: number;
}

/**
 * Brings a database holding the March 2025 catalogue (63 provinces, districts; the previous
 * release's state) forward to the July 2025 reorganisation with the general importer
 * (admin-units/units-import.ts), keeping every existing unit and id, so observations keep their figures:
 * - the 10,047 pre-reform communes (communes-2025-03.csv) are inserted under their districts first;
 * - the lineage (lineage-2025-07.csv) ends them and the 63 provinces on 2025-06-30, except a province
 *   whose territory did not change (its only predecessor is itself, wholly): it stays one unit with
 *   no end date; a merged province is a new unit from 2025-07-01, even when it reuses a code (37 Ninh
 *   Bình before and after are two units);
 * - districts are abolished: the 2025 special case `endLevels: ['DISTRICT']` ends every district on
 *   2025-06-30 (they are not in the lineage, apart from five island districts without communes, and
 *   the general rule ends only what the lineage names);
 * - the 34 provinces and 3,321 communes of admin-units-2025-07.csv start 2025-07-01 (the unchanged
 *   provinces are the same units), with the 10,667 lineage links (self-links left out).
 * Returns null when the key in app_meta says it already ran (the key the CLI import of 2025-07-01
 * would also refuse on).
 */
export async function loadReform2025(em: EntityManager): Promise<Reform2025Report | null> {
  if (await em.getRepository(AppMetaEntity).findOne({ where: { key: REFORM_2025_KEY } })) return null;
  const after = readCsv(dataPath('reference', 'admin-units-2025-07.csv'));
  const report = await importUnits(em, {
    effective: REFORM_FIRST_DAY,
    units: after,
    lineage: readCsv(dataPath('reference', 'lineage-2025-07.csv')),
    unitsBefore: readCsv(dataPath('reference', 'communes-2025-03.csv')),
    endLevels: ['DISTRICT'],
    files: { units: 'admin-units-2025-07.csv', lineage: 'lineage-2025-07.csv', unitsBefore: 'communes-2025-03.csv' },
  });
  return {
    communesBefore: report.unitsBefore,
    provincesAfter: after.filter((r) => r.level === 'province').length,
    communesAfter: report.inserted.COMMUNE,
    links: report.links,
  };
}
