import type { DataSource } from 'typeorm';
import { AdminUnitEntity } from '../../server/src/admin-units/admin-unit.entity';
import { parsePeriod } from '../../server/src/common/period';
import { foldForSearch } from '../../server/src/common/text';
import { IndicatorEntity } from '../../server/src/indicators/indicator.entity';
import type { ObservationStatusValue } from '../../server/src/observations/observation.entity';
import { writeObservations, type ObservationWrite } from '../../server/src/observations/push-store';

/**
 * Read-side fixtures written straight to the database (the write path has its own tests):
 * indicators T001… and one observation per unit × indicator × year, inserted with the write
 * path's multi-row INSERTs (a few statements, not one per row).
 */
export async function seedGrid(
  ds: DataSource,
  opts: { provinceCode: string; indicators: number; years: number[]; status?: ObservationStatusValue },
) {
  const province = await ds.getRepository(AdminUnitEntity).findOneByOrFail({ code: opts.provinceCode });
  const districts = await ds
    .getRepository(AdminUnitEntity)
    .find({ where: { parentId: province.id, level: 'DISTRICT' }, order: { code: 'ASC' } });
  const indicators = await ds.getRepository(IndicatorEntity).save(
    Array.from({ length: opts.indicators }, (_, i) => {
      const code = `T${String(i + 1).padStart(3, '0')}`;
      return {
        code,
        name: `Chỉ tiêu thử ${code}`,
        unit: '%',
        direction: 'HIGHER_IS_BETTER' as const,
        category: 'Thử nghiệm',
        decimals: 2,
        description: null,
        searchName: foldForSearch(`Chỉ tiêu thử ${code}`),
      };
    }),
  );
  const rows: ObservationWrite[] = [];
  let n = 0;
  for (const d of districts)
    for (const ind of indicators)
      for (const y of opts.years) {
        const p = parsePeriod(String(y));
        rows.push({
          unitId: d.id,
          indicatorId: ind.id,
          period: p.text,
          startMonth: p.startMonth,
          endMonth: p.endMonth,
          value: Number((++n * 1.25).toFixed(2)),
          status: opts.status ?? 'OFFICIAL',
          source: 'fixture',
          note: null,
          version: 1,
        });
      }
  await ds.transaction((em) => writeObservations(em, rows, 'CREATE', new Date(), 'fixture'));
  return { province, districts, indicators, count: rows.length };
}
