import { changeLogOpen, recordChanges } from '../db/change-log';
import type { EntityManager } from 'typeorm';
import { AppMetaEntity } from '../db/app-meta.entity';
import { inChunks, placeholders, valuesList } from '../db/sql';
import { badInput } from '../common/errors';
import { foldForSearch } from '../common/text';
import type { AdminLevelValue } from './admin-unit.entity';
import { shortName } from './unit-names';

/**
 * A row of a catalogue CSV (`code,name,type,level,parent_code`, level province|district|commune,
 * parent_code empty for a province), as read with a header row.
 */
export type CsvRow = Record<string, string>;

/** What to import: one reorganisation, effective on one day. */
export interface UnitsImport {
  /** First day of the new units (YYYY-MM-DD); the units that end, end the day before. */
  effective: string;
  /** The units in force from `effective` that are new or changed (shape of admin-units-2025-07.csv). */
  units: CsvRow[];
  /** old_code,old_level,new_code,new_level,kind (full|partial) (shape of lineage-2025-07.csv). */
  lineage: CsvRow[];
  /**
   * Units in force before `effective` that the database does not hold yet (the pre-reform communes of
   * 2025), inserted first under their parents in force the day before, with no dates.
   */
  unitsBefore?: CsvRow[];
  /** Levels abolished on `effective`: all their units in force the day before end then (DISTRICT in 2025). */
  endLevels?: AdminLevelValue[];
  /** Names the CSVs in error messages. */
  files?: { units?: string; lineage?: string; unitsBefore?: string };
}

export interface UnitsImportReport {
  effective: string;
  /** Rows of `unitsBefore` inserted. */
  unitsBefore: number;
  /** Units in force the day before that ended then. */
  ended: number;
  /** Units of the new catalogue that are the same unit as before (a sole, whole self-predecessor). */
  kept: number;
  /** Units inserted from `effective`, by level. */
  inserted: Record<AdminLevelValue, number>;
  links: number;
}

/**
 * app_meta key recording the import of a reorganisation effective on `effective`. The July 2025 one
 * keeps the key its start-up loader has always written, so a database loaded by an earlier release
 * refuses a second import of it.
 */
export const importKey = (effective: string) =>
  effective === '2025-07-01' ? 'reform_2025_loaded_at' : `units_imported_${effective}`;

const LEVELS: Record<string, AdminLevelValue> = { province: 'PROVINCE', district: 'DISTRICT', commune: 'COMMUNE' };
const ORDER: AdminLevelValue[] = ['PROVINCE', 'DISTRICT', 'COMMUNE'];
/** The levels a unit's parent may have, nearest first. */
const PARENT_LEVELS: Record<AdminLevelValue, AdminLevelValue[]> = {
  PROVINCE: [],
  DISTRICT: ['PROVINCE'],
  COMMUNE: ['DISTRICT', 'PROVINCE'],
};
const CODE = /^[0-9A-Za-z]{1,10}$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

interface Unit {
  code: string;
  name: string;
  kind: string;
  level: AdminLevelValue;
  parentCode: string;
  line: number;
}
interface Link {
  oldCode: string;
  oldLevel: AdminLevelValue;
  newCode: string;
  newLevel: AdminLevelValue;
  kind: 'FULL' | 'PARTIAL';
  line: number;
}
interface Existing {
  id: number;
  code: string;
  level: AdminLevelValue;
  parentId: number | null;
  name: string;
  kind: string;
}

const key = (level: AdminLevelValue, code: string) => `${level}:${code}`;
const malformed = (file: string, line: number, what: string) =>
  badInput('INVALID_CSV_ROW', `${file} line ${line}: ${what}`, [file]);

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

/** BAD_USER_INPUT / INVALID_DATE unless `iso` is a real calendar date written YYYY-MM-DD. */
export function assertIsoDate(iso: string, field: string): void {
  const d = new Date(`${iso}T00:00:00Z`);
  if (!DATE.test(iso) || Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso)
    throw badInput('INVALID_DATE', `${field} must be a date written YYYY-MM-DD, not "${iso}"`, [field]);
}

function parseUnits(rows: CsvRow[], file: string): Unit[] {
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const line = i + 2;
    const level = LEVELS[(r.level ?? '').toLowerCase()];
    const code = r.code ?? '';
    const parentCode = r.parent_code ?? '';
    if (!CODE.test(code)) throw malformed(file, line, `code "${code}" is not 1–10 letters or digits`);
    if (!level) throw malformed(file, line, `level "${r.level ?? ''}" is not province, district or commune`);
    if (!r.name || r.name.length > 200) throw malformed(file, line, 'name is empty or longer than 200 characters');
    if (!r.type || r.type.length > 50) throw malformed(file, line, 'type is empty or longer than 50 characters');
    if (level === 'PROVINCE' ? parentCode !== '' : !CODE.test(parentCode))
      throw malformed(file, line, level === 'PROVINCE' ? 'a province has no parent_code' : 'parent_code is missing');
    if (seen.has(key(level, code))) throw malformed(file, line, `${r.level} ${code} is listed twice`);
    seen.add(key(level, code));
    return { code, name: r.name, kind: r.type, level, parentCode, line };
  });
}

function parseLineage(rows: CsvRow[], file: string): Link[] {
  const seen = new Set<string>();
  return rows.map((r, i) => {
    const line = i + 2;
    const oldLevel = LEVELS[(r.old_level ?? '').toLowerCase()];
    const newLevel = LEVELS[(r.new_level ?? '').toLowerCase()];
    const kind = (r.kind ?? '').toUpperCase();
    if (!CODE.test(r.old_code ?? '') || !CODE.test(r.new_code ?? ''))
      throw malformed(file, line, 'old_code and new_code must be 1–10 letters or digits');
    if (!oldLevel || !newLevel)
      throw malformed(file, line, 'old_level and new_level must be province, district or commune');
    if (kind !== 'FULL' && kind !== 'PARTIAL')
      throw malformed(file, line, `kind "${r.kind ?? ''}" is not full or partial`);
    const pair = `${key(oldLevel, r.old_code)}>${key(newLevel, r.new_code)}`;
    if (seen.has(pair)) throw malformed(file, line, `${r.old_code} → ${r.new_code} is listed twice`);
    seen.add(pair);
    return { oldCode: r.old_code, oldLevel, newCode: r.new_code, newLevel, kind, line };
  });
}

/** Units in force on `day` (ISO date), by level and code. */
async function inForceOn(em: EntityManager, day: string): Promise<Map<string, Existing>> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT id, code, level, parent_id, name, kind FROM admin_unit
      WHERE (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?) ORDER BY id`,
    [day, day],
  );
  return new Map(
    rows.map((r) => {
      const u: Existing = {
        id: Number(r.id),
        code: String(r.code),
        level: r.level as AdminLevelValue,
        parentId: r.parent_id === null ? null : Number(r.parent_id),
        name: String(r.name),
        kind: String(r.kind),
      };
      return [key(u.level, u.code), u];
    }),
  );
}

const COLUMNS = ['code', 'name', 'short_name', 'kind', 'level', 'parent_id', 'search_name', 'valid_from', 'valid_to'];

async function insertUnits(
  em: EntityManager,
  units: { u: Unit; parentId: number | null }[],
  validFrom: string | null,
): Promise<void> {
  const sql = `INSERT INTO admin_unit (${COLUMNS.join(', ')}) VALUES `;
  for (const chunk of inChunks(units, COLUMNS.length, ({ u }) => 3 * u.name.length)) {
    const params = chunk.flatMap(({ u, parentId }) => [
      u.code,
      u.name,
      shortName(u.name),
      u.kind,
      u.level,
      parentId,
      foldForSearch(u.name),
      validFrom,
      null,
    ]);
    await em.query(sql + valuesList(chunk.length, COLUMNS.length), params);
  }
}

/** The unit `parentCode` names among `candidates` (level → code → id) for a unit of `level`. */
function parentOf(
  level: AdminLevelValue,
  parentCode: string,
  candidates: (level: AdminLevelValue, code: string) => number | 'new' | undefined,
): number | 'new' | undefined {
  for (const l of PARENT_LEVELS[level]) {
    const found = candidates(l, parentCode);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * Loads one reorganisation of the catalogue, all or nothing, inside the caller's transaction:
 * - every unit named as `old` in the lineage must be in force the day before `effective`, and ends
 *   that day (as do all units of `endLevels`);
 * - a unit of the new catalogue whose only predecessor is itself, wholly (1→1 full, same code and
 *   level, nothing else going into it), under the same parent, stays the same unit: no end date, no
 *   lineage link; its name and type take the catalogue's (a rename keeps the unit and its figures);
 * - every other unit of the new catalogue is a new unit from `effective`, under its parent in force
 *   then (a unit of the new catalogue, or one in force before that does not end);
 * - unit_lineage gets one link per lineage row, dated `effective`;
 * - the provinces and districts in force from `effective` get their commune counts.
 * Units neither in the lineage nor in `endLevels` carry on, which is why a unit in force whose parent
 * ends must itself be in the lineage (ORPHANED_UNIT otherwise): nothing is ended by inference.
 * Refuses (BAD_USER_INPUT, nothing written) a malformed row, an unknown unit or parent, a date already
 * imported (app_meta `importKey`) or one before a reorganisation already loaded.
 */
export async function importUnits(em: EntityManager, input: UnitsImport): Promise<UnitsImportReport> {
  const files = {
    units: input.files?.units ?? 'units',
    lineage: input.files?.lineage ?? 'lineage',
    unitsBefore: input.files?.unitsBefore ?? 'units before',
  };
  const effective = input.effective;
  assertIsoDate(effective, 'effective');
  const last = dayBefore(effective);
  const units = parseUnits(input.units, files.units);
  const lineage = parseLineage(input.lineage, files.lineage);
  const before = parseUnits(input.unitsBefore ?? [], files.unitsBefore);

  const meta = em.getRepository(AppMetaEntity);
  if (await meta.findOne({ where: { key: importKey(effective) } }))
    throw badInput('ALREADY_IMPORTED', `The reorganisation effective ${effective} is already imported`, ['effective']);
  const [later] = await em.query(
    'SELECT code, level FROM admin_unit WHERE valid_from >= ? OR valid_to >= ? ORDER BY id LIMIT 1',
    [effective, effective],
  );
  if (later)
    throw badInput(
      'IMPORT_OUT_OF_ORDER',
      `A later reorganisation is already loaded (${String(later.level).toLowerCase()} ${later.code} starts or ends after ${effective}); import in date order`,
      ['effective'],
    );

  // 1. Units in force before that the database lacks (2025: the pre-reform communes).
  let old = await inForceOn(em, last);
  if (before.length) {
    const resolved = before.map((u) => {
      if (old.has(key(u.level, u.code)))
        throw malformed(files.unitsBefore, u.line, `${u.level.toLowerCase()} ${u.code} is already in force on ${last}`);
      const parentId = parentOf(u.level, u.parentCode, (l, c) => old.get(key(l, c))?.id);
      if (parentId === undefined || parentId === 'new')
        throw badInput(
          'UNKNOWN_UNIT',
          `${files.unitsBefore} line ${u.line}: ${u.level.toLowerCase()} ${u.code} names parent ${u.parentCode}, not a unit in force on ${last}`,
          [files.unitsBefore],
        );
      return { u, parentId };
    });
    await insertUnits(em, resolved, null);
    old = await inForceOn(em, last);
  }

  // 2. The lineage names units in force the day before and units of the new catalogue.
  const catalogue = new Map(units.map((u) => [key(u.level, u.code), u]));
  const predecessors = new Map<string, Link[]>();
  for (const l of lineage) {
    if (!old.has(key(l.oldLevel, l.oldCode)))
      throw badInput(
        'UNKNOWN_UNIT',
        `${files.lineage} line ${l.line}: old ${l.oldLevel.toLowerCase()} ${l.oldCode} is not a unit in force on ${last}`,
        [files.lineage],
      );
    const to = key(l.newLevel, l.newCode);
    if (!catalogue.has(to))
      throw badInput(
        'UNKNOWN_UNIT',
        `${files.lineage} line ${l.line}: new ${l.newLevel.toLowerCase()} ${l.newCode} is not in ${files.units}`,
        [files.lineage],
      );
    predecessors.set(to, [...(predecessors.get(to) ?? []), l]);
  }

  // 3. What ends: the lineage's old units and the abolished levels' units, less the ones that stay.
  const ending = new Set<number>();
  for (const l of lineage) ending.add(old.get(key(l.oldLevel, l.oldCode))!.id);
  for (const u of old.values()) if (input.endLevels?.includes(u.level)) ending.add(u.id);

  // 4. Which units of the catalogue stay the same unit, parents first.
  const kept = new Map<string, Existing>();
  /** A unit in force from `effective`: its id when it exists already, 'new' for a unit to insert. */
  const inForceAfter = (level: AdminLevelValue, code: string): number | 'new' | undefined => {
    const k = key(level, code);
    if (kept.has(k)) return kept.get(k)!.id;
    if (catalogue.has(k)) return 'new';
    const o = old.get(k);
    return o && !ending.has(o.id) ? o.id : undefined;
  };
  const sorted = [...units].sort((a, b) => ORDER.indexOf(a.level) - ORDER.indexOf(b.level));
  for (const u of sorted) {
    const k = key(u.level, u.code);
    const ps = predecessors.get(k) ?? [];
    const self = old.get(k);
    if (self && !ending.has(self.id))
      throw malformed(
        files.units,
        u.line,
        `${u.level.toLowerCase()} ${u.code} is in force on ${last} and carries on; name it as old in ${files.lineage}`,
      );
    const parent = u.level === 'PROVINCE' ? null : parentOf(u.level, u.parentCode, inForceAfter);
    if (parent === undefined)
      throw badInput(
        'UNKNOWN_UNIT',
        `${files.units} line ${u.line}: ${u.level.toLowerCase()} ${u.code} names parent ${u.parentCode}, not a unit in force on ${effective}`,
        [files.units],
      );
    const whole =
      self &&
      ps.length === 1 &&
      ps[0].oldCode === u.code &&
      ps[0].oldLevel === u.level &&
      ps[0].kind === 'FULL' &&
      parent === self.parentId &&
      !(input.endLevels ?? []).includes(u.level);
    if (whole) {
      kept.set(k, self);
      ending.delete(self.id);
    }
  }

  // 5. A unit carrying on must keep its parent.
  const orphans = [...old.values()].filter((u) => !ending.has(u.id) && u.parentId !== null && ending.has(u.parentId));
  if (orphans.length)
    throw badInput(
      'ORPHANED_UNIT',
      `Units in force on ${last} whose parent ends then but which are not in ${files.lineage}: ${orphans
        .slice(0, 10)
        .map((u) => `${u.level.toLowerCase()} ${u.code}`)
        .join(', ')}${orphans.length > 10 ? ` and ${orphans.length - 10} more` : ''}`,
      [files.lineage],
    );

  // 6. Write: end dates, renames of kept units, new units level by level, lineage, counts.
  for (const chunk of inChunks([...ending]))
    await em.query(`UPDATE admin_unit SET valid_to = ? WHERE id IN (${placeholders(chunk.length)})`, [last, ...chunk]);
  for (const [k, self] of kept) {
    const u = catalogue.get(k)!;
    if (u.name !== self.name || u.kind !== self.kind)
      await em.query('UPDATE admin_unit SET name = ?, short_name = ?, search_name = ?, kind = ? WHERE id = ?', [
        u.name,
        shortName(u.name),
        foldForSearch(u.name),
        u.kind,
        self.id,
      ]);
  }
  const newIds = new Map<string, number>();
  const inserted: Record<AdminLevelValue, number> = { PROVINCE: 0, DISTRICT: 0, COMMUNE: 0 };
  for (const level of ORDER) {
    const toInsert = sorted
      .filter((u) => u.level === level && !kept.has(key(u.level, u.code)))
      .map((u) => {
        const p = u.level === 'PROVINCE' ? null : parentOf(u.level, u.parentCode, inForceAfter)!;
        const parentId = p === 'new' ? parentOf(u.level, u.parentCode, (l, c) => newIds.get(key(l, c)))! : p;
        return { u, parentId: parentId as number | null };
      });
    if (!toInsert.length) continue;
    await insertUnits(em, toInsert, effective);
    inserted[level] = toInsert.length;
    const rows: { id: number; code: string }[] = await em.query(
      'SELECT id, code FROM admin_unit WHERE valid_from = ? AND level = ?',
      [effective, level],
    );
    for (const r of rows) newIds.set(key(level, String(r.code)), Number(r.id));
  }

  const links: [number, number, string][] = [];
  for (const l of lineage) {
    const from = old.get(key(l.oldLevel, l.oldCode))!.id;
    const k = key(l.newLevel, l.newCode);
    const to = kept.get(k)?.id ?? newIds.get(k)!;
    if (from !== to) links.push([from, to, l.kind]);
  }
  const linkSql = 'INSERT INTO unit_lineage (predecessor_id, successor_id, kind, effective_date) VALUES ';
  for (const chunk of inChunks(links, 4))
    await em.query(
      linkSql + valuesList(chunk.length, 4),
      chunk.flatMap((l) => [...l, effective]),
    );

  await countCommunes(em, effective);
  // Through the command line (writeTransaction) the change feed learns of every unit that ended,
  // was renamed or was created; the start-up load of 2025 is the catalogue a mirror starts from.
  if (changeLogOpen(em)) {
    const renamed = [...kept].filter(([k, self]) => {
      const u = catalogue.get(k)!;
      return u.name !== self.name || u.kind !== self.kind;
    });
    await recordChanges(
      em,
      [
        ...[...ending].map((unitId) => ({ kind: 'UNIT' as const, action: 'UPDATE' as const, unitId })),
        ...renamed.map(([, self]) => ({ kind: 'UNIT' as const, action: 'UPDATE' as const, unitId: self.id })),
        ...[...newIds.values()].map((unitId) => ({ kind: 'UNIT' as const, action: 'CREATE' as const, unitId })),
      ],
      'units import',
    );
  }
  await meta.save({ key: importKey(effective), value: new Date().toISOString() });
  return { effective, unitsBefore: before.length, ended: ending.size, kept: kept.size, inserted, links: links.length };
}

/** Sets the commune counts of the provinces and districts in force on `day` that have communes then. */
async function countCommunes(em: EntityManager, day: string): Promise<void> {
  const rows: Record<string, unknown>[] = await em.query(
    `SELECT id, level, parent_id, communes FROM admin_unit
      WHERE (valid_from IS NULL OR valid_from <= ?) AND (valid_to IS NULL OR valid_to >= ?)`,
    [day, day],
  );
  const parentOfId = new Map(rows.map((r) => [Number(r.id), r.parent_id === null ? null : Number(r.parent_id)]));
  const counts = new Map<number, number>();
  for (const r of rows) {
    if (r.level !== 'COMMUNE') continue;
    for (let p = parentOfId.get(Number(r.id)) ?? null; p !== null; p = parentOfId.get(p) ?? null)
      counts.set(p, (counts.get(p) ?? 0) + 1);
  }
  for (const r of rows) {
    const n = counts.get(Number(r.id));
    if (n !== undefined && n !== (r.communes === null ? null : Number(r.communes)))
      await em.query('UPDATE admin_unit SET communes = ? WHERE id = ?', [n, Number(r.id)]);
  }
}
