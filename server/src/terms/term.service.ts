import { injectable } from 'tsyringe';
import { DataSource, In } from 'typeorm';
import { inChunks, readDecimal } from '../db/sql';
import { IndicatorEntity } from '../indicators/indicator.entity';
import { TargetEntity } from './target.entity';
import { TermEntity } from './term.entity';
import { presentTarget, presentTerm, Target, Term } from './term.types';

/** A target with what its progress needs: its term's unit and years, its indicator's decimals. */
export interface TargetInTerm {
  target: Target;
  unitId: number;
  startYear: number;
  endYear: number;
  decimals: number;
}

@injectable()
export class TermService {
  constructor(private readonly ds: DataSource) {}

  /** Every term (null), or the terms of these units: by unit, newest first; with several units, newest first over all. */
  async list(units: number | readonly number[] | null): Promise<Term[]> {
    const unitIds = typeof units === 'number' ? [units] : units;
    const rows = await this.ds.getRepository(TermEntity).find({
      where: unitIds === null ? {} : { unitId: In([...unitIds]) },
      order:
        unitIds && unitIds.length > 1
          ? { startYear: 'DESC', congressNumber: 'DESC', unitId: 'ASC' }
          : { unitId: 'ASC', startYear: 'DESC', congressNumber: 'DESC' },
    });
    return rows.map(presentTerm);
  }

  async byIds(ids: readonly number[]): Promise<Map<number, Term>> {
    const rows = ids.length ? await this.ds.getRepository(TermEntity).findBy({ id: In([...ids]) }) : [];
    return new Map(rows.map((r) => [r.id, presentTerm(r)]));
  }

  async byUnitIds(unitIds: readonly number[]): Promise<Map<number, Term[]>> {
    const rows = unitIds.length
      ? await this.ds
          .getRepository(TermEntity)
          .find({ where: { unitId: In([...unitIds]) }, order: { startYear: 'DESC' } })
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

  /** Targets by id with their terms and indicators (absent ids are left out): one statement per MAX_PARAMETERS ids. */
  async targetsInTermsByIds(ids: readonly number[]): Promise<Map<number, TargetInTerm>> {
    const out = new Map<number, TargetInTerm>();
    for (const part of inChunks(ids)) {
      const rows: Record<string, unknown>[] = await this.ds
        .createQueryBuilder()
        .select('t.id', 'id')
        .addSelect('t.term_id', 'termId')
        .addSelect('t.indicator_id', 'indicatorId')
        .addSelect('t.period', 'period')
        .addSelect('t.value', 'value')
        .addSelect('t.comparator', 'comparator')
        .addSelect('t.note', 'note')
        .addSelect('tm.unit_id', 'unitId')
        .addSelect('tm.start_year', 'startYear')
        .addSelect('tm.end_year', 'endYear')
        .addSelect('i.decimals', 'decimals')
        .from(TargetEntity, 't')
        .innerJoin(TermEntity, 'tm', 'tm.id = t.term_id')
        .innerJoin(IndicatorEntity, 'i', 'i.id = t.indicator_id')
        .where('t.id IN (:...ids)', { ids: part })
        .getRawMany();
      for (const r of rows) {
        const target = presentTarget({
          id: Number(r.id),
          termId: Number(r.termId),
          indicatorId: Number(r.indicatorId),
          period: String(r.period),
          value: readDecimal(r.value)!,
          comparator: r.comparator as TargetEntity['comparator'],
          note: (r.note as string | null) ?? null,
        });
        out.set(target.localId, {
          target,
          unitId: Number(r.unitId),
          startYear: Number(r.startYear),
          endYear: Number(r.endYear),
          decimals: Number(r.decimals),
        });
      }
    }
    return out;
  }

  /** Targets of every term of the units (only of the indicators, when given), each with its term: two statements. */
  async targetsOfUnits(
    unitIds: readonly number[],
    indicatorIds: readonly number[] | null,
  ): Promise<{ term: Term; target: Target }[]> {
    if (!unitIds.length || indicatorIds?.length === 0) return [];
    const terms = await this.byUnitIds(unitIds);
    const termById = new Map([...terms.values()].flat().map((t) => [t.localId, t]));
    if (!termById.size) return [];
    const targets = await this.ds.getRepository(TargetEntity).find({
      where: { termId: In([...termById.keys()]), ...(indicatorIds ? { indicatorId: In([...indicatorIds]) } : {}) },
    });
    return targets.map((t) => ({ term: termById.get(t.termId)!, target: presentTarget(t) }));
  }
}
