import { countPushRows } from '../common/metrics';
import { injectable } from 'tsyringe';
import { randomUUID } from 'node:crypto';
import { DataSource, type EntityManager } from 'typeorm';
import { IsNull } from 'typeorm';
import { locksOfUnits, lockUnitRows } from '../approval/period-lock.service';
import type { Viewer } from '../auth/auth.types';
import { requireEditor, resolveWriteScope } from '../auth/scope';
import { AppError, badInput } from '../common/errors';
import { recordChanges, type ChangeWrite } from '../db/change-log';
import { writeTransaction } from '../db/write-transaction';
import { userError, type UserError } from '../common/user-error.type';
import type { ObservationEntity } from './observation.entity';
import { observationKey } from './observation.types';
import { PushBatchEntity } from './push-batch.entity';
import { planRows, type PlannedRow, type StoredState } from './push-plan';
import {
  deserializeResult,
  presentResult,
  requestHash,
  serializeResult,
  type PushResult,
  type ResultRow,
} from './push-result';
import {
  deleteObservations,
  insertRevisions,
  readCurrent,
  readIds,
  readLastVersions,
  writeObservations,
  type ObservationKey,
  type RevisionWrite,
} from './push-store';
import { tableRows } from './push-table';
import { loadCatalogue, MAX_PUSH_ROWS, validateRows, type RawRow, type ValidRow } from './push-validate';
import { REJECTIONS, RowOutcome, WRITES, type PushObservationsPayload } from './push.types';

export interface PushOptions {
  dryRun?: boolean | null;
  atomic?: boolean | null;
  idempotencyKey?: string | null;
}

const MAX_KEY_CHARS = 200;

function checkRowCount(n: number): void {
  if (n > MAX_PUSH_ROWS) {
    throw badInput(
      'TOO_MANY_ROWS',
      `A push takes at most ${MAX_PUSH_ROWS.toLocaleString('en')} rows (this one has ${n.toLocaleString('en')}): split it into several pushes`,
      ['input', 'rows'],
    );
  }
}
const keyOf = (r: ValidRow): ObservationKey => ({
  unitId: r.unit.id,
  indicatorId: r.indicator.id,
  period: r.period.text,
});

/**
 * pushObservations, shared by the API and the command-line import:
 * validate (whole request, then each row) → authorize (role, then each row's scope) → act (one
 * write transaction: read the stored state, decide every row, write in bulk) → present.
 */
@injectable()
export class PushService {
  constructor(private readonly ds: DataSource) {}

  /**
   * pushObservationTable: the same push, its rows sent as `columns` and one array of cells per row
   * (no input object per row for GraphQL to coerce). Row results are by position in `rows`.
   */
  async pushTable(
    viewer: Viewer | null,
    table: { columns: readonly string[]; rows: unknown },
    opts: PushOptions = {},
  ): Promise<PushObservationsPayload> {
    if (Array.isArray(table.rows)) checkRowCount(table.rows.length);
    return this.push(viewer, tableRows(table.columns, table.rows), opts);
  }

  async push(viewer: Viewer | null, rows: readonly RawRow[], opts: PushOptions = {}): Promise<PushObservationsPayload> {
    checkRowCount(rows.length);
    const key = opts.idempotencyKey ?? null;
    if (key !== null && (key.length === 0 || key.length > MAX_KEY_CHARS)) {
      throw badInput('INVALID_IDEMPOTENCY_KEY', `idempotencyKey must have 1 to ${MAX_KEY_CHARS} characters`, [
        'input',
        'idempotencyKey',
      ]);
    }
    const v = await resolveWriteScope(this.ds, requireEditor(viewer));
    const dryRun = opts.dryRun ?? false;
    const atomic = opts.atomic ?? true;

    const { valid, problems } = validateRows(rows, await loadCatalogue(this.ds, rows));
    // Dry runs neither replay nor record a key: previewing with the key of the real push is harmless.
    const hash = key !== null && !dryRun ? requestHash(rows, atomic) : null;
    const { result, replayed } = await writeTransaction(this.ds, async (em) => {
      if (hash !== null) {
        const prior = await em
          .getRepository(PushBatchEntity)
          .findOneBy({ tokenId: v.tokenId === null ? IsNull() : v.tokenId, idempotencyKey: key! });
        if (prior) {
          if (prior.requestHash !== hash || prior.result === null) {
            throw new AppError(
              'CONFLICT',
              `idempotencyKey "${key!.slice(0, 60)}" was already used for a different push: use a new key for new rows`,
              'IDEMPOTENCY_KEY_REUSED',
              ['input', 'idempotencyKey'],
            );
          }
          return { result: deserializeResult(prior.result), replayed: true };
        }
      }
      const state = await this.readState(em, valid, !dryRun);
      const planned = planRows(v, valid, problems, state);
      const result = await this.apply(em, v, planned, { dryRun, atomic, total: rows.length });
      if (!dryRun && (result.batchId !== null || key !== null)) {
        await em.getRepository(PushBatchEntity).insert({
          id: result.batchId ?? randomUUID(),
          tokenId: v.tokenId,
          idempotencyKey: key,
          requestHash: hash,
          actor: v.name,
          createdAt: new Date(),
          rowCount: rows.length,
          result: key !== null ? serializeResult(result) : null,
        });
      }
      return { result, replayed: false };
    });
    if (!replayed && !dryRun) countPushRows(result.rows);
    return presentResult(result, replayed);
  }

  /** Everything the decisions depend on, read inside the transaction (locked on MySQL when writing). */
  private async readState(em: EntityManager, valid: readonly ValidRow[], forWrite: boolean): Promise<StoredState> {
    const unitIds = [...new Set(valid.map((r) => r.unit.id))];
    if (forWrite) await lockUnitRows(em, unitIds, 'SHARE');
    const locks = await locksOfUnits(em, unitIds);
    const current = await readCurrent(em, valid.map(keyOf), forWrite);
    const creations = valid.filter((r) => r.value !== null && !current.has(r.key)).map(keyOf);
    const lastVersion = await readLastVersions(em, creations);
    return { current, lastVersion, locks };
  }

  private async apply(
    em: EntityManager,
    v: Viewer,
    planned: PlannedRow[],
    o: { dryRun: boolean; atomic: boolean; total: number },
  ): Promise<PushResult> {
    const counts = { created: 0, updated: 0, deleted: 0, unchanged: 0, rejected: 0 };
    const writes: PlannedRow[] = [];
    for (const p of planned) {
      if (p.outcome === RowOutcome.CREATED) counts.created++;
      else if (p.outcome === RowOutcome.UPDATED) counts.updated++;
      else if (p.outcome === RowOutcome.DELETED) counts.deleted++;
      else if (p.outcome === RowOutcome.UNCHANGED) counts.unchanged++;
      if (REJECTIONS.has(p.outcome)) counts.rejected++;
      if (WRITES.has(p.outcome)) writes.push(p);
    }
    const allowed = !o.atomic || counts.rejected === 0;
    const write = !o.dryRun && allowed && writes.length > 0;
    const batchId = allowed && writes.length > 0 ? randomUUID() : null;
    const userErrors: UserError[] = [];
    if (o.atomic && counts.rejected > 0) {
      userErrors.push(
        userError(
          'ATOMIC_PUSH_REJECTED',
          `Nothing ${o.dryRun ? 'would be' : 'was'} written: ${counts.rejected} of ${o.total} rows ${o.dryRun ? 'would be' : 'were'} rejected and the push is atomic (all or nothing). Fix those rows, or push with atomic: false to write the others`,
          ['input', 'rows'],
        ),
      );
    }
    const stored = write ? await this.write(em, v, writes, batchId!) : new Map<string, ObservationEntity>();
    const rows: ResultRow[] = planned.map((p) => {
      const written = write && WRITES.has(p.outcome);
      const unchanged = p.outcome === RowOutcome.UNCHANGED;
      return {
        index: p.index,
        outcome: p.outcome,
        code: p.code,
        message: p.message,
        field: p.field,
        observation: written ? (stored.get(p.row!.key) ?? null) : unchanged ? p.current : null,
        current: written || unchanged ? null : p.current,
      };
    });
    return { batchId, applied: !o.dryRun && allowed, dryRun: o.dryRun, counts, rows, userErrors };
  }

  /**
   * Revisions, then creates/updates, then deletes, then the change feed; returns the written
   * observations as stored. One pass over the rows builds every statement's input.
   */
  private async write(
    em: EntityManager,
    v: Viewer,
    writes: PlannedRow[],
    batchId: string,
  ): Promise<Map<string, ObservationEntity>> {
    const now = new Date();
    // Each revision is also the change feed's entry for its write.
    const revisions: (RevisionWrite & ChangeWrite)[] = [];
    const created: ObservationEntity[] = [];
    const updated: ObservationEntity[] = [];
    const deleted: number[] = [];
    const out = new Map<string, ObservationEntity>();
    for (const { row, current, outcome, newVersion } of writes) {
      const r = row!;
      const gone = outcome === RowOutcome.DELETED;
      const after = gone ? current! : r;
      revisions.push({
        kind: 'OBSERVATION',
        unitId: r.unit.id,
        indicatorId: r.indicator.id,
        period: r.period.text,
        version: newVersion!,
        action: outcome === RowOutcome.CREATED ? 'CREATE' : gone ? 'DELETE' : 'UPDATE',
        value: r.value,
        previousValue: current?.value ?? null,
        status: after.status,
        source: after.source,
        note: after.note,
      });
      if (gone) {
        deleted.push(current!.id);
        continue;
      }
      // As stored; a new row's id is read back below.
      const o: ObservationEntity = {
        id: current?.id ?? 0,
        unitId: r.unit.id,
        indicatorId: r.indicator.id,
        period: r.period.text,
        startMonth: r.period.startMonth,
        endMonth: r.period.endMonth,
        value: r.value!,
        status: r.status,
        source: r.source,
        note: r.note,
        version: newVersion!,
        updatedAt: now,
        updatedBy: v.name,
      };
      (outcome === RowOutcome.CREATED ? created : updated).push(o);
      out.set(r.key, o);
    }
    await insertRevisions(em, revisions, now, v.name, batchId);
    await writeObservations(em, created, 'CREATE', now, v.name);
    await writeObservations(em, updated, 'UPDATE', now, v.name);
    await deleteObservations(em, deleted);
    // The change feed: one entry per written key, pointing at its revision (which carries the value).
    await recordChanges(em, revisions, v.name);
    // The written rows are known except the ids of new ones: read only those back.
    const ids = await readIds(em, created);
    for (const o of created) o.id = ids.get(observationKey(o.unitId, o.indicatorId, o.period))!;
    return out;
  }
}
