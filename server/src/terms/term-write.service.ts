import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { In } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import type { Viewer } from '../auth/auth.types';
import {
  loadScopedUnitById,
  unitOfId,
  loadScopedUnitsByCode,
  requireEditor,
  resolveWriteScope,
  requireWriteScope,
  type ScopedUnit,
} from '../auth/scope';
import { roundValue } from '../common/decimal';
import { fromGlobalId } from '../common/global-id';
import { PERIOD_HELP, truncate, tryParsePeriod } from '../common/period';
import { toRoman } from '../common/roman';
import { isYear, MAX_YEAR, MIN_YEAR, monthOfDate } from '../common/year';
import { recordChanges } from '../db/change-log';
import { writeTransaction } from '../db/write-transaction';
import { userError, type UserError } from '../common/user-error.type';
import { IndicatorEntity } from '../indicators/indicator.entity';
import { checkValue } from '../indicators/measure';
import { TargetEntity } from './target.entity';
import { TermEntity } from './term.entity';
import type { CreateTermInput, SetTargetsInput, SetTargetsPayload, TermPayload } from './term.inputs';
import { presentTerm } from './term.types';

const MAX_TARGETS = 1000;
const COMPARATORS = ['AT_LEAST', 'AT_MOST'];
const lcFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1);

/** Creating congress terms and setting their targets: editors within their scope, and admins. */
@injectable()
export class TermWriteService {
  constructor(private readonly ds: DataSource) {}

  async createTerm(viewer: Viewer | null, input: CreateTermInput): Promise<TermPayload> {
    const v = await resolveWriteScope(this.ds, requireEditor(viewer));
    const errors: UserError[] = [];
    const unit = await this.termUnit(input, errors);
    if (!Number.isInteger(input.congressNumber) || input.congressNumber < 1 || input.congressNumber > 100) {
      errors.push(
        userError('INVALID_CONGRESS_NUMBER', 'congressNumber must be a whole number from 1 to 100', [
          'input',
          'congressNumber',
        ]),
      );
    }
    if (!isYear(input.startYear))
      errors.push(
        userError('INVALID_YEAR', `startYear must be a year between ${MIN_YEAR} and ${MAX_YEAR}`, [
          'input',
          'startYear',
        ]),
      );
    if (!isYear(input.endYear) || input.endYear <= input.startYear) {
      errors.push(
        userError(
          'INVALID_YEAR',
          'endYear must be a year after startYear (a term spans several years, e.g. 2020–2025)',
          ['input', 'endYear'],
        ),
      );
    }
    const title =
      input.title?.trim() ||
      (unit
        ? `Nghị quyết Đại hội Đảng bộ ${lcFirst(unit.name)} lần thứ ${toRoman(input.congressNumber)}, nhiệm kỳ ${input.startYear}–${input.endYear}`
        : '');
    if (title.length > 500)
      errors.push(userError('TEXT_TOO_LONG', 'title must have at most 500 characters', ['input', 'title']));
    if (errors.length || !unit) return { term: null, userErrors: errors };
    requireWriteScope(v, unit, 'create terms');

    return writeTransaction(this.ds, async (em) => {
      const repo = em.getRepository(TermEntity);
      if (await repo.existsBy({ unitId: unit.id, congressNumber: input.congressNumber })) {
        return {
          term: null,
          userErrors: [
            userError(
              'ALREADY_EXISTS',
              `${unit.name} already has a term of congress ${toRoman(input.congressNumber)}`,
              ['input', 'congressNumber'],
            ),
          ],
        };
      }
      const saved = await repo.save({
        unitId: unit.id,
        congressNumber: input.congressNumber,
        startYear: input.startYear,
        endYear: input.endYear,
        title,
      });
      await recordAudit(em, {
        actor: v.name,
        action: 'TERM_CREATED',
        entityType: 'Term',
        entityId: saved.id,
        detail: { ...input, unitCode: unit.code, title },
      });
      await recordChanges(em, [{ kind: 'TERM', action: 'CREATE', unitId: unit.id, refId: saved.id }], v.name);
      return { term: presentTerm(saved), userErrors: [] };
    });
  }

  /**
   * The unit whose congress this is: the one with unitId when given (its code must be unitCode),
   * otherwise the unit with the code that existed longest during the term's years (37 for 2020–2025:
   * old Ninh Bình; for 2025–2030: the merged one; ties: the older).
   */
  private async termUnit(input: CreateTermInput, errors: UserError[]): Promise<ScopedUnit | undefined> {
    const candidates = (await loadScopedUnitsByCode(this.ds, [input.unitCode])).get(input.unitCode);
    if (input.unitId !== undefined && input.unitId !== null) {
      const found = await unitOfId(this.ds, input.unitId, input.unitCode);
      if ('reason' in found) errors.push(userError(found.reason, found.message, ['input', 'unitId']));
      return 'unit' in found ? found.unit : undefined;
    }
    if (!candidates) {
      errors.push(userError('UNKNOWN_UNIT', `No unit has code "${truncate(input.unitCode)}"`, ['input', 'unitCode']));
      return undefined;
    }
    if (!isYear(input.startYear) || !isYear(input.endYear)) return candidates[0];
    const from = input.startYear * 12;
    const to = input.endYear * 12 + 11;
    const overlap = (u: ScopedUnit) =>
      Math.min(to, u.validTo ? monthOfDate(u.validTo) : to) -
      Math.max(from, u.validFrom ? monthOfDate(u.validFrom) : from) +
      1;
    let best = candidates[0];
    for (const u of candidates) if (overlap(u) > overlap(best)) best = u;
    return best;
  }

  /** Replaces the term's targets in one transaction; ids of targets kept (same indicator and period) stay stable. */
  async setTargets(viewer: Viewer | null, input: SetTargetsInput): Promise<SetTargetsPayload> {
    const v = await resolveWriteScope(this.ds, requireEditor(viewer));
    const parsed = fromGlobalId(input.termId);
    const term = parsed?.type === 'Term' ? await this.ds.getRepository(TermEntity).findOneBy({ id: parsed.id }) : null;
    if (!term)
      return {
        term: null,
        userErrors: [
          userError(
            parsed?.type === 'Term' ? 'NOT_FOUND' : 'INVALID_ID',
            `"${truncate(input.termId)}" is not the id of a term`,
            ['input', 'termId'],
          ),
        ],
      };
    if (input.targets.length > MAX_TARGETS) {
      return {
        term: null,
        userErrors: [userError('TOO_MANY_TARGETS', `A term has at most ${MAX_TARGETS} targets`, ['input', 'targets'])],
      };
    }
    const codes = [...new Set(input.targets.map((t) => t.indicatorCode))].filter((c) => c.length <= 40);
    const indicators = new Map(
      (codes.length ? await this.ds.getRepository(IndicatorEntity).findBy({ code: In(codes) }) : []).map((i) => [
        i.code,
        i,
      ]),
    );
    const errors: UserError[] = [];
    const seen = new Map<string, number>();
    const rows = input.targets.map((t, i) => {
      const at = (f: string) => ['input', 'targets', String(i), f];
      const indicator = indicators.get(t.indicatorCode);
      const period = tryParsePeriod(t.period);
      if (!indicator)
        errors.push(
          userError('UNKNOWN_INDICATOR', `No indicator has code "${truncate(t.indicatorCode)}"`, at('indicatorCode')),
        );
      if (!period)
        errors.push(
          userError('INVALID_PERIOD', `"${truncate(t.period)}" is not a period: ${PERIOD_HELP}`, at('period')),
        );
      else if (period.startYear < term.startYear || period.endYear > term.endYear) {
        errors.push(
          userError(
            'PERIOD_OUTSIDE_TERM',
            `${period.text} is outside the term ${term.startYear}–${term.endYear}`,
            at('period'),
          ),
        );
      }
      const problem = checkValue(t.value, indicator);
      if (problem) errors.push(userError(problem.code, problem.message, at('value')));
      if (!COMPARATORS.includes(t.comparator))
        errors.push(userError('INVALID_COMPARATOR', 'comparator must be AT_LEAST or AT_MOST', at('comparator')));
      if (t.note && t.note.length > 2000)
        errors.push(userError('TEXT_TOO_LONG', 'note must have at most 2000 characters', at('note')));
      const key = `${indicator?.id}|${period?.text}`;
      if (indicator && period && seen.has(key)) {
        errors.push(
          userError(
            'DUPLICATE_TARGET',
            `Targets ${seen.get(key)} and ${i} are both for ${indicator.code} at ${period.text}`,
            at('period'),
          ),
        );
      }
      seen.set(key, i);
      return {
        indicatorId: indicator?.id ?? 0,
        period: period?.text ?? '',
        value: roundValue(Number(t.value)),
        comparator: t.comparator,
        note: t.note || null,
      };
    });
    if (errors.length) return { term: null, userErrors: errors };
    requireWriteScope(v, (await loadScopedUnitById(this.ds, term.unitId))!, 'set targets');

    return writeTransaction(this.ds, async (em) => {
      const repo = em.getRepository(TargetEntity);
      const before = await repo.findBy({ termId: term.id });
      const old = new Map(before.map((t) => [`${t.indicatorId}|${t.period}`, t]));
      const keep = new Set<number>();
      const saved = rows.map((r) => {
        const existing = old.get(`${r.indicatorId}|${r.period}`);
        if (existing) keep.add(existing.id);
        return repo.create({ ...r, id: existing?.id, termId: term.id });
      });
      const gone = before.filter((t) => !keep.has(t.id)).map((t) => t.id);
      if (gone.length) await repo.delete({ id: In(gone) });
      await repo.save(saved, { chunk: 200 });
      const show = (t: {
        indicatorId: number;
        period: string;
        value: number;
        comparator: string;
        note: string | null;
      }) => ({ indicatorId: t.indicatorId, period: t.period, value: t.value, comparator: t.comparator, note: t.note });
      await recordAudit(em, {
        actor: v.name,
        action: 'TARGETS_SET',
        entityType: 'Term',
        entityId: term.id,
        detail: { before: before.map(show), after: rows.map(show) },
      });
      await recordChanges(em, [{ kind: 'TERM', action: 'SET_TARGETS', unitId: term.unitId, refId: term.id }], v.name);
      return { term: presentTerm(term), userErrors: [] };
    });
  }
}
