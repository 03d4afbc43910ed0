import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { createTable, datetime, id, int, str } from './schema-helpers';

/**
 * The write path: approval locks, push batches (with the stored result of an idempotent push),
 * and the unit-of-measure rules of indicators.
 */
export class WritePath1732000000001 implements MigrationInterface {
  name = 'WritePath1732000000001';

  async up(qr: QueryRunner): Promise<void> {
    const mysql = qr.connection.options.type === 'mysql' || qr.connection.options.type === 'mariadb';
    await createTable(
      qr,
      new Table({
        name: 'period_lock',
        columns: [
          id(),
          int('unit_id'),
          str('period', 16),
          int('start_month'),
          int('end_month'),
          datetime('locked_at'),
          str('locked_by', 200, true),
        ],
        indices: [{ name: 'UQ_period_lock_unit_period', columnNames: ['unit_id', 'period'], isUnique: true }],
        foreignKeys: [
          {
            name: 'FK_period_lock_unit',
            columnNames: ['unit_id'],
            referencedTableName: 'admin_unit',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'push_batch',
        columns: [
          { name: 'id', type: 'varchar', length: '36', isPrimary: true },
          int('token_id', true),
          str('idempotency_key', 200, true),
          str('request_hash', 64, true),
          str('actor', 200, true),
          datetime('created_at'),
          int('row_count'),
          // A 50,000-row result does not fit MySQL's 64 KB TEXT.
          { name: 'result', type: mysql ? 'longtext' : 'text', isNullable: true },
        ],
        indices: [
          // A key is scoped to its token: two tokens may use the same key independently.
          { name: 'UQ_push_batch_token_key', columnNames: ['token_id', 'idempotency_key'], isUnique: true },
          { name: 'IX_push_batch_created_at', columnNames: ['created_at'] },
        ],
      }),
    );
    // ADD COLUMN in plain SQL: TypeORM's addColumn rebuilds the table on SQLite, which a table that
    // other tables reference cannot survive with foreign keys on.
    await qr.query('ALTER TABLE indicator ADD COLUMN min_value DECIMAL(20,6) NULL');
    await qr.query('ALTER TABLE indicator ADD COLUMN max_value DECIMAL(20,6) NULL');
    await qr.query('ALTER TABLE indicator ADD COLUMN integer_only BOOLEAN NOT NULL DEFAULT 0');
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('push_batch');
    await qr.dropTable('period_lock');
    for (const c of ['integer_only', 'max_value', 'min_value']) await qr.dropColumn('indicator', c);
  }
}
