import type { QueryRunner, TableColumnOptions } from 'typeorm';
import { Table } from 'typeorm';

/** Column builders for migrations that serve SQLite and MySQL/MariaDB alike. */
export const id = (): TableColumnOptions => ({
  name: 'id',
  type: 'integer',
  isPrimary: true,
  isGenerated: true,
  generationStrategy: 'increment',
});
export const int = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'int',
  isNullable: nullable,
});
export const str = (name: string, length: number, nullable = false): TableColumnOptions => ({
  name,
  type: 'varchar',
  length: String(length),
  isNullable: nullable,
});
export const decimal = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'decimal',
  precision: 20,
  scale: 6,
  isNullable: nullable,
});
export const datetime = (name: string, nullable = false): TableColumnOptions => ({
  name,
  type: 'datetime',
  precision: 3,
  isNullable: nullable,
});
export const text = (name: string, nullable = true): TableColumnOptions => ({
  name,
  type: 'text',
  isNullable: nullable,
});

/**
 * Creates a table; on MySQL/MariaDB it is made InnoDB utf8mb4 with a binary collation, whatever the
 * server's defaults, so Vietnamese text round-trips and codes compare exactly.
 */
export async function createTable(qr: QueryRunner, table: Table): Promise<void> {
  await qr.createTable(table);
  if (qr.connection.options.type === 'mysql' || qr.connection.options.type === 'mariadb') {
    await qr.query(`ALTER TABLE \`${table.name}\` ENGINE=InnoDB, CONVERT TO CHARACTER SET utf8mb4 COLLATE utf8mb4_bin`);
  }
}
