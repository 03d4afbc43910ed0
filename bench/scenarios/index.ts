import { postgraphileScenario } from '../generated/scenario';
import { analyticsScenario } from './analytics';
import { costScenario } from './cost';
import { pullScenario } from './pull';
import { pushScenario } from './push';
import { soakScenario } from './soak';
import { throughputScenario } from './throughput';
import type { Scenario } from './types';

export type { Ctx, Scenario } from './types';

/**
 * Every scenario the bench runs, in order; each returns its rows (with their goals) for the final
 * table. To add a row: write a module exporting a Scenario (see ./types.ts) and list it here, or pass
 * it to `runBench` from your own entry point. `--only name,…` runs a subset.
 */
export const SCENARIOS: Scenario[] = [
  pullScenario,
  // Before the push: PostgreSQL holds a copy of the dataset as generated, and the push changes
  // 5,000 of province 38's values in chitieu's database (the comparison checks both answer the same).
  postgraphileScenario,
  pushScenario,
  analyticsScenario,
  throughputScenario,
  costScenario,
  soakScenario,
];
