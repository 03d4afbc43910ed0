import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Audit trail for changes other than observation values (those have observation_revision). */
@Entity('audit_event')
@Index(['at'])
export class AuditEventEntity {
  @PrimaryGeneratedColumn()
  id: number;

  @Column({ type: 'datetime', precision: 3 })
  at: Date;

  @Column({ type: 'varchar', length: 200, nullable: true })
  actor: string | null;

  @Column({ type: 'varchar', length: 60 })
  action: string;

  @Column({ name: 'entity_type', type: 'varchar', length: 40 })
  entityType: string;

  @Column({ name: 'entity_id', type: 'varchar', length: 60, nullable: true })
  entityId: string | null;

  @Column({ type: 'text', nullable: true })
  detail: string | null;
}
