import type { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { TargetEntity } from './target.entity';
import { TermEntity } from './term.entity';
import { presentTarget, presentTerm, Target, Term } from './term.types';

export class TermService {
  constructor(private readonly ds: DataSource) {}

  async list(unitId: number | null): Promise<Term[]> {
    const rows = await this.ds.getRepository(TermEntity).find({
      where: unitId === null ? {} : { unitId },
      order: { unitId: 'ASC', startYear: 'DESC', congressNumber: 'DESC' },
    });
    return rows.map(presentTerm);
  }

  async byIds(ids: readonly number[]): Promise<Map<number, Term>> {
    const rows = ids.length ? await this.ds.getRepository(TermEntity).findBy({ id: In([...ids]) }) : [];
    return new Map(rows.map((r) => [r.id, presentTerm(r)]));
  }

  async byUnitIds(unitIds: readonly number[]): Promise<Map<number, Term[]>> {
    const rows = unitIds.length
      ? await this.ds.getRepository(TermEntity).find({ where: { unitId: In([...unitIds]) }, order: { startYear: 'DESC' } })
      : [];
    const out = new Map<number, Term[]>(unitIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.unitId)!.push(presentTerm(r));
    return out;
  }

  async targetsByTermIds(termIds: readonly number[]): Promise<Map<number, Target[]>> {
    const rows = termIds.length
      ? await this.ds.getRepository(TargetEntity).find({ where: { termId: In([...termIds]) }, order: { id: 'ASC' } })
      : [];
    const out = new Map<number, Target[]>(termIds.map((id) => [id, []]));
    for (const r of rows) out.get(r.termId)!.push(presentTarget(r));
    return out;
  }

  async targetsByIds(ids: readonly number[]): Promise<Map<number, Target>> {
    const rows = ids.length ? await this.ds.getRepository(TargetEntity).findBy({ id: In([...ids]) }) : [];
    return new Map(rows.map((r) => [r.id, presentTarget(r)]));
  }
}
