import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../common/decimal';
import type { ObservationStatusValue } from './observation.entity';

export type RevisionAction = 'CREATE' | 'UPDATE' | 'DELETE';

/**
 * One row per write to an observation key. Keyed by unit × indicator × period rather than by
 * observation id, so the history outlives a deletion and continues when the value is re-created.
 */
@Entity('observation_revision')
@Index(['unitId', 'indicatorId', 'period', 'version'], { unique: true })
export class ObservationRevisionEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;

  @Column({ type: 'varchar', length: 16 })
  period: string;

  /** The version this write produced. */
  @Column({ type: 'int' })
  version: number;

  @Column({ type: 'varchar', length: 8 })
  action: RevisionAction;

  /** The value after the write (null for a deletion). */
  @Column({ type: 'decimal', precision: 20, scale: 6, nullable: true, transformer: decimalTransformer })
  value: number | null;

  @Column({
    name: 'previous_value',
    type: 'decimal',
    precision: 20,
    scale: 6,
    nullable: true,
    transformer: decimalTransformer,
  })
  previousValue: number | null;

  @Column({ type: 'varchar', length: 12 })
  status: ObservationStatusValue;

  @Column({ type: 'varchar', length: 500, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ name: 'changed_at', type: 'datetime', precision: 3 })
  changedAt: Date;

  @Column({ name: 'changed_by', type: 'varchar', length: 200, nullable: true })
  changedBy: string | null;

  /** The push that wrote it (push_batch.id); not indexed: revisions are read by key. */
  @Column({ name: 'batch_id', type: 'varchar', length: 36, nullable: true })
  batchId: string | null;
}
