import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { IsNull, LessThan, Not } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { unauthenticated } from '../common/errors';
import { ApiTokenEntity } from './api-token.entity';
import type { Viewer } from './auth.types';
import { hashToken, newTokenSecret } from './token-secret';

/** The name of the token made from the ADMIN_TOKEN variable (a rotation revokes the previous one). */
const ADMIN_TOKEN_NAME = 'ADMIN_TOKEN';
const USE_RESOLUTION_MS = 60_000;

@injectable()
export class AuthService {
  constructor(private readonly ds: DataSource) {}

  /**
   * Resolves the Authorization header to a viewer. No header → null (anonymous);
   * a header that is malformed, unknown, revoked or expired → UNAUTHENTICATED, never silently
   * anonymous. Looked up on every request, so a revocation takes effect on the next one.
   */
  async authenticate(header: string | undefined): Promise<Viewer | null> {
    if (header === undefined || header.trim() === '') return null;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const token = await this.ds.getRepository(ApiTokenEntity).findOne({
      where: { tokenHash: hashToken(m[1]), revokedAt: IsNull() },
    });
    if (!token) throw unauthenticated('The token is unknown or has been revoked');
    const now = new Date();
    if (token.expiresAt && token.expiresAt.getTime() <= now.getTime())
      throw unauthenticated(`The token expired at ${token.expiresAt.toISOString()}`);
    await this.noteUse(token, now);
    return { name: token.name, role: token.role, scopeCode: token.scopeCode, tokenId: token.id };
  }

  /**
   * Records the token's last use, at most once a minute: a conditional UPDATE, so servers behind a
   * load balancer need no shared memory, and a busy token costs one write a minute, not one a request.
   */
  private async noteUse(token: ApiTokenEntity, now: Date): Promise<void> {
    if (token.lastUsedAt && now.getTime() - token.lastUsedAt.getTime() < USE_RESOLUTION_MS) return;
    const stale = new Date(now.getTime() - USE_RESOLUTION_MS);
    await this.ds
      .getRepository(ApiTokenEntity)
      .update(
        token.lastUsedAt ? { id: token.id, lastUsedAt: LessThan(stale) } : { id: token.id, lastUsedAt: IsNull() },
        {
          lastUsedAt: now,
        },
      );
  }

  /**
   * Start-up bootstrap: ADMIN_TOKEN becomes an ADMIN token; without it, a database with no
   * tokens at all gets a fresh admin token, returned so start-up can print it once. A new
   * ADMIN_TOKEN value revokes the token made from the previous one (audited): rotating the variable
   * after a leak must lock the leaked value out.
   */
  async bootstrapAdmin(adminToken: string | null): Promise<string | null> {
    return this.ds.transaction(async (em) => {
      const repo = em.getRepository(ApiTokenEntity);
      const create = async (name: string, tokenHash: string) => {
        const { identifiers } = await repo.insert({
          name,
          role: 'ADMIN',
          scopeCode: null,
          tokenHash,
          createdAt: new Date(),
          revokedAt: null,
          expiresAt: null,
          lastUsedAt: null,
        });
        await recordAudit(em, {
          actor: 'server start-up',
          action: 'TOKEN_CREATED',
          entityType: 'ApiToken',
          entityId: identifiers[0]?.id ?? null,
          detail: { name, role: 'ADMIN' },
        });
      };
      if (adminToken) {
        const tokenHash = hashToken(adminToken);
        const previous = await repo.findBy({ name: ADMIN_TOKEN_NAME, revokedAt: IsNull(), tokenHash: Not(tokenHash) });
        for (const old of previous) {
          await repo.update({ id: old.id }, { revokedAt: new Date() });
          await recordAudit(em, {
            actor: 'server start-up',
            action: 'TOKEN_REVOKED',
            entityType: 'ApiToken',
            entityId: old.id,
            detail: { name: old.name, role: old.role, reason: 'ADMIN_TOKEN changed' },
          });
        }
        if (!(await repo.existsBy({ tokenHash }))) await create(ADMIN_TOKEN_NAME, tokenHash);
        return null;
      }
      if ((await repo.count()) > 0) return null;
      const secret = newTokenSecret();
      await create('bootstrap admin', hashToken(secret));
      return secret;
    });
  }
}
