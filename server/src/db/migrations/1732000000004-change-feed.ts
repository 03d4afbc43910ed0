import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { createTable, datetime, int, str } from './schema-helpers';

/**
 * The change feed (`changes` query): every write transaction inserts its `change_entry` rows under a
 * transaction id and, as its last statement, takes the next number of the one-row `change_sequence`
 * counter and records it in `change_tx`. The counter's row lock is held until COMMIT, so numbers are
 * handed out in commit order. A database upgraded from the previous release starts with an empty feed.
 */
export class ChangeFeed1732000000004 implements MigrationInterface {
  name = 'ChangeFeed1732000000004';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      new Table({
        name: 'change_sequence',
        columns: [
          { name: 'id', type: 'int', isPrimary: true },
          { name: 'n', type: 'bigint', isNullable: false },
        ],
      }),
    );
    await qr.query('INSERT INTO change_sequence (id, n) VALUES (1, 0)');
    await createTable(
      qr,
      new Table({
        name: 'change_tx',
        columns: [
          { name: 'seq', type: 'bigint', isPrimary: true },
          str('tx_id', 36),
          datetime('committed_at'),
          str('actor', 200, true),
        ],
        indices: [{ name: 'UQ_change_tx_tx_id', columnNames: ['tx_id'], isUnique: true }],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'change_entry',
        columns: [
          { ...str('tx_id', 36), isPrimary: true },
          { ...int('position'), isPrimary: true },
          str('kind', 20),
          str('action', 20),
          int('unit_id', true),
          int('indicator_id', true),
          str('period', 16, true),
          int('version', true),
          int('ref_id', true),
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of ['change_entry', 'change_tx', 'change_sequence']) await qr.dropTable(t);
  }
}
