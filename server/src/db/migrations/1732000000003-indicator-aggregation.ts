import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * How an indicator's values combine across units (for history on today's boundaries and roll-ups):
 * SUM, WEIGHTED_MEAN by a weight indicator, or NONE. Existing indicators start as NONE; start-up
 * sets the demo catalogue's rules (app/aggregation-rules.ts).
 */
export class IndicatorAggregation1732000000003 implements MigrationInterface {
  name = 'IndicatorAggregation1732000000003';

  async up(qr: QueryRunner): Promise<void> {
    // Plain ADD COLUMN (see the write-path migration): TypeORM's addColumn rebuilds referenced tables on SQLite.
    await qr.query("ALTER TABLE indicator ADD COLUMN aggregation VARCHAR(20) NOT NULL DEFAULT 'NONE'");
    await qr.query('ALTER TABLE indicator ADD COLUMN weight_indicator_id INT NULL REFERENCES indicator(id)');
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const c of ['weight_indicator_id', 'aggregation']) await qr.dropColumn('indicator', c);
  }
}
