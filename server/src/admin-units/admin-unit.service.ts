import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { assertPageSize } from '../common/paging';
import { In } from 'typeorm';
import { assertKnownCodes, badInput } from '../common/errors';
import { searchPattern } from '../common/text';
import { AdminUnitEntity, type AdminLevelValue } from './admin-unit.entity';
import { UnitLineageEntity, type LinkKindValue } from './unit-lineage.entity';
import { inChunks } from '../db/sql';
import { AdminUnit, presentUnit } from './admin-unit.types';
import { pickOnDay } from '../common/year';

export const MAX_UNITS_PAGE = 1000;

/** The columns of a unit read raw, as the entity's properties (what presentUnit reads). */
const SUBDIVISION_COLUMNS = [
  ['id', 'id'],
  ['code', 'code'],
  ['name', 'name'],
  ['short_name', 'shortName'],
  ['kind', 'kind'],
  ['level', 'level'],
  ['parent_id', 'parentId'],
  ['valid_from', 'validFrom'],
  ['valid_to', 'validTo'],
] as const;

/** "active on" as an ISO date string, compared with validFrom/validTo stored as text. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

/** SQL condition: unit `alias` existed on the date bound as :on. */
const existedOn = (alias: string) =>
  `(${alias}.valid_from IS NULL OR ${alias}.valid_from <= :on) AND (${alias}.valid_to IS NULL OR ${alias}.valid_to >= :on)`;

/** One lineage link seen from a unit: the unit on the other side. */
export interface LinkTo {
  unitId: number;
  kind: LinkKindValue;
  date: string;
}

@injectable()
export class AdminUnitService {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(AdminUnitEntity);
  }

  /** Provinces that existed on `on` (ISO date), by code. */
  async provinces(on: string): Promise<AdminUnit[]> {
    const rows = await this.repo
      .createQueryBuilder('u')
      .where("u.level = 'PROVINCE'")
      .andWhere(existedOn('u'), { on })
      .orderBy('u.code', 'ASC')
      .getMany();
    return rows.map(presentUnit);
  }

  /** The unit of this level that had this code on `on` (a code can name different units over time). */
  async byCodeOn(code: string, level: AdminLevelValue, on: string): Promise<AdminUnit | null> {
    const row = await this.repo
      .createQueryBuilder('u')
      .where('u.code = :code AND u.level = :level', { code, level })
      .andWhere(existedOn('u'), { on })
      .orderBy('u.id', 'ASC')
      .getOne();
    return row ? presentUnit(row) : null;
  }

  /**
   * The unit with this code (of `level`, when given) on `on` (ISO date; null when none had it then);
   * without `on`, the one today or, for a code no unit has today (a district abolished in 2025), the
   * newest that had it. Null for a code no unit ever had.
   */
  async byCodeAt(code: string, on: string | null, level?: AdminLevelValue): Promise<AdminUnit | null> {
    const rows = await this.repo.find({ where: level ? { code, level } : { code }, order: { id: 'ASC' } });
    const unit = pickOnDay(rows, on);
    return unit ? presentUnit(unit) : null;
  }

  /** Every unit that ever had this code (any level), oldest first. */
  async allByCode(code: string): Promise<AdminUnit[]> {
    const rows = await this.repo.find({ where: { code }, order: { id: 'ASC' } });
    return rows.map(presentUnit);
  }

  /** Every unit that ever had one of these codes (any level), by code, oldest first; absent codes are left out. */
  async allByCodes(codes: readonly string[]): Promise<Map<string, AdminUnit[]>> {
    const out = new Map<string, AdminUnit[]>();
    for (const part of inChunks([...new Set(codes)])) {
      for (const r of await this.repo.find({ where: { code: In(part) }, order: { id: 'ASC' } })) {
        const list = out.get(r.code);
        if (list) list.push(presentUnit(r));
        else out.set(r.code, [presentUnit(r)]);
      }
    }
    return out;
  }

  async byIds(ids: readonly number[]): Promise<Map<number, AdminUnit>> {
    const rows = ids.length ? await this.repo.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, presentUnit(r)]));
  }

  /**
   * Every unit that ever had these codes (of `level`, when given), oldest first; BAD_USER_INPUT /
   * UNKNOWN_UNIT at `field` for codes no unit ever had. Narrow it with `existedDuring`.
   */
  async requireAllByCodes(codes: readonly string[], field: string[], level?: AdminLevelValue): Promise<AdminUnit[]> {
    const rows = codes.length
      ? await this.repo.find({
          where: level ? { code: In([...codes]), level } : { code: In([...codes]) },
          order: { id: 'ASC' },
        })
      : [];
    if (level === 'PROVINCE' && codes.length === 1 && rows.length === 0)
      throw badInput('UNKNOWN_UNIT', `No province has code "${codes[0]}"`, field);
    assertKnownCodes(codes, new Map(rows.map((r) => [r.code, r])), 'UNKNOWN_UNIT', 'unit', field);
    return rows.map(presentUnit);
  }

  /** Districts of the given provinces that existed on `activeOn` (all of them, abolished ones too, when null), by code. */
  async districtsOf(provinceIds: readonly number[], activeOn: string | null): Promise<Map<number, AdminUnit[]>> {
    // No provinces, no districts: and no `IN ()`, which MariaDB refuses as a syntax error.
    if (provinceIds.length === 0) return new Map();
    const qb = this.repo
      .createQueryBuilder('u')
      .where('u.parent_id IN (:...ids)', { ids: provinceIds })
      .andWhere("u.level = 'DISTRICT'");
    if (activeOn) qb.andWhere(existedOn('u'), { on: activeOn });
    const rows = await qb.orderBy('u.code', 'ASC').getMany();
    const out = new Map<number, AdminUnit[]>(provinceIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.parentId!)!.push(presentUnit(r));
    return out;
  }

  /**
   * Communes of the given provinces or districts that existed on `on` (all of them when null), by
   * code. A province's communes are its own (after the reform) and its districts' (before).
   */
  async communesOf(parentIds: readonly number[], on: string | null): Promise<Map<number, AdminUnit[]>> {
    const out = new Map<number, AdminUnit[]>(parentIds.map((id) => [id, []]));
    for (const chunk of inChunks(parentIds, 2)) {
      const qb = this.repo
        .createQueryBuilder('u')
        .innerJoin(AdminUnitEntity, 'p', 'p.id = u.parent_id')
        .addSelect('p.parent_id', 'grand_parent_id')
        .where("u.level = 'COMMUNE'")
        .andWhere('(u.parent_id IN (:...ids) OR p.parent_id IN (:...ids))', { ids: chunk });
      if (on) qb.andWhere(existedOn('u'), { on });
      const { entities, raw } = await qb
        .orderBy('u.code', 'ASC')
        .getRawAndEntities<{ grand_parent_id: number | null }>();
      entities.forEach((e, i) => {
        const list = out.get(e.parentId!) ?? out.get(Number(raw[i].grand_parent_id));
        list?.push(presentUnit(e));
      });
    }
    return out;
  }

  /**
   * The units below a province: its districts, its own communes (after the reform) and its
   * districts' communes (before), those that existed on `on` (all of them when null), by code then
   * id. `levels`: both (the default), one of them, or `DISTRICTS_ELSE_COMMUNES` (the districts that
   * existed on `on`, or its communes when there were none: a ranking's default level). One
   * statement whatever the levels: a UNION ALL of the three kinds of parent, each read through the
   * parent index on both databases (`parent_id = :pid OR parent_id IN (…)` read every district and
   * commune of the country instead: 9 ms on SQLite, 11 ms on MariaDB); sorted here, since an ORDER
   * BY code makes SQLite read through the (level, code) index again.
   */
  async subdivisionsOf(
    provinceId: number,
    on: string | null,
    levels: 'BOTH' | 'DISTRICT' | 'COMMUNE' | 'DISTRICTS_ELSE_COMMUNES' = 'BOTH',
  ): Promise<AdminUnit[]> {
    const existed = (a: string) =>
      on === null
        ? ''
        : ` AND (${a}.valid_from IS NULL OR ${a}.valid_from <= ?) AND (${a}.valid_to IS NULL OR ${a}.valid_to >= ?)`;
    const dates = on === null ? [] : [on, on];
    const parts: string[] = [];
    const params: unknown[] = [];
    const columns = SUBDIVISION_COLUMNS.map((c) => `u.${c[0]} AS ${c[1]}`).join(', ');
    if (levels !== 'COMMUNE') {
      parts.push(`SELECT ${columns} FROM admin_unit u WHERE u.parent_id = ? AND u.level = 'DISTRICT'${existed('u')}`);
      params.push(provinceId, ...dates);
    }
    if (levels !== 'DISTRICT') {
      // DISTRICTS_ELSE_COMMUNES: the communes only when no district existed then.
      const noDistrict =
        levels === 'DISTRICTS_ELSE_COMMUNES'
          ? ` AND NOT EXISTS (SELECT 1 FROM admin_unit x WHERE x.parent_id = ? AND x.level = 'DISTRICT'${existed('x')})`
          : '';
      const noDistrictParams = noDistrict ? [provinceId, ...dates] : [];
      parts.push(
        `SELECT ${columns} FROM admin_unit u WHERE u.parent_id = ? AND u.level = 'COMMUNE'${existed('u')}${noDistrict}`,
      );
      params.push(provinceId, ...dates, ...noDistrictParams);
      // CROSS JOIN: SQLite keeps the districts as the outer loop (otherwise it starts from every
      // commune of the country by the level index); MariaDB plans it as the inner join it is.
      parts.push(
        `SELECT ${columns} FROM admin_unit d CROSS JOIN admin_unit u WHERE u.parent_id = d.id AND d.parent_id = ? AND d.level = 'DISTRICT' AND u.level = 'COMMUNE'${existed('u')}${noDistrict}`,
      );
      params.push(provinceId, ...dates, ...noDistrictParams);
    }
    const rows: AdminUnitEntity[] = await this.ds.query(parts.join(' UNION ALL '), params);
    rows.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.id - b.id));
    return rows.map(presentUnit);
  }

  /** Lineage links of these units: `successors` (the units they went into) or `predecessors`. */
  async links(ids: readonly number[], direction: 'successors' | 'predecessors'): Promise<Map<number, LinkTo[]>> {
    const [self, other] =
      direction === 'successors'
        ? (['predecessorId', 'successorId'] as const)
        : (['successorId', 'predecessorId'] as const);
    const out = new Map<number, LinkTo[]>(ids.map((id) => [id, []]));
    for (const chunk of inChunks(ids)) {
      const rows = await this.ds
        .getRepository(UnitLineageEntity)
        .find({ where: { [self]: In(chunk) }, order: { id: 'ASC' } });
      for (const r of rows) out.get(r[self])!.push({ unitId: r[other], kind: r.kind, date: r.effectiveDate });
    }
    return out;
  }

  /**
   * A district's successors, through its communes: the post-reform communes its communes (or, for
   * the island districts with no communes, itself) went into. A successor is FULL when every link
   * from the district into it is FULL and every predecessor of the successor belongs to the district
   * (the district itself or one of its communes); otherwise PARTIAL.
   */
  async districtSuccessors(districtIds: readonly number[]): Promise<Map<number, LinkTo[]>> {
    const communes = await this.communesOf(districtIds, null);
    const memberOf = new Map<number, number>();
    for (const [d, list] of communes) {
      memberOf.set(d, d);
      for (const c of list) memberOf.set(c.localId, d);
    }
    const forward = await this.links([...memberOf.keys()], 'successors');
    const successorIds = [...new Set([...forward.values()].flat().map((l) => l.unitId))];
    const backward = await this.links(successorIds, 'predecessors');
    const out = new Map<number, LinkTo[]>();
    for (const d of districtIds) {
      const into = new Map<number, LinkTo>();
      for (const [member, district] of memberOf) {
        if (district !== d) continue;
        for (const l of forward.get(member) ?? []) {
          const whole =
            l.kind === 'FULL' &&
            (into.get(l.unitId)?.kind ?? 'FULL') === 'FULL' &&
            (backward.get(l.unitId) ?? []).every((b) => memberOf.get(b.unitId) === d);
          into.set(l.unitId, { unitId: l.unitId, kind: whole ? 'FULL' : 'PARTIAL', date: l.date });
        }
      }
      out.set(d, [...into.values()]);
    }
    return out;
  }

  async search(args: {
    search?: string | null;
    level?: AdminLevelValue | null;
    provinceCode?: string | null;
    on?: string | null;
    first: number;
  }): Promise<AdminUnit[]> {
    assertPageSize(args.first, MAX_UNITS_PAGE, 1);
    const qb = this.repo.createQueryBuilder('u');
    let searched = false;
    if (args.search !== undefined && args.search !== null) {
      const q = searchPattern(args.search);
      if (q) {
        qb.andWhere("u.search_name LIKE :q ESCAPE '!'", { q });
        searched = true;
      }
    }
    if (args.level) qb.andWhere('u.level = :level', { level: args.level });
    else if (!args.on) qb.andWhere("u.level IN ('PROVINCE', 'DISTRICT')");
    // Units of a province: the province, its districts and communes, and its districts' communes.
    let inProvince: ((alias: string) => string) | null = null;
    if (args.provinceCode) {
      // On a date, the province with the code then; without one, every province that had the code
      // (37: old and merged Ninh Bình), as units of every date are listed.
      const provinces = args.on
        ? [await this.byCodeOn(args.provinceCode, 'PROVINCE', args.on)].filter((p) => p !== null)
        : await this.requireAllByCodes([args.provinceCode], ['provinceCode'], 'PROVINCE');
      if (!provinces.length)
        throw badInput('UNKNOWN_UNIT', `No province had code "${args.provinceCode}" on ${args.on}`, ['provinceCode']);
      inProvince = (a) =>
        `(${a}.parent_id IN (:...pids) OR ${a}.id IN (:...pids) OR ${a}.parent_id IN (SELECT d.id FROM admin_unit d WHERE d.parent_id IN (:...pids)))`;
      qb.andWhere(inProvince('u'), { pids: provinces.map((p) => p.localId) });
    }
    if (!args.on) {
      // Units of every date: one per level and code (the oldest that matches), so that a code reused
      // across the 2025 reorganisation (37, commune codes) is listed once, as before it.
      qb.andWhere(
        `NOT EXISTS (SELECT 1 FROM admin_unit o WHERE o.level = u.level AND o.code = u.code AND o.id < u.id${
          searched ? " AND o.search_name LIKE :q ESCAPE '!'" : ''
        }${inProvince ? ` AND ${inProvince('o')}` : ''})`,
      );
    }
    if (args.on) qb.andWhere(existedOn('u'), { on: args.on });
    const rows = await qb.orderBy('u.level', 'DESC').addOrderBy('u.code', 'ASC').take(args.first).getMany();
    return rows.map(presentUnit);
  }
}
