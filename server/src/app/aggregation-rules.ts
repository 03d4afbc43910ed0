import { In, IsNull, type EntityManager } from 'typeorm';
import { AppMetaEntity } from '../db/app-meta.entity';
import { IndicatorEntity, type AggregationValue } from '../indicators/indicator.entity';
import { dataPath, readCsv } from './data-files';

const RULES: readonly AggregationValue[] = ['SUM', 'WEIGHTED_MEAN', 'NONE'];
const APPLIED = 'demo_aggregation_rules_applied';

/**
 * The demo catalogue's aggregation rules (server/data/demo/indicators.csv, columns aggregation and
 * weight_indicator) set on the indicators of those codes. A new database gets them with the demo
 * data; a database created before the rules existed gets them once at start-up, for the indicators it
 * has whose rule was never set (still NONE) — a WEIGHTED_MEAN only where its weight indicator exists.
 */
export async function applyDemoAggregationRules(em: EntityManager): Promise<number> {
  const meta = em.getRepository(AppMetaEntity);
  if (await meta.findOneBy({ key: APPLIED })) return 0;
  const rows = readCsv(dataPath('demo', 'indicators.csv'));
  const repo = em.getRepository(IndicatorEntity);
  const byCode = new Map((await repo.findBy({ code: In(rows.map((r) => r.code)) })).map((i) => [i.code, i]));
  let changed = 0;
  for (const [i, r] of rows.entries()) {
    const rule = r.aggregation as AggregationValue;
    if (!RULES.includes(rule))
      throw new Error(`indicators.csv row ${i + 2}: "${r.aggregation}" is not one of ${RULES.join(', ')}`);
    const indicator = byCode.get(r.code);
    if (!indicator || rule === 'NONE' || indicator.aggregation !== 'NONE' || indicator.weightIndicatorId !== null)
      continue;
    const weight = r.weight_indicator ? byCode.get(r.weight_indicator) : undefined;
    if (rule === 'WEIGHTED_MEAN' && !weight) continue;
    await repo.update(
      { id: indicator.id, weightIndicatorId: IsNull() },
      { aggregation: rule, weightIndicatorId: weight?.id ?? null },
    );
    changed++;
  }
  await meta.save({ key: APPLIED, value: new Date().toISOString() });
  return changed;
}
