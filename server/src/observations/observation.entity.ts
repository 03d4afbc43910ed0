import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../common/decimal';

import type { ObservationStatus as ObservationStatusValue } from '../../../schema/contract/outcomes';

export type { ObservationStatusValue };

/** The one current value per unit × indicator × period. Earlier values live in observation_revision. */
@Entity('observation')
@Index(['unitId', 'indicatorId', 'period'], { unique: true })
@Index(['indicatorId', 'period'])
@Index(['updatedAt'])
export class ObservationEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;

  @Column({ type: 'varchar', length: 16 })
  period: string;

  /** Period bounds as month ordinals (year * 12 + month - 1): see common/period.ts. */
  @Column({ name: 'start_month', type: 'int' })
  startMonth: number;

  @Column({ name: 'end_month', type: 'int' })
  endMonth: number;

  @Column({ type: 'decimal', precision: 20, scale: 6, transformer: decimalTransformer })
  value: number;

  @Column({ type: 'varchar', length: 12 })
  status: ObservationStatusValue;

  @Column({ type: 'varchar', length: 500, nullable: true })
  source: string | null;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;

  @Column({ type: 'int' })
  version: number;

  @Column({ name: 'updated_at', type: 'datetime', precision: 3 })
  updatedAt: Date;

  @Column({ name: 'updated_by', type: 'varchar', length: 200, nullable: true })
  updatedBy: string | null;
}
