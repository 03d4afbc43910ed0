import type { MigrationInterface, QueryRunner } from 'typeorm';
import { Table } from 'typeorm';
import { createTable, str } from './schema-helpers';

/**
 * Read replicas (DATABASE_READ_URLS): the change-feed sequence of each client's last write, so that
 * a client's reads go to a replica only once the replica has applied that write
 * (db/read-routing.ts). Written only when replicas are configured.
 */
export class ClientPosition1732000000007 implements MigrationInterface {
  name = 'ClientPosition1732000000007';

  async up(qr: QueryRunner): Promise<void> {
    await createTable(
      qr,
      new Table({
        name: 'client_position',
        columns: [
          { ...str('subject', 100), isPrimary: true },
          { name: 'seq', type: 'bigint', isNullable: false },
        ],
      }),
    );
  }

  async down(qr: QueryRunner): Promise<void> {
    await qr.dropTable('client_position');
  }
}
