import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** A congress term of a unit, e.g. district congress no. XXII, 2020–2025. */
@Entity('term')
@Index(['unitId', 'congressNumber'], { unique: true })
export class TermEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ name: 'unit_id', type: 'int' })
  unitId: number;

  @Column({ name: 'congress_number', type: 'int' })
  congressNumber: number;

  @Column({ name: 'start_year', type: 'int' })
  startYear: number;

  @Column({ name: 'end_year', type: 'int' })
  endYear: number;

  @Column({ type: 'varchar', length: 500 })
  title: string;
}
