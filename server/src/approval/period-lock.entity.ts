import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An approved (locked) period of a unit. It locks every period inside it: a year locks its
 * halves, quarters and months (compared as month ordinals, see common/period.ts).
 */
@Entity('period_lock')
@Index(['unitId', 'period'], { unique: true })
export class PeriodLockEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @Column({ type: 'varchar', length: 16 })
  period: string;

  @Column({ name: 'start_month', type: 'int' })
  startMonth: number;

  @Column({ name: 'end_month', type: 'int' })
  endMonth: number;

  @Column({ name: 'locked_at', type: 'datetime', precision: 3 })
  lockedAt: Date;

  @Column({ name: 'locked_by', type: 'varchar', length: 200, nullable: true })
  lockedBy: string | null;
}
