import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Token lifetime: an optional expiry (refused from that instant) and the last time a token was
 * used (updated at most once a minute), so an administrator sees stale tokens and revokes them.
 */
export class TokenLifetime1732000000005 implements MigrationInterface {
  name = 'TokenLifetime1732000000005';

  async up(qr: QueryRunner): Promise<void> {
    // Plain ADD COLUMN (see the write-path migration): TypeORM's addColumn rebuilds tables on SQLite.
    const type = qr.connection.options.type === 'better-sqlite3' ? 'datetime' : 'DATETIME(3)';
    await qr.query(`ALTER TABLE api_token ADD COLUMN expires_at ${type} NULL`);
    await qr.query(`ALTER TABLE api_token ADD COLUMN last_used_at ${type} NULL`);
  }

  async down(qr: QueryRunner): Promise<void> {
    for (const c of ['last_used_at', 'expires_at']) await qr.dropColumn('api_token', c);
  }
}
