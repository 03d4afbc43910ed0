import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Small key/value facts about the database itself (e.g. when reference data was loaded). */
@Entity('app_meta')
export class AppMetaEntity {
  @PrimaryColumn({ name: 'meta_key', type: 'varchar', length: 60 })
  key: string;

  @Column({ name: 'meta_value', type: 'varchar', length: 500 })
  value: string;
}
