import type { EntityManager } from 'typeorm';
import { AppMetaEntity } from '../db/app-meta.entity';
import { inChunks, valuesList } from '../db/sql';
import { foldForSearch } from '../common/text';
import { dataPath, readCsv } from './data-files';
import { shortName } from './reference-data';

/** app_meta key set once the 2025 catalogue (communes, post-reform units, lineage) is loaded. */
export const REFORM_2025_KEY = 'reform_2025_loaded_at';
/** Last day of the pre-reform units; the post-reform ones start the day after. */
export const REFORM_LAST_DAY = '2025-06-30';
export const REFORM_FIRST_DAY = '2025-07-01';

interface Row {
  code: string;
  name: string;
  type: string;
  level: string;
  parent_code: string;
}
interface LinkRow {
  old_code: string;
  old_level: string;
  new_code: string;
  new_level: string;
  kind: string;
}

const LEVEL: Record<string, 'PROVINCE' | 'DISTRICT' | 'COMMUNE'> = {
  province: 'PROVINCE',
  district: 'DISTRICT',
  commune: 'COMMUNE',
};

interface NewUnit {
  code: string;
  name: string;
  kind: string;
  level: 'PROVINCE' | 'COMMUNE';
  parentId: number | null;
  communes: number | null;
  validFrom: string | null;
  validTo: string | null;
}

const COLUMNS = [
  'code',
  'name',
  'short_name',
  'kind',
  'level',
  'parent_id',
  'search_name',
  'communes',
  'valid_from',
  'valid_to',
];

/** A commune row of a catalogue under its parent (a district before the reform, a province after). */
function communeOf(
  r: Row,
  parentId: number | undefined,
  parentLevel: 'district' | 'province',
  validFrom: string | null,
  validTo: string | null,
): NewUnit {
  if (parentId === undefined) throw new Error(`Commune ${r.code} names unknown ${parentLevel} ${r.parent_code}`);
  return { code: r.code, name: r.name, kind: r.type, level: 'COMMUNE', parentId, communes: null, validFrom, validTo };
}

async function insertUnits(em: EntityManager, units: NewUnit[]): Promise<void> {
  const sql = `INSERT INTO admin_unit (${COLUMNS.join(', ')}) VALUES `;
  for (const chunk of inChunks(units, COLUMNS.length, (u) => 3 * u.name.length)) {
    const params = chunk.flatMap((u) => [
      u.code,
      u.name,
      shortName(u.name),
      u.kind,
      u.level,
      u.parentId,
      foldForSearch(u.name),
      u.communes,
      u.validFrom,
      u.validTo,
    ]);
    await em.query(sql + valuesList(chunk.length, COLUMNS.length), params);
  }
}

/** id by level+code of the units matching `where` (a fixed SQL condition). */
async function idsBy(em: EntityManager, where: string): Promise<Map<string, number>> {
  const rows: { id: number; code: string; level: string }[] = await em.query(
    `SELECT id, code, level FROM admin_unit WHERE ${where}`,
  );
  return new Map(rows.map((r) => [`${r.level}:${String(r.code)}`, Number(r.id)]));
}

export interface Reform2025Report {
  communesBefore: number;
  provincesAfter: number;
  communesAfter: number;
  links: number;
}

/**
 * Brings a database holding the March 2025 catalogue (63 provinces, districts; the previous
 * release's state) forward to the July 2025 reorganisation, keeping every existing unit and id, so
 * observations keep their figures:
 * - the 10,047 pre-reform communes, under their districts, end on 2025-06-30 like the districts;
 * - a province whose territory did not change (its only predecessor is itself, wholly) stays one
 *   unit with no end date; a merged province ends on 2025-06-30 and the merged one is a new unit
 *   from 2025-07-01, even when it reuses a code (37 Ninh Bình before and after are two units);
 * - the 3,321 post-reform communes start 2025-07-01 under their new province;
 * - unit_lineage holds the 10,667 links of the lineage file (a self-link of an unchanged province
 *   is left out: it is the same unit).
 * Returns null when the key in app_meta says it already ran.
 */
export async function loadReform2025(em: EntityManager): Promise<Reform2025Report | null> {
  const meta = em.getRepository(AppMetaEntity);
  if (await meta.findOne({ where: { key: REFORM_2025_KEY } })) return null;

  const oldCommunes = readCsv(dataPath('reference', 'communes-2025-03.csv')) as unknown as Row[];
  const after = readCsv(dataPath('reference', 'admin-units-2025-07.csv')) as unknown as Row[];
  const lineage = readCsv(dataPath('reference', 'lineage-2025-07.csv')) as unknown as LinkRow[];

  // Units in force before the reform (the previous release's rows that have not ended yet).
  const before = await idsBy(em, `valid_to IS NULL AND level IN ('PROVINCE', 'DISTRICT')`);

  // 1. Pre-reform communes under their districts.
  await insertUnits(
    em,
    oldCommunes.map((r) => communeOf(r, before.get(`DISTRICT:${r.parent_code}`), 'district', null, REFORM_LAST_DAY)),
  );
  const oldCommuneIds = await idsBy(em, `level = 'COMMUNE' AND valid_to = '${REFORM_LAST_DAY}'`);
  for (const [k, v] of oldCommuneIds) before.set(k, v);

  // 2. Which provinces are unchanged: one predecessor, itself, wholly.
  const predecessors = new Map<string, LinkRow[]>();
  for (const l of lineage.filter((l) => l.new_level === 'province'))
    predecessors.set(l.new_code, [...(predecessors.get(l.new_code) ?? []), l]);
  const unchanged = new Set(
    [...predecessors]
      .filter(([code, ps]) => ps.length === 1 && ps[0].old_code === code && ps[0].kind === 'full')
      .map(([code]) => code),
  );
  const merged = [...before.keys()]
    .filter((k) => k.startsWith('PROVINCE:') && !unchanged.has(k.slice('PROVINCE:'.length)))
    .map((k) => before.get(k)!);

  // 3. End dates: districts and merged provinces end with the reform.
  await em.query(`UPDATE admin_unit SET valid_to = ? WHERE level = 'DISTRICT' AND valid_to IS NULL`, [REFORM_LAST_DAY]);
  for (const chunk of inChunks(merged))
    await em.query(`UPDATE admin_unit SET valid_to = ? WHERE id IN (${chunk.map(() => '?').join(', ')})`, [
      REFORM_LAST_DAY,
      ...chunk,
    ]);

  // 4. Post-reform provinces (the merged ones are new units), then communes under them.
  const newCommunes = after.filter((r) => r.level === 'commune');
  const communeCount = new Map<string, number>();
  for (const c of newCommunes) communeCount.set(c.parent_code, (communeCount.get(c.parent_code) ?? 0) + 1);
  const newProvinces = after.filter((r) => r.level === 'province');
  await insertUnits(
    em,
    newProvinces
      .filter((r) => !unchanged.has(r.code))
      .map((r) => ({
        code: r.code,
        name: r.name,
        kind: r.type,
        level: 'PROVINCE',
        parentId: null,
        communes: communeCount.get(r.code) ?? null,
        validFrom: REFORM_FIRST_DAY,
        validTo: null,
      })),
  );
  for (const code of unchanged)
    await em.query(`UPDATE admin_unit SET communes = ? WHERE id = ?`, [
      communeCount.get(code) ?? null,
      before.get(`PROVINCE:${code}`),
    ]);
  const afterIds = await idsBy(em, `level = 'PROVINCE' AND valid_to IS NULL`);
  await insertUnits(
    em,
    newCommunes.map((r) => communeOf(r, afterIds.get(`PROVINCE:${r.parent_code}`), 'province', REFORM_FIRST_DAY, null)),
  );
  for (const [k, v] of await idsBy(em, `level = 'COMMUNE' AND valid_from = '${REFORM_FIRST_DAY}'`)) afterIds.set(k, v);

  // 5. Lineage.
  const links: [number, number, string][] = [];
  for (const l of lineage) {
    const from = before.get(`${LEVEL[l.old_level]}:${l.old_code}`);
    const to = afterIds.get(`${LEVEL[l.new_level]}:${l.new_code}`);
    if (from === undefined || to === undefined)
      throw new Error(`Lineage ${l.old_level} ${l.old_code} → ${l.new_level} ${l.new_code} names an unknown unit`);
    if (from !== to) links.push([from, to, l.kind === 'partial' ? 'PARTIAL' : 'FULL']);
  }
  const linkSql = 'INSERT INTO unit_lineage (predecessor_id, successor_id, kind, effective_date) VALUES ';
  for (const chunk of inChunks(links, 4))
    await em.query(
      linkSql + valuesList(chunk.length, 4),
      chunk.flatMap((l) => [...l, REFORM_FIRST_DAY]),
    );

  await meta.save({ key: REFORM_2025_KEY, value: new Date().toISOString() });
  return {
    communesBefore: oldCommunes.length,
    provincesAfter: newProvinces.length,
    communesAfter: newCommunes.length,
    links: links.length,
  };
}
