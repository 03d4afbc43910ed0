import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { decimalTransformer } from '../common/decimal';

export type DirectionValue = 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';

/** How values of several units combine: added up, averaged weighted by another indicator, or not at all. */
export type AggregationValue = 'SUM' | 'WEIGHTED_MEAN' | 'NONE';

@Entity('indicator')
export class IndicatorEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index({ unique: true })
  @Column({ type: 'varchar', length: 40 })
  code: string;

  @Column({ type: 'varchar', length: 300 })
  name: string;

  @Column({ type: 'varchar', length: 60 })
  unit: string;

  @Column({ type: 'varchar', length: 20 })
  direction: DirectionValue;

  @Column({ type: 'varchar', length: 100 })
  category: string;

  @Column({ type: 'int' })
  decimals: number;

  @Column({ type: 'varchar', length: 2000, nullable: true })
  description: string | null;

  @Column({ name: 'search_name', type: 'varchar', length: 300 })
  searchName: string;

  /** Unit-of-measure rules every value must respect (see indicators/measure.ts); null: no bound. */
  @Column({
    name: 'min_value',
    type: 'decimal',
    precision: 20,
    scale: 6,
    nullable: true,
    transformer: decimalTransformer,
  })
  minValue: number | null;

  @Column({
    name: 'max_value',
    type: 'decimal',
    precision: 20,
    scale: 6,
    nullable: true,
    transformer: decimalTransformer,
  })
  maxValue: number | null;

  /** Counts (xã, hộ, sản phẩm, …) take whole numbers only. */
  @Column({ name: 'integer_only', type: 'boolean', default: false })
  integerOnly: boolean;

  @Column({ type: 'varchar', length: 20, default: 'NONE' })
  aggregation: AggregationValue;

  /** The indicator a WEIGHTED_MEAN is weighted by (e.g. income per person by population). */
  @Column({ name: 'weight_indicator_id', type: 'int', nullable: true })
  weightIndicatorId: number | null;
}
