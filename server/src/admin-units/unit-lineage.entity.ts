import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

export type LinkKindValue = 'FULL' | 'PARTIAL';

/** One pre-reform unit → one unit it went into (wholly, FULL, or in part, PARTIAL), on effectiveDate. */
@Entity('unit_lineage')
@Index('UQ_unit_lineage_pair', ['predecessorId', 'successorId'], { unique: true })
export class UnitLineageEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'predecessor_id', type: 'int' })
  predecessorId: number;

  @Index('IX_unit_lineage_successor')
  @Column({ name: 'successor_id', type: 'int' })
  successorId: number;

  @Column({ type: 'varchar', length: 10 })
  kind: LinkKindValue;

  /** ISO date (YYYY-MM-DD) the successor came into force. */
  @Column({ name: 'effective_date', type: 'varchar', length: 10 })
  effectiveDate: string;
}
