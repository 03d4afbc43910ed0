import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import { fromGlobalId, toGlobalId } from '../common/global-id';
import { writeTransaction } from '../db/write-transaction';
import { userError, type UserError } from '../common/user-error.type';
import { ApiTokenEntity, type RoleValue } from './api-token.entity';
import type { ApiToken, Viewer } from './auth.types';
import { loadScopedUnitsByCode, requireAdmin } from './scope';
import { pickOnDay } from '../common/year';
import { hashToken, newTokenSecret } from './token-secret';

const ROLES: readonly RoleValue[] = ['ADMIN', 'PROVINCE_EDITOR', 'DISTRICT_EDITOR', 'COMMUNE_EDITOR', 'VIEWER'];

export function presentApiToken(e: ApiTokenEntity): ApiToken {
  return {
    __typename: 'ApiToken',
    id: toGlobalId('ApiToken', e.id),
    name: e.name,
    role: e.role,
    scopeCode: e.scopeCode,
    createdAt: e.createdAt,
    revokedAt: e.revokedAt,
    expiresAt: e.expiresAt,
    lastUsedAt: e.lastUsedAt,
  } as ApiToken;
}

/** Creating and revoking API tokens (ADMIN only), shared by the API and the command line. */
@injectable()
export class TokenService {
  constructor(private readonly ds: DataSource) {}

  async create(
    viewer: Viewer | null,
    input: { name: string; role: RoleValue; scopeCode?: string | null; expiresAt?: Date | null },
  ) {
    const admin = requireAdmin(viewer, 'create tokens');
    const name = input.name.trim();
    const scopeCode = input.scopeCode?.trim() || null;
    const errors: UserError[] = [];
    if (name.length === 0 || name.length > 200)
      errors.push(userError('INVALID_NAME', 'The name must have 1 to 200 characters', ['input', 'name']));
    const expiresAt = input.expiresAt ?? null;
    if (expiresAt && !(expiresAt.getTime() > Date.now()))
      errors.push(
        userError('INVALID_EXPIRY', `expiresAt must be in the future, got ${expiresAt.toISOString()}`, [
          'input',
          'expiresAt',
        ]),
      );
    if (!ROLES.includes(input.role))
      errors.push(userError('INVALID_ROLE', `The role must be one of ${ROLES.join(', ')}`, ['input', 'role']));
    const level =
      input.role === 'PROVINCE_EDITOR'
        ? 'PROVINCE'
        : input.role === 'DISTRICT_EDITOR'
          ? 'DISTRICT'
          : input.role === 'COMMUNE_EDITOR'
            ? 'COMMUNE'
            : null;
    const needsScope = level !== null;
    if (needsScope && !scopeCode) {
      errors.push(
        userError('SCOPE_REQUIRED', `A ${input.role} token needs scopeCode: the ${level?.toLowerCase()} it may write`, [
          'input',
          'scopeCode',
        ]),
      );
    } else if (!needsScope && scopeCode) {
      errors.push(
        userError('SCOPE_NOT_ALLOWED', `A ${input.role} token has no scope: leave scopeCode empty`, [
          'input',
          'scopeCode',
        ]),
      );
    } else if (scopeCode) {
      // The unit with the code today (37: the merged Ninh Bình); for a code no unit has today (a
      // district abolished in 2025), the newest unit that had it.
      const units = (await loadScopedUnitsByCode(this.ds, [scopeCode])).get(scopeCode);
      const unit = units && pickOnDay(units, null);
      if (!unit)
        errors.push(userError('UNKNOWN_UNIT', `No unit has code "${scopeCode.slice(0, 20)}"`, ['input', 'scopeCode']));
      else if (unit.level !== level)
        errors.push(
          userError(
            'WRONG_SCOPE_LEVEL',
            `A ${input.role} token needs a ${level!.toLowerCase()} code; ${scopeCode} is a ${unit.level.toLowerCase()}`,
            ['input', 'scopeCode'],
          ),
        );
    }
    if (errors.length) return { token: null, apiToken: null, userErrors: errors };

    const secret = newTokenSecret();
    const saved = await writeTransaction(this.ds, async (em) => {
      const row = await em.getRepository(ApiTokenEntity).save({
        name,
        role: input.role,
        scopeCode,
        tokenHash: hashToken(secret),
        createdAt: new Date(),
        revokedAt: null,
        expiresAt,
        lastUsedAt: null,
      });
      await recordAudit(em, {
        actor: admin.name,
        action: 'TOKEN_CREATED',
        entityType: 'ApiToken',
        entityId: row.id,
        detail: { name, role: input.role, scopeCode, expiresAt: expiresAt?.toISOString() ?? null },
      });
      return row;
    });
    return { token: secret, apiToken: presentApiToken(saved), userErrors: [] };
  }

  /** Revokes a token; authentication looks tokens up on every request, so the next request fails. */
  async revoke(viewer: Viewer | null, id: string) {
    const admin = requireAdmin(viewer, 'revoke tokens');
    const parsed = fromGlobalId(id);
    const localId = parsed?.type === 'ApiToken' ? parsed.id : /^\d{1,15}$/.test(id) ? Number(id) : null;
    if (localId === null)
      return {
        apiToken: null,
        userErrors: [userError('INVALID_ID', `"${id.slice(0, 60)}" is not the id of an ApiToken`, ['id'])],
      };
    return writeTransaction(this.ds, async (em) => {
      const repo = em.getRepository(ApiTokenEntity);
      const token = await repo.findOneBy({ id: localId });
      if (!token)
        return { apiToken: null, userErrors: [userError('NOT_FOUND', `No token has id ${id.slice(0, 60)}`, ['id'])] };
      if (token.revokedAt === null) {
        token.revokedAt = new Date();
        await repo.update({ id: token.id }, { revokedAt: token.revokedAt });
        await recordAudit(em, {
          actor: admin.name,
          action: 'TOKEN_REVOKED',
          entityType: 'ApiToken',
          entityId: token.id,
          detail: { name: token.name, role: token.role, scopeCode: token.scopeCode },
        });
      }
      return { apiToken: presentApiToken(token), userErrors: [] };
    });
  }

  async byId(id: number): Promise<ApiToken | null> {
    const row = await this.ds.getRepository(ApiTokenEntity).findOneBy({ id });
    return row ? presentApiToken(row) : null;
  }

  async list(viewer: Viewer | null): Promise<ApiToken[]> {
    requireAdmin(viewer, 'list tokens');
    return (await this.ds.getRepository(ApiTokenEntity).find({ order: { id: 'ASC' } })).map(presentApiToken);
  }
}
