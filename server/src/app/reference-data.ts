import type { EntityManager } from 'typeorm';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { foldForSearch } from '../common/text';
import { dataPath, readCsv } from './data-files';
import { shortName } from '../admin-units/unit-names';

interface UnitRow {
  code: string;
  name: string;
  type: string;
  level: string;
  parent_code: string;
  communes: string;
  valid_from?: string;
  valid_to?: string;
}

/**
 * Loads the GSO catalogue (63 provinces, 696 districts as of March 2025) plus units that existed
 * earlier and were merged away (with their validTo), so history stays queryable.
 */
export async function loadReferenceData(em: EntityManager): Promise<number> {
  const rows = [
    ...readCsv(dataPath('reference', 'admin-units-2025-03.csv')),
    ...readCsv(dataPath('reference', 'admin-units-history.csv')),
  ] as unknown as UnitRow[];
  const repo = em.getRepository(AdminUnitEntity);
  const toEntity = (r: UnitRow, parentId: number | null) =>
    repo.create({
      code: r.code,
      name: r.name,
      shortName: shortName(r.name),
      kind: r.type,
      level: r.level === 'province' ? 'PROVINCE' : 'DISTRICT',
      parentId,
      searchName: foldForSearch(r.name),
      communes: r.communes ? Number(r.communes) : null,
      validFrom: r.valid_from || null,
      validTo: r.valid_to || null,
    });
  // Multi-row INSERTs (save() would also track and reload every entity); provinces first, then
  // their ids read back in one query for the districts' parent_id.
  const insert = async (units: AdminUnitEntity[]) => {
    for (let i = 0; i < units.length; i += 200) {
      await em
        .createQueryBuilder()
        .insert()
        .into(AdminUnitEntity)
        .values(units.slice(i, i + 200))
        .updateEntity(false)
        .execute();
    }
  };
  const provinces = rows.filter((r) => r.level === 'province').map((r) => toEntity(r, null));
  await insert(provinces);
  const provinceId = new Map(
    (await repo.find({ select: { id: true, code: true }, where: { level: 'PROVINCE' } })).map((p) => [p.code, p.id]),
  );
  const districts = rows
    .filter((r) => r.level === 'district')
    .map((r) => {
      const parent = provinceId.get(r.parent_code);
      if (parent === undefined) throw new Error(`District ${r.code} names unknown province ${r.parent_code}`);
      return toEntity(r, parent);
    });
  await insert(districts);
  return provinces.length + districts.length;
}
