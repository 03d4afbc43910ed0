import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { createTable, datetime, decimal, id, int, str, text } from './schema-helpers';

export class Initial1732000000000 implements MigrationInterface {
  name = 'Initial1732000000000';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      new Table({
        name: 'admin_unit',
        columns: [
          id(),
          str('code', 10),
          str('name', 200),
          str('short_name', 200),
          str('kind', 50),
          str('level', 10),
          int('parent_id', true),
          str('search_name', 200),
          int('communes', true),
          str('valid_from', 10, true),
          str('valid_to', 10, true),
        ],
        indices: [
          { name: 'UQ_admin_unit_code', columnNames: ['code'], isUnique: true },
          { name: 'IX_admin_unit_parent', columnNames: ['parent_id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_admin_unit_parent',
            columnNames: ['parent_id'],
            referencedTableName: 'admin_unit',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'indicator',
        columns: [
          id(),
          str('code', 40),
          str('name', 300),
          str('unit', 60),
          str('direction', 20),
          str('category', 100),
          int('decimals'),
          str('description', 2000, true),
          str('search_name', 300),
        ],
        indices: [{ name: 'UQ_indicator_code', columnNames: ['code'], isUnique: true }],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'term',
        columns: [id(), int('unit_id'), int('congress_number'), int('start_year'), int('end_year'), str('title', 500)],
        indices: [{ name: 'UQ_term_unit_congress', columnNames: ['unit_id', 'congress_number'], isUnique: true }],
        foreignKeys: [
          {
            name: 'FK_term_unit',
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
        name: 'target',
        columns: [
          id(),
          int('term_id'),
          int('indicator_id'),
          str('period', 16),
          decimal('value'),
          str('comparator', 10),
          str('note', 2000, true),
        ],
        indices: [
          {
            name: 'UQ_target_term_indicator_period',
            columnNames: ['term_id', 'indicator_id', 'period'],
            isUnique: true,
          },
          { name: 'IX_target_indicator', columnNames: ['indicator_id'] },
        ],
        foreignKeys: [
          {
            name: 'FK_target_term',
            columnNames: ['term_id'],
            referencedTableName: 'term',
            referencedColumnNames: ['id'],
            onDelete: 'CASCADE',
          },
          {
            name: 'FK_target_indicator',
            columnNames: ['indicator_id'],
            referencedTableName: 'indicator',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'observation',
        columns: [
          id(),
          int('unit_id'),
          int('indicator_id'),
          str('period', 16),
          int('start_month'),
          int('end_month'),
          decimal('value'),
          str('status', 12),
          str('source', 500, true),
          str('note', 2000, true),
          int('version'),
          datetime('updated_at'),
          str('updated_by', 200, true),
        ],
        indices: [
          { name: 'UQ_observation_key', columnNames: ['unit_id', 'indicator_id', 'period'], isUnique: true },
          { name: 'IX_observation_indicator_period', columnNames: ['indicator_id', 'period'] },
          { name: 'IX_observation_updated_at', columnNames: ['updated_at'] },
        ],
        foreignKeys: [
          {
            name: 'FK_observation_unit',
            columnNames: ['unit_id'],
            referencedTableName: 'admin_unit',
            referencedColumnNames: ['id'],
          },
          {
            name: 'FK_observation_indicator',
            columnNames: ['indicator_id'],
            referencedTableName: 'indicator',
            referencedColumnNames: ['id'],
          },
        ],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'observation_revision',
        columns: [
          id(),
          int('unit_id'),
          int('indicator_id'),
          str('period', 16),
          int('version'),
          str('action', 8),
          decimal('value', true),
          decimal('previous_value', true),
          str('status', 12),
          str('source', 500, true),
          str('note', 2000, true),
          datetime('changed_at'),
          str('changed_by', 200, true),
          str('batch_id', 36, true),
        ],
        indices: [
          {
            name: 'UQ_revision_key_version',
            columnNames: ['unit_id', 'indicator_id', 'period', 'version'],
            isUnique: true,
          },
          { name: 'IX_revision_batch', columnNames: ['batch_id'] },
        ],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'api_token',
        columns: [
          id(),
          str('name', 200),
          str('role', 20),
          str('scope_code', 10, true),
          str('token_hash', 64),
          datetime('created_at'),
          datetime('revoked_at', true),
        ],
        indices: [{ name: 'UQ_api_token_hash', columnNames: ['token_hash'], isUnique: true }],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'audit_event',
        columns: [
          id(),
          datetime('at'),
          str('actor', 200, true),
          str('action', 60),
          str('entity_type', 40),
          str('entity_id', 60, true),
          text('detail'),
        ],
        indices: [{ name: 'IX_audit_event_at', columnNames: ['at'] }],
      }),
    );
    await createTable(
      qr,
      new Table({
        name: 'app_meta',
        columns: [{ name: 'meta_key', type: 'varchar', length: '60', isPrimary: true }, str('meta_value', 500)],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const t of [
      'app_meta',
      'audit_event',
      'api_token',
      'observation_revision',
      'observation',
      'target',
      'term',
      'indicator',
      'admin_unit',
    ]) {
      await qr.dropTable(t);
    }
  }
}
