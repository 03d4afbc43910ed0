import type { EntityManager } from 'typeorm';
import { forbidden, unauthenticated } from '../common/errors';
import { existedDuring, existedOn, pickOnDay } from '../common/year';
import { truncate } from '../common/period';
import { toGlobalId } from '../common/global-id';
import { unitLocalId } from '../admin-units/admin-unit.types';
import { inChunks, placeholders } from '../db/sql';
import type { Viewer } from './auth.types';

/**
 * The scope rules of the contract, in one place:
 * ADMIN everything; PROVINCE_EDITOR the units of its provinces on any date — the province itself,
 * its districts, and their and its communes — where its provinces are the province with its scope
 * code (today's, else the newest) and the provinces its office inherited through the lineage (whole
 * predecessors, transitively: merged Ninh Bình 37 inherits old 35, 36 and 37); write and approve,
 * after `resolveWriteScope`. DISTRICT_EDITOR its district, COMMUNE_EDITOR its commune (write only;
 * codes of the three levels never collide: 2, 3 and 5 digits); VIEWER nothing.
 */
export interface ScopedUnit {
  id: number;
  code: string;
  name: string;
  level: 'PROVINCE' | 'DISTRICT' | 'COMMUNE';
  parentCode: string | null;
  /** The province the unit belongs to (itself, its parent, or its district's parent). */
  provinceId: number | null;
  validFrom: string | null;
  validTo: string | null;
}

export function canWrite(viewer: Viewer, unit: Pick<ScopedUnit, 'code' | 'provinceId'>): boolean {
  switch (viewer.role) {
    case 'ADMIN':
      return true;
    case 'PROVINCE_EDITOR':
      if (!viewer.provinceIds) throw new Error("A province editor's scope is checked after resolveWriteScope");
      return unit.provinceId !== null && viewer.provinceIds.has(unit.provinceId);
    case 'DISTRICT_EDITOR':
    case 'COMMUNE_EDITOR':
      return viewer.scopeCode !== null && unit.code === viewer.scopeCode;
    default:
      return false;
  }
}

export function canApprove(viewer: Viewer, unit: Pick<ScopedUnit, 'code' | 'provinceId'>): boolean {
  return viewer.role === 'ADMIN' || (viewer.role === 'PROVINCE_EDITOR' && canWrite(viewer, unit));
}

const scopeText = (v: Viewer) => (v.scopeCode ? `${v.role} of ${v.scopeCode}` : v.role);

/** The caller, or UNAUTHENTICATED. */
export function requireViewer(viewer: Viewer | null): Viewer {
  if (!viewer) throw unauthenticated('Send "Authorization: Bearer <token>" to write');
  return viewer;
}

/** A role that may write something (not VIEWER), or FORBIDDEN. */
export function requireEditor(viewer: Viewer | null): Viewer {
  const v = requireViewer(viewer);
  if (v.role === 'VIEWER') throw forbidden('A VIEWER token can only read; writing needs an editor or admin token');
  return v;
}

export function requireAdmin(viewer: Viewer | null, what: string): Viewer {
  const v = requireViewer(viewer);
  if (v.role !== 'ADMIN') throw forbidden(`Only an ADMIN token may ${what} (this token is ${scopeText(v)})`);
  return v;
}

export function requireWriteScope(viewer: Viewer, unit: ScopedUnit, what: string): void {
  if (!canWrite(viewer, unit))
    throw forbidden(`A ${scopeText(viewer)} token may not ${what} for unit ${unit.code}`, 'OUT_OF_SCOPE');
}

export function requireApproveScope(viewer: Viewer, unit: ScopedUnit): void {
  if (!canApprove(viewer, unit)) {
    throw forbidden(
      `A ${scopeText(viewer)} token may not approve periods of unit ${unit.code} (admins and the province's editors may)`,
      'OUT_OF_SCOPE',
    );
  }
}

const UNIT_SQL = `SELECT u.id, u.code, u.name, u.level, u.valid_from, u.valid_to, p.code AS parent_code,
    p.id AS parent_id, p.level AS parent_level, p.parent_id AS grand_parent_id
  FROM admin_unit u LEFT JOIN admin_unit p ON p.id = u.parent_id`;

function toScopedUnit(r: Record<string, unknown>): ScopedUnit {
  return {
    id: Number(r.id),
    code: String(r.code),
    name: String(r.name),
    level: r.level as ScopedUnit['level'],
    parentCode: r.parent_code === null ? null : String(r.parent_code),
    provinceId:
      r.level === 'PROVINCE'
        ? Number(r.id)
        : r.parent_level === 'PROVINCE'
          ? Number(r.parent_id)
          : r.grand_parent_id === null || r.grand_parent_id === undefined
            ? null
            : Number(r.grand_parent_id),
    validFrom: (r.valid_from as string | null) ?? null,
    validTo: (r.valid_to as string | null) ?? null,
  };
}

/**
 * Every unit with each code (a code can name several units over time: 37 is old Ninh Bình until
 * 2025-06-30 and the merged Ninh Bình after), oldest first, with their parent's code.
 */
export async function loadScopedUnitsByCode(
  em: Pick<EntityManager, 'query'>,
  codes: Iterable<string>,
): Promise<Map<string, ScopedUnit[]>> {
  // Codes are at most 10 characters; longer text cannot name a unit and is not sent to the database.
  const list = [...new Set(codes)].filter((c) => typeof c === 'string' && c.length > 0 && c.length <= 10);
  const out = new Map<string, ScopedUnit[]>();
  for (const chunk of inChunks(list)) {
    const rows: Record<string, unknown>[] = await em.query(
      `${UNIT_SQL} WHERE u.code IN (${placeholders(chunk.length)}) ORDER BY u.id`,
      chunk,
    );
    for (const r of rows) {
      const code = String(r.code);
      out.set(code, [...(out.get(code) ?? []), toScopedUnit(r)]);
    }
  }
  return out;
}

/**
 * The viewer with the provinces a PROVINCE_EDITOR writes (`provinceIds`): the province with its scope
 * code today (for a code no province has today, the newest that had it, as token scopes are checked),
 * and every province that went wholly into it, transitively, through unit_lineage (FULL links). Other
 * roles come back unchanged.
 */
export async function resolveWriteScope(em: Pick<EntityManager, 'query'>, viewer: Viewer): Promise<Viewer> {
  if (viewer.role !== 'PROVINCE_EDITOR' || viewer.provinceIds) return viewer;
  const code = viewer.scopeCode ?? '';
  const units = ((await loadScopedUnitsByCode(em, [code])).get(code) ?? []).filter((u) => u.level === 'PROVINCE');
  const base = pickOnDay(units, null);
  const ids = new Set<number>(base ? [base.id] : []);
  for (let frontier = [...ids]; frontier.length;) {
    const next: number[] = [];
    for (const chunk of inChunks(frontier)) {
      const rows: { id: unknown }[] = await em.query(
        `SELECT p.id FROM unit_lineage l JOIN admin_unit p ON p.id = l.predecessor_id
          WHERE l.kind = 'FULL' AND p.level = 'PROVINCE' AND l.successor_id IN (${placeholders(chunk.length)})`,
        chunk,
      );
      for (const r of rows) if (!ids.has(Number(r.id))) next.push(Number(r.id));
    }
    for (const id of next) ids.add(id);
    frontier = next;
  }
  return { ...viewer, provinceIds: ids };
}

/** Units by id (bulk), with their parent's code; unknown ids are absent. */
export async function loadScopedUnitsById(
  em: Pick<EntityManager, 'query'>,
  ids: Iterable<number>,
): Promise<Map<number, ScopedUnit>> {
  const list = [...new Set(ids)].filter((id) => Number.isSafeInteger(id) && id > 0);
  const out = new Map<number, ScopedUnit>();
  for (const chunk of inChunks(list)) {
    const rows: Record<string, unknown>[] = await em.query(
      `${UNIT_SQL} WHERE u.id IN (${placeholders(chunk.length)})`,
      chunk,
    );
    for (const r of rows) out.set(Number(r.id), toScopedUnit(r));
  }
  return out;
}

/**
 * Of the units sharing a code, every one whose validity overlaps the months [startMonth, endMonth]
 * (ordinals year * 12 + month - 1): two when the period spans a change (37 in 2025).
 */
export function unitsOnPeriod(units: readonly ScopedUnit[], startMonth: number, endMonth: number): ScopedUnit[] {
  return units.filter((u) => existedDuring(u, startMonth, endMonth));
}

/** The unit with the code that existed on a day (YYYY-MM-DD), or null when none did. */
export function unitOnDay(units: readonly ScopedUnit[], day: string): ScopedUnit | null {
  return units.find((u) => existedOn(u, day)) ?? null;
}

/** The global id of a unit (AdminUnit.id): Province:…, District:… or Commune:…. */
export const unitGlobalId = (u: Pick<ScopedUnit, 'id' | 'level'>) =>
  toGlobalId(u.level === 'PROVINCE' ? 'Province' : u.level === 'COMMUNE' ? 'Commune' : 'District', u.id);

/** "Tỉnh Ninh Bình (37, until 2025-06-30)": a unit with its validity, for messages. */
export function describeUnit(u: ScopedUnit): string {
  const span =
    u.validFrom || u.validTo
      ? `${u.validFrom ? `from ${u.validFrom}` : ''}${u.validFrom && u.validTo ? ' ' : ''}${u.validTo ? `until ${u.validTo}` : ''}`
      : 'no end date';
  return `${u.name} (${u.code}, ${span})`;
}

export async function loadScopedUnitById(em: Pick<EntityManager, 'query'>, id: number): Promise<ScopedUnit | null> {
  const rows: Record<string, unknown>[] = await em.query(`${UNIT_SQL} WHERE u.id = ?`, [id]);
  return rows.length ? toScopedUnit(rows[0]) : null;
}

/**
 * The unit a `unitId` (AdminUnit.id) names, checked against the code sent beside it: UNKNOWN_UNIT for
 * an id that is no unit's, UNIT_MISMATCH for a unit with another code (as push rows, approvals, terms).
 */
export async function unitOfId(
  em: Pick<EntityManager, 'query'>,
  unitId: string,
  unitCode: string,
): Promise<{ unit: ScopedUnit } | { reason: 'UNKNOWN_UNIT' | 'UNIT_MISMATCH'; message: string }> {
  const id = unitLocalId(unitId);
  const unit = id === null ? null : await loadScopedUnitById(em, id);
  if (!unit) return { reason: 'UNKNOWN_UNIT', message: `No unit has id "${truncate(unitId)}"` };
  if (unit.code !== unitCode)
    return {
      reason: 'UNIT_MISMATCH',
      message: `unitId is ${unit.name} (${unit.code}), not a unit with code "${truncate(unitCode)}"`,
    };
  return { unit };
}
