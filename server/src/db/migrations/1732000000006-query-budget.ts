import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { createTable, str } from './schema-helpers';

/**
 * Query budgets: what each caller (a token, or an address for anonymous reads) has spent in the
 * current minute, in query-cost units. In the database, so that servers behind a load balancer
 * share one budget per caller and a restart does not reset it.
 */
export class QueryBudget1732000000006 implements MigrationInterface {
  name = 'QueryBudget1732000000006';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      new Table({
        name: 'query_budget',
        columns: [
          { ...str('subject', 100), isPrimary: true },
          { name: 'window_start', type: 'bigint' },
          { name: 'spent', type: 'bigint' },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('query_budget');
  }
}
