import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { assertPageSize } from '../common/paging';
import { In } from 'typeorm';
import { assertKnownCodes, badInput } from '../common/errors';
import { escapeLike, foldForSearch } from '../common/text';
import { AdminUnitEntity } from './admin-unit.entity';
import { AdminUnit, presentUnit } from './admin-unit.types';

export const MAX_UNITS_PAGE = 1000;

/** "active on" as an ISO date string, compared with validFrom/validTo stored as text. */
export const isoDate = (d: Date) => d.toISOString().slice(0, 10);

@injectable()
export class AdminUnitService {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(AdminUnitEntity);
  }

  async provinces(): Promise<AdminUnit[]> {
    const rows = await this.repo.find({ where: { level: 'PROVINCE' }, order: { code: 'ASC' } });
    return rows.map(presentUnit);
  }

  async byCode(code: string, level?: 'PROVINCE' | 'DISTRICT'): Promise<AdminUnit | null> {
    const row = await this.repo.findOne({ where: level ? { code, level } : { code } });
    return row ? presentUnit(row) : null;
  }

  /** The province with this code, or BAD_USER_INPUT / UNKNOWN_UNIT at `field`. */
  async requireProvince(code: string, field: string[]): Promise<AdminUnit> {
    const province = await this.byCode(code, 'PROVINCE');
    if (!province) throw badInput('UNKNOWN_UNIT', `No province has code "${code}"`, field);
    return province;
  }

  async byIds(ids: readonly number[]): Promise<Map<number, AdminUnit>> {
    const rows = ids.length ? await this.repo.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, presentUnit(r)]));
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, AdminUnit>> {
    const rows = codes.length ? await this.repo.find({ where: { code: In([...codes]) } }) : [];
    return new Map(rows.map((r) => [r.code, presentUnit(r)]));
  }

  /** The units with these codes, or BAD_USER_INPUT / UNKNOWN_UNIT at `field` naming the unknown ones. */
  async requireByCodes(codes: readonly string[], field: string[]): Promise<AdminUnit[]> {
    const found = await this.byCodes(codes);
    assertKnownCodes(codes, found, 'UNKNOWN_UNIT', 'unit', field);
    return [...found.values()];
  }

  /** Districts of the given provinces that existed on `activeOn` (all of them, abolished ones too, when null), by code. */
  async districtsOf(provinceIds: readonly number[], activeOn: string | null): Promise<Map<number, AdminUnit[]>> {
    const qb = this.repo.createQueryBuilder('u').where('u.parent_id IN (:...ids)', { ids: provinceIds });
    if (activeOn) {
      qb.andWhere('(u.valid_from IS NULL OR u.valid_from <= :d)', { d: activeOn }).andWhere(
        '(u.valid_to IS NULL OR u.valid_to >= :d)',
        { d: activeOn },
      );
    }
    const rows = await qb.orderBy('u.code', 'ASC').getMany();
    const out = new Map<number, AdminUnit[]>(provinceIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.parentId!)!.push(presentUnit(r));
    return out;
  }

  async search(args: {
    search?: string | null;
    level?: 'PROVINCE' | 'DISTRICT' | null;
    provinceCode?: string | null;
    first: number;
  }): Promise<AdminUnit[]> {
    assertPageSize(args.first, MAX_UNITS_PAGE, 1);
    const qb = this.repo.createQueryBuilder('u');
    if (args.search !== undefined && args.search !== null) {
      const folded = foldForSearch(args.search);
      if (folded.length > 100) throw badInput('SEARCH_TOO_LONG', 'search must be at most 100 characters', ['search']);
      if (folded) qb.andWhere("u.search_name LIKE :q ESCAPE '!'", { q: `%${escapeLike(folded)}%` });
    }
    if (args.level) qb.andWhere('u.level = :level', { level: args.level });
    if (args.provinceCode) {
      const province = await this.requireProvince(args.provinceCode, ['provinceCode']);
      qb.andWhere('(u.parent_id = :pid OR u.id = :pid)', { pid: province.localId });
    }
    const rows = await qb.orderBy('u.level', 'DESC').addOrderBy('u.code', 'ASC').take(args.first).getMany();
    return rows.map(presentUnit);
  }
}
