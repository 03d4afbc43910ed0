import { injectable } from 'tsyringe';
import { DataSource, type EntityManager } from 'typeorm';
import { In } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import type { Viewer } from '../auth/auth.types';
import {
  describeUnit,
  unitOfId,
  loadScopedUnitsByCode,
  requireApproveScope,
  requireViewer,
  resolveWriteScope,
  unitsOnPeriod,
  unitGlobalId,
  type ScopedUnit,
} from '../auth/scope';
import { badInput } from '../common/errors';
import { existedDuring, pickOnDay } from '../common/year';
import { PERIOD_HELP, truncate, tryParsePeriod, type Period } from '../common/period';
import { isMysql } from '../db/dialect';
import { inChunks, placeholders } from '../db/sql';
import { recordChanges } from '../db/change-log';
import { writeTransaction } from '../db/write-transaction';
import { userError } from '../common/user-error.type';
import { PeriodLockEntity } from './period-lock.entity';
import type { PeriodLock, PeriodLockPayload } from './period-lock.types';

/** What approvePeriod and unapprovePeriod take. */
export interface PeriodLockArgs {
  unitCode: string;
  unitId?: string | null;
  period: string;
}

export interface LockSpan {
  period: string;
  startMonth: number;
  endMonth: number;
  lockedBy?: string | null;
  lockedAt?: Date;
}

/** The approved period that contains `p`, if any. */
export const lockCovering = (locks: readonly LockSpan[] | undefined, p: { startMonth: number; endMonth: number }) =>
  locks?.find((l) => l.startMonth <= p.startMonth && p.endMonth <= l.endMonth) ?? null;

/** Locks of many units in one query, by unit id. */
export async function locksOfUnits(
  em: Pick<EntityManager, 'getRepository'>,
  unitIds: readonly number[],
): Promise<Map<number, LockSpan[]>> {
  const out = new Map<number, LockSpan[]>();
  for (const chunk of inChunks(unitIds)) {
    const rows = await em.getRepository(PeriodLockEntity).findBy({ unitId: In(chunk) });
    for (const r of rows) out.set(r.unitId, [...(out.get(r.unitId) ?? []), r]);
  }
  return out;
}

/**
 * On MySQL/MariaDB, approving takes the unit's row exclusively and a push takes its units' rows
 * shared, so a period cannot be approved halfway through a push that writes into it.
 */
export async function lockUnitRows(
  em: EntityManager,
  unitIds: readonly number[],
  mode: 'SHARE' | 'UPDATE',
): Promise<void> {
  if (!isMysql(em.connection) || unitIds.length === 0) return;
  const ids = [...unitIds].sort((a, b) => a - b);
  for (const chunk of inChunks(ids)) {
    await em.query(
      `SELECT id FROM admin_unit WHERE id IN (${placeholders(chunk.length)}) ${mode === 'SHARE' ? 'LOCK IN SHARE MODE' : 'FOR UPDATE'}`,
      chunk,
    );
  }
}

type Checked = { unit: ScopedUnit; period: Period } | { payload: PeriodLockPayload };

@injectable()
export class PeriodLockService {
  constructor(private readonly ds: DataSource) {}

  /** validate → authorize; a problem with the input comes back as a payload with userErrors. */
  private async check(viewer: Viewer | null, input: PeriodLockArgs): Promise<Checked> {
    const v = await resolveWriteScope(this.ds, requireViewer(viewer));
    const base = {
      unitCode: input.unitCode,
      unitId: null,
      period: input.period,
      locked: false,
      lockedAt: null,
      lockedBy: null,
    };
    const period = tryParsePeriod(input.period);
    const periodErrors = period
      ? []
      : [
          userError('INVALID_PERIOD', `"${truncate(input.period)}" is not a period: ${PERIOD_HELP}`, [
            'input',
            'period',
          ]),
        ];
    if (input.unitId !== undefined && input.unitId !== null) {
      // The unit named by id (as push rows): its code must be unitCode, and it existed in the period.
      const found = await unitOfId(this.ds, input.unitId, input.unitCode);
      const chosen = 'unit' in found ? found.unit : null;
      const errors =
        'reason' in found
          ? [userError(found.reason, found.message, ['input', 'unitId'])]
          : period && !existedDuring(found.unit, period.startMonth, period.endMonth)
            ? [
                userError('UNIT_INACTIVE', `${describeUnit(found.unit)} did not exist in ${period.text}`, [
                  'input',
                  'unitId',
                ]),
              ]
            : [];
      if (errors.length || !chosen || !period)
        return { payload: { ...base, userErrors: [...errors, ...periodErrors] } };
      requireApproveScope(v, chosen);
      return { unit: chosen, period };
    }
    // The unit with the code in the period (37 in 2024: old Ninh Bình; in 2025-09: the merged one).
    const candidates = (await loadScopedUnitsByCode(this.ds, [input.unitCode])).get(input.unitCode);
    const overlapping = candidates && period ? unitsOnPeriod(candidates, period.startMonth, period.endMonth) : [];
    if (period && overlapping.length > 1) {
      return {
        payload: {
          ...base,
          userErrors: [
            userError(
              'AMBIGUOUS_UNIT',
              `Code "${input.unitCode}" names ${overlapping.length} units in ${period.text}: ${overlapping.map(describeUnit).join(' and ')}. Pass unitId, or approve a period inside one unit's validity (e.g. 2025-H1 or 2025-Q3)`,
              ['input', 'unitCode'],
            ),
          ],
        },
      };
    }
    const unit = candidates && (overlapping.length === 1 ? overlapping[0] : candidates[0]);
    const errors = [
      ...(unit
        ? []
        : [userError('UNKNOWN_UNIT', `No unit has code "${truncate(input.unitCode)}"`, ['input', 'unitCode'])]),
      ...periodErrors,
    ];
    if (!unit || !period) return { payload: { ...base, userErrors: errors } };
    requireApproveScope(v, unit);
    return { unit, period };
  }

  async approve(viewer: Viewer | null, input: PeriodLockArgs): Promise<PeriodLockPayload> {
    const checked = await this.check(viewer, input);
    if ('payload' in checked) return checked.payload;
    const { unit, period } = checked;
    return writeTransaction(this.ds, async (em) => {
      await lockUnitRows(em, [unit.id], 'UPDATE');
      const repo = em.getRepository(PeriodLockEntity);
      let lock = await repo.findOneBy({ unitId: unit.id, period: period.text });
      if (!lock) {
        lock = await repo.save({
          unitId: unit.id,
          period: period.text,
          startMonth: period.startMonth,
          endMonth: period.endMonth,
          lockedAt: new Date(),
          lockedBy: viewer!.name,
        });
        await recordAudit(em, {
          actor: viewer!.name,
          action: 'PERIOD_APPROVED',
          entityType: 'PeriodLock',
          entityId: lock.id,
          detail: { unitCode: unit.code, period: period.text },
        });
        await recordChanges(
          em,
          [{ kind: 'PERIOD_LOCK', action: 'APPROVE', unitId: unit.id, period: period.text, refId: lock.id }],
          viewer!.name,
        );
      }
      return {
        unitCode: unit.code,
        unitId: unitGlobalId(unit),
        period: period.text,
        locked: true,
        lockedAt: lock.lockedAt,
        lockedBy: lock.lockedBy,
        userErrors: [],
      };
    });
  }

  async unapprove(viewer: Viewer | null, input: PeriodLockArgs): Promise<PeriodLockPayload> {
    const checked = await this.check(viewer, input);
    if ('payload' in checked) return checked.payload;
    const { unit, period } = checked;
    return writeTransaction(this.ds, async (em) => {
      await lockUnitRows(em, [unit.id], 'UPDATE');
      const repo = em.getRepository(PeriodLockEntity);
      const lock = await repo.findOneBy({ unitId: unit.id, period: period.text });
      if (lock) {
        await repo.delete({ id: lock.id });
        await recordAudit(em, {
          actor: viewer!.name,
          action: 'PERIOD_UNAPPROVED',
          entityType: 'PeriodLock',
          entityId: lock.id,
          detail: { unitCode: unit.code, period: period.text, lockedAt: lock.lockedAt, lockedBy: lock.lockedBy },
        });
        await recordChanges(
          em,
          [{ kind: 'PERIOD_LOCK', action: 'UNAPPROVE', unitId: unit.id, period: period.text, refId: lock.id }],
          viewer!.name,
        );
      }
      const enclosing = lockCovering((await locksOfUnits(em, [unit.id])).get(unit.id), period);
      const userErrors = enclosing
        ? [
            userError(
              'LOCKED_BY_ENCLOSING_PERIOD',
              `${period.text} stays locked: ${enclosing.period} is approved (unapprove ${enclosing.period} to unlock it)`,
              ['input', 'period'],
            ),
          ]
        : lock
          ? []
          : [userError('NOT_LOCKED', `${period.text} of unit ${unit.code} was not approved`, ['input', 'period'])];
      return {
        unitCode: unit.code,
        unitId: unitGlobalId(unit),
        period: period.text,
        locked: enclosing !== null,
        lockedAt: null,
        lockedBy: null,
        userErrors,
      };
    });
  }

  /**
   * The approved periods of a unit, oldest first: the unit with `unitId` (its code must be unitCode),
   * else the unit with the code on `on` (none: empty), else the one today or, for a code no unit has
   * today (a district abolished in 2025), the newest that had it. An unknown code: empty.
   */
  async list(unitCode: string, opts: { on?: string | null; unitId?: string | null } = {}): Promise<PeriodLock[]> {
    let unit: ScopedUnit | null;
    if (opts.unitId !== undefined && opts.unitId !== null) {
      const found = await unitOfId(this.ds, opts.unitId, unitCode);
      if ('reason' in found) throw badInput(found.reason, found.message, ['unitId']);
      unit = found.unit;
    } else {
      unit = pickOnDay((await loadScopedUnitsByCode(this.ds, [unitCode])).get(unitCode) ?? [], opts.on ?? null);
    }
    if (!unit) return [];
    const rows = await this.ds
      .getRepository(PeriodLockEntity)
      .find({ where: { unitId: unit.id }, order: { startMonth: 'ASC', endMonth: 'DESC' } });
    const unitId = unitGlobalId(unit);
    return rows.map((r) => ({
      unitCode: unit.code,
      unitId,
      period: r.period,
      lockedAt: r.lockedAt,
      lockedBy: r.lockedBy,
    }));
  }
}
