import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * One pushObservations call that wrote something or carried an idempotency key. Revisions point
 * here through batch_id; `result` keeps the first answer of a keyed push so a replay returns it.
 */
@Entity('push_batch')
@Index(['tokenId', 'idempotencyKey'], { unique: true })
export class PushBatchEntity {
  @PrimaryColumn({ type: 'varchar', length: 36 })
  id: string;

  /** The pushing token; null for the command line. */
  @Column({ name: 'token_id', type: 'int', nullable: true })
  tokenId: number | null;

  @Column({ name: 'idempotency_key', type: 'varchar', length: 200, nullable: true })
  idempotencyKey: string | null;

  /** SHA-256 of the request, so a key reused for a different request is refused. */
  @Column({ name: 'request_hash', type: 'varchar', length: 64, nullable: true })
  requestHash: string | null;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor: string | null;

  @Column({ name: 'created_at', type: 'datetime', precision: 3 })
  createdAt: Date;

  @Column({ name: 'row_count', type: 'int' })
  rowCount: number;

  @Column({ type: 'text', nullable: true })
  result: string | null;
}
