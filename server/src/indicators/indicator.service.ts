import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { assertKnownCodes, badInput } from '../common/errors';
import { searchPattern } from '../common/text';
import { IndicatorEntity } from './indicator.entity';
import { Indicator, presentIndicator } from './indicator.types';

@injectable()
export class IndicatorService {
  constructor(private readonly ds: DataSource) {}

  private get repo() {
    return this.ds.getRepository(IndicatorEntity);
  }

  async list(args: { category?: string | null; search?: string | null }): Promise<Indicator[]> {
    const qb = this.repo.createQueryBuilder('i');
    if (args.category) qb.andWhere('i.category = :category', { category: args.category });
    if (args.search) {
      const q = searchPattern(args.search);
      if (q) {
        qb.andWhere("(i.search_name LIKE :q ESCAPE '!' OR LOWER(i.code) LIKE :q ESCAPE '!')", { q });
      }
    }
    return (await qb.orderBy('i.code', 'ASC').getMany()).map(presentIndicator);
  }

  async byCode(code: string): Promise<Indicator | null> {
    const row = await this.repo.findOneBy({ code });
    return row ? presentIndicator(row) : null;
  }

  /** The indicator with this code, or BAD_USER_INPUT / UNKNOWN_INDICATOR at `field`. */
  async requireByCode(code: string, field: string[]): Promise<Indicator> {
    const indicator = await this.byCode(code);
    if (!indicator) throw badInput('UNKNOWN_INDICATOR', `No indicator has code "${code}"`, field);
    return indicator;
  }

  async byIds(ids: readonly number[]): Promise<Map<number, Indicator>> {
    const rows = ids.length ? await this.repo.find({ where: { id: In([...ids]) } }) : [];
    return new Map(rows.map((r) => [r.id, presentIndicator(r)]));
  }

  async byCodes(codes: readonly string[]): Promise<Map<string, Indicator>> {
    const rows = codes.length ? await this.repo.find({ where: { code: In([...codes]) } }) : [];
    return new Map(rows.map((r) => [r.code, presentIndicator(r)]));
  }

  /** The indicators with these codes, or BAD_USER_INPUT / UNKNOWN_INDICATOR at `field` naming the unknown ones. */
  async requireByCodes(codes: readonly string[], field: string[]): Promise<Indicator[]> {
    const found = await this.byCodes(codes);
    assertKnownCodes(codes, found, 'UNKNOWN_INDICATOR', 'indicator', field);
    return [...found.values()];
  }
}
