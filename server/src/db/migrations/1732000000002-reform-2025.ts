import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { createTable, id, int, str } from './schema-helpers';

/**
 * The July 2025 reorganisation: a code no longer names one unit across time (37 is old Ninh Bình
 * until 2025-06-30 and the merged Ninh Bình from 2025-07-01; commune codes are reused too), so the
 * unique index on admin_unit.code becomes a plain index; and unit_lineage records which units went
 * into which. The units and links themselves are loaded at start-up (see reform-2025.ts), so a
 * database of the previous release keeps its ids and figures.
 */
export class Reform20251732000000002 implements MigrationInterface {
  name = 'Reform20251732000000002';

  async up(qr: QueryRunner): Promise<void> {
    await qr.dropIndex('admin_unit', 'UQ_admin_unit_code');
    await qr.query('CREATE INDEX IX_admin_unit_code ON admin_unit (code)');
    await qr.query('CREATE INDEX IX_admin_unit_level_code ON admin_unit (level, code)');
    await createTable(
      qr,
      new Table({
        name: 'unit_lineage',
        columns: [id(), int('predecessor_id'), int('successor_id'), str('kind', 10), str('effective_date', 10)],
        indices: [
          { name: 'UQ_unit_lineage_pair', columnNames: ['predecessor_id', 'successor_id'], isUnique: true },
          { name: 'IX_unit_lineage_successor', columnNames: ['successor_id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_unit_lineage_predecessor',
            columnNames: ['predecessor_id'],
            referencedTableName: 'admin_unit',
            referencedColumnNames: ['id'],
          },
          {
            name: 'FK_unit_lineage_successor',
            columnNames: ['successor_id'],
            referencedTableName: 'admin_unit',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('unit_lineage');
    await qr.dropIndex('admin_unit', 'IX_admin_unit_level_code');
    await qr.dropIndex('admin_unit', 'IX_admin_unit_code');
  }
}
