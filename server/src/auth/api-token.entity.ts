import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type RoleValue = 'ADMIN' | 'PROVINCE_EDITOR' | 'DISTRICT_EDITOR' | 'COMMUNE_EDITOR' | 'VIEWER';

/** An API token. Only the SHA-256 of the secret is stored; the secret is shown once at creation. */
@Entity('api_token')
export class ApiTokenEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ type: 'varchar', length: 20 })
  role: RoleValue;

  @Column({ name: 'scope_code', type: 'varchar', length: 10, nullable: true })
  scopeCode: string | null;

  @Index({ unique: true })
  @Column({ name: 'token_hash', type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'revoked_at', type: 'datetime', precision: 3, nullable: true })
  revokedAt: Date | null;

  /** Refused from this instant on; null: until revoked. */
  @Column({ name: 'expires_at', type: 'datetime', precision: 3, nullable: true })
  expiresAt: Date | null;

  /** The last request that authenticated with it (to the minute). */
  @Column({ name: 'last_used_at', type: 'datetime', precision: 3, nullable: true })
  lastUsedAt: Date | null;
}
