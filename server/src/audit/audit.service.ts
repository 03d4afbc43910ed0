import type { EntityManager } from 'typeorm';
import { AuditEventEntity } from './audit-event.entity';

export interface AuditRecord {
  actor: string | null;
  /** e.g. INDICATOR_CREATED, TERM_CREATED, TARGETS_SET, PERIOD_APPROVED, TOKEN_REVOKED */
  action: string;
  entityType: string;
  entityId: string | number | null;
  /** Stored as JSON: what changed (never a secret). */
  detail?: unknown;
}

/** Records a change other than an observation value (those leave revisions), in the caller's transaction. */
export async function recordAudit(em: EntityManager, r: AuditRecord): Promise<void> {
  await em.getRepository(AuditEventEntity).insert({
    at: new Date(),
    actor: r.actor,
    action: r.action,
    entityType: r.entityType,
    entityId: r.entityId === null ? null : String(r.entityId),
    detail: r.detail === undefined ? null : JSON.stringify(r.detail),
  });
}
