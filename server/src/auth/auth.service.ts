import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { IsNull } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { unauthenticated } from '../common/errors';
import { ApiTokenEntity } from './api-token.entity';
import type { Viewer } from './auth.types';
import { hashToken, newTokenSecret } from './token-secret';

@injectable()
export class AuthService {
  constructor(private readonly ds: DataSource) {}

  /**
   * Resolves the Authorization header to a viewer. No header → null (anonymous);
   * a header that is malformed, unknown or revoked → UNAUTHENTICATED, never silently anonymous.
   * Looked up on every request, so a revocation takes effect on the next one.
   */
  async authenticate(header: string | undefined): Promise<Viewer | null> {
    if (header === undefined || header.trim() === '') return null;
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    if (!m) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    const token = await this.ds.getRepository(ApiTokenEntity).findOne({
      where: { tokenHash: hashToken(m[1]), revokedAt: IsNull() },
    });
    if (!token) throw unauthenticated('The token is unknown or has been revoked');
    return { name: token.name, role: token.role, scopeCode: token.scopeCode, tokenId: token.id };
  }

  /**
   * Start-up bootstrap: ADMIN_TOKEN becomes an ADMIN token; without it, a database with no
   * tokens at all gets a fresh admin token, returned so start-up can print it once.
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
        if (!(await repo.existsBy({ tokenHash }))) await create('ADMIN_TOKEN', tokenHash);
        return null;
      }
      if ((await repo.count()) > 0) return null;
      const secret = newTokenSecret();
      await create('bootstrap admin', hashToken(secret));
      return secret;
    });
  }
}
