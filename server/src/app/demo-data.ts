import type { EntityManager } from 'typeorm';
import { randomUUID } from 'node:crypto';
import { AdminUnitEntity } from '../admin-units/admin-unit.entity';
import { parsePeriod } from '../common/period';
import { foldForSearch } from '../common/text';
import { IndicatorEntity, type DirectionValue } from '../indicators/indicator.entity';
import { checkValue } from '../indicators/measure';
import { ObservationRevisionEntity } from '../observations/observation-revision.entity';
import { ObservationEntity, type ObservationStatusValue } from '../observations/observation.entity';
import { TargetEntity, type ComparatorValue } from '../terms/target.entity';
import { TermEntity } from '../terms/term.entity';
import { dataPath, readCsv } from './data-files';

const DEMO_AUTHOR = 'demo-data';

function oneOf<T extends string>(value: string, allowed: readonly T[], where: string): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new Error(`${where}: "${value}" is not one of ${allowed.join(', ')}`);
  return value as T;
}

function num(value: string, where: string): number {
  const n = Number(value);
  if (value === '' || !Number.isFinite(n)) throw new Error(`${where}: "${value}" is not a number`);
  return n;
}

const optionalNum = (value: string | undefined, where: string) =>
  value === undefined || value === '' ? null : num(value, where);

/** The demo data obeys the same unit-of-measure rules as a push. */
function measured(value: number, indicator: IndicatorEntity | undefined, where: string): number {
  const problem = checkValue(value, indicator);
  if (problem) throw new Error(`${where}: ${problem.message}`);
  return value;
}

/**
 * Loads the figures of the seed reports (server/data/demo/*.csv): indicator catalogue, the
 * districts' congress terms and targets, and the reported observations, each with its first revision.
 */
export async function loadDemoData(
  em: EntityManager,
): Promise<{ indicators: number; terms: number; targets: number; observations: number }> {
  const units = new Map((await em.getRepository(AdminUnitEntity).find()).map((u) => [u.code, u.id]));
  const unitId = (code: string, where: string) => {
    const id = units.get(code);
    if (id === undefined) throw new Error(`${where}: unknown unit code "${code}"`);
    return id;
  };

  const indicators = await em.getRepository(IndicatorEntity).save(
    readCsv(dataPath('demo', 'indicators.csv')).map((r, i) => ({
      code: r.code,
      name: r.name,
      unit: r.unit,
      direction: oneOf<DirectionValue>(
        r.direction,
        ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'],
        `indicators.csv row ${i + 2}`,
      ),
      category: r.category,
      decimals: num(r.decimals, `indicators.csv row ${i + 2}`),
      description: r.description || null,
      searchName: foldForSearch(r.name),
      minValue: optionalNum(r.min_value, `indicators.csv row ${i + 2}`),
      maxValue: optionalNum(r.max_value, `indicators.csv row ${i + 2}`),
      integerOnly: r.integer_only === 'true',
    })),
  );
  const indicatorId = new Map(indicators.map((i) => [i.code, i.id]));
  const indicatorById = new Map(indicators.map((i) => [i.id, i]));
  const indId = (code: string, where: string) => {
    const id = indicatorId.get(code);
    if (id === undefined) throw new Error(`${where}: unknown indicator code "${code}"`);
    return id;
  };

  const terms = await em.getRepository(TermEntity).save(
    readCsv(dataPath('demo', 'terms.csv')).map((r, i) => ({
      unitId: unitId(r.unit_code, `terms.csv row ${i + 2}`),
      congressNumber: num(r.congress_number, `terms.csv row ${i + 2}`),
      startYear: num(r.start_year, `terms.csv row ${i + 2}`),
      endYear: num(r.end_year, `terms.csv row ${i + 2}`),
      title: r.title,
    })),
  );
  const termId = new Map(terms.map((t) => [`${t.unitId}|${t.congressNumber}`, t.id]));

  const targets = readCsv(dataPath('demo', 'targets.csv')).map((r, i) => {
    const where = `targets.csv row ${i + 2}`;
    const term = termId.get(`${unitId(r.unit_code, where)}|${r.congress_number}`);
    if (term === undefined) throw new Error(`${where}: no term ${r.congress_number} for unit ${r.unit_code}`);
    const indicator = indId(r.indicator_code, where);
    return em.getRepository(TargetEntity).create({
      termId: term,
      indicatorId: indicator,
      period: parsePeriod(r.period).text,
      value: measured(num(r.value, where), indicatorById.get(indicator), where),
      comparator: oneOf<ComparatorValue>(r.comparator, ['AT_LEAST', 'AT_MOST'], where),
      note: r.note || null,
    });
  });
  await em.getRepository(TargetEntity).save(targets, { chunk: 200 });

  const now = new Date();
  const batchId = randomUUID();
  const observations = readCsv(dataPath('demo', 'observations.csv')).map((r, i) => {
    const where = `observations.csv row ${i + 2}`;
    const period = parsePeriod(r.period);
    const indicator = indId(r.indicator_code, where);
    return em.getRepository(ObservationEntity).create({
      unitId: unitId(r.unit_code, where),
      indicatorId: indicator,
      period: period.text,
      startMonth: period.startMonth,
      endMonth: period.endMonth,
      value: measured(num(r.value, where), indicatorById.get(indicator), where),
      status: oneOf<ObservationStatusValue>(r.status, ['ESTIMATED', 'PRELIMINARY', 'OFFICIAL', 'FORECAST'], where),
      source: r.source || null,
      note: r.note || null,
      version: 1,
      updatedAt: now,
      updatedBy: DEMO_AUTHOR,
    });
  });
  await em.getRepository(ObservationEntity).save(observations, { chunk: 200 });
  await em.getRepository(ObservationRevisionEntity).save(
    observations.map((o) => ({
      unitId: o.unitId,
      indicatorId: o.indicatorId,
      period: o.period,
      version: 1,
      action: 'CREATE' as const,
      value: o.value,
      previousValue: null,
      status: o.status,
      source: o.source,
      note: o.note,
      changedAt: now,
      changedBy: DEMO_AUTHOR,
      batchId,
    })),
    { chunk: 200 },
  );
  return {
    indicators: indicators.length,
    terms: terms.length,
    targets: targets.length,
    observations: observations.length,
  };
}
