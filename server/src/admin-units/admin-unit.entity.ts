import { Column, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';

export type AdminLevelValue = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

/**
 * A province, district or commune of the GSO catalogue, with the dates it existed. A code is not an
 * identity across time (37 names two provinces, commune codes were reused in July 2025): look a code
 * up on a date.
 */
@Entity('admin_unit')
@Index('IX_admin_unit_level_code', ['level', 'code'])
export class AdminUnitEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Index('IX_admin_unit_code')
  @Column({ type: 'varchar', length: 10 })
  code: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'short_name', type: 'varchar', length: 200 })
  shortName: string;

  @Column({ type: 'varchar', length: 50 })
  kind: string;

  @Column({ type: 'varchar', length: 10 })
  level: AdminLevelValue;

  @Column({ name: 'parent_id', type: 'int', nullable: true })
  parentId: number | null;

  @ManyToOne(() => AdminUnitEntity, { nullable: true })
  @JoinColumn({ name: 'parent_id' })
  parent?: AdminUnitEntity | null;

  /** Name folded for diacritic-insensitive search (see foldForSearch). */
  @Column({ name: 'search_name', type: 'varchar', length: 200 })
  searchName: string;

  @Column({ type: 'int', nullable: true })
  communes: number | null;

  /** ISO dates (YYYY-MM-DD) kept as text so both databases read them back identically. */
  @Column({ name: 'valid_from', type: 'varchar', length: 10, nullable: true })
  validFrom: string | null;

  @Column({ name: 'valid_to', type: 'varchar', length: 10, nullable: true })
  validTo: string | null;
}
