import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../common/decimal';

export type ComparatorValue = 'AT_LEAST' | 'AT_MOST';

@Entity('target')
@Index(['termId', 'indicatorId', 'period'], { unique: true })
export class TargetEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'term_id', type: 'int' })
  termId: number;

  @Column({ name: 'indicator_id', type: 'int' })
  indicatorId: number;

  @Column({ type: 'varchar', length: 16 })
  period: string;

  @Column({ type: 'decimal', precision: 20, scale: 6, transformer: decimalTransformer })
  value: number;

  @Column({ type: 'varchar', length: 10 })
  comparator: ComparatorValue;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  note: string | null;
}
