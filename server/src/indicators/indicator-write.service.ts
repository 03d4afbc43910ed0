import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';
import { recordAudit } from '../audit/audit.service';
import type { Viewer } from '../auth/auth.types';
import { requireAdmin } from '../auth/scope';
import { foldForSearch } from '../common/text';
import { recordChanges } from '../db/change-log';
import { writeTransaction } from '../db/write-transaction';
import { userError, type UserError } from '../common/user-error.type';
import { IndicatorEntity } from './indicator.entity';
import type { CreateIndicatorInput, IndicatorPayload } from './indicator.inputs';
import { presentIndicator } from './indicator.types';
import { checkValue } from './measure';

const CODE = /^[A-Za-z0-9_.-]{1,40}$/;
const DIRECTIONS = ['HIGHER_IS_BETTER', 'LOWER_IS_BETTER'];

/** Adds indicators to the catalogue (ADMIN only: the catalogue is shared by every province). */
@injectable()
export class IndicatorWriteService {
  constructor(private readonly ds: DataSource) {}

  async create(viewer: Viewer | null, input: CreateIndicatorInput): Promise<IndicatorPayload> {
    const errors: UserError[] = [];
    const field = (f: string) => ['input', f];
    const text = (f: 'name' | 'unit' | 'category', value: string, max: number) => {
      const t = value.trim();
      if (t.length === 0 || t.length > max)
        errors.push(userError('INVALID_TEXT', `${f} must have 1 to ${max} characters`, field(f)));
      return t;
    };
    if (!CODE.test(input.code))
      errors.push(userError('INVALID_CODE', 'code must be 1 to 40 letters, digits, "_", "-" or "."', field('code')));
    const name = text('name', input.name, 300);
    const unit = text('unit', input.unit, 60);
    const category = text('category', input.category, 100);
    if (!DIRECTIONS.includes(input.direction))
      errors.push(userError('INVALID_DIRECTION', `direction must be ${DIRECTIONS.join(' or ')}`, field('direction')));
    const decimals = input.decimals ?? 2;
    if (!Number.isInteger(decimals) || decimals < 0 || decimals > 6)
      errors.push(userError('INVALID_DECIMALS', 'decimals must be a whole number from 0 to 6', field('decimals')));
    const description = input.description?.trim() || null;
    if (description && description.length > 2000)
      errors.push(userError('TEXT_TOO_LONG', 'description must have at most 2000 characters', field('description')));
    for (const f of ['minValue', 'maxValue'] as const) {
      const problem = input[f] === null || input[f] === undefined ? null : checkValue(input[f]);
      if (problem) errors.push(userError(problem.code, `${f}: ${problem.message}`, field(f)));
    }
    const minValue = input.minValue ?? null;
    const maxValue = input.maxValue ?? null;
    if (minValue !== null && maxValue !== null && minValue > maxValue)
      errors.push(userError('INVALID_RANGE', 'minValue must not be above maxValue', field('minValue')));
    const aggregation = input.aggregation ?? 'NONE';
    const weightCode = input.weightIndicatorCode?.trim() || null;
    if (aggregation === 'WEIGHTED_MEAN' && !weightCode)
      errors.push(
        userError('INVALID_AGGREGATION', 'WEIGHTED_MEAN needs weightIndicatorCode', field('weightIndicatorCode')),
      );
    if (aggregation !== 'WEIGHTED_MEAN' && weightCode)
      errors.push(
        userError('INVALID_AGGREGATION', `${aggregation} takes no weight indicator`, field('weightIndicatorCode')),
      );
    if (errors.length) return { indicator: null, userErrors: errors };

    const admin = requireAdmin(viewer, 'add indicators to the catalogue');
    return writeTransaction(this.ds, async (em) => {
      const repo = em.getRepository(IndicatorEntity);
      if (await repo.existsBy({ code: input.code })) {
        return {
          indicator: null,
          userErrors: [
            userError('ALREADY_EXISTS', `An indicator with code ${input.code} already exists`, field('code')),
          ],
        };
      }
      const weight = weightCode ? await repo.findOneBy({ code: weightCode }) : null;
      if (weightCode && !weight) {
        const e = userError('UNKNOWN_INDICATOR', `No indicator has code ${weightCode}`, field('weightIndicatorCode'));
        return { indicator: null, userErrors: [e] };
      }
      if (weight && weight.aggregation !== 'SUM') {
        const e = userError(
          'INVALID_AGGREGATION',
          `The weight ${weightCode} must itself add up (its rule is ${weight.aggregation}, not SUM)`,
          field('weightIndicatorCode'),
        );
        return { indicator: null, userErrors: [e] };
      }
      const saved = await repo.save(
        repo.create({
          code: input.code,
          name,
          unit,
          direction: input.direction,
          category,
          decimals,
          description,
          searchName: foldForSearch(name),
          minValue,
          maxValue,
          integerOnly: input.integerOnly ?? false,
          aggregation,
          weightIndicatorId: weight?.id ?? null,
        }),
      );
      await recordAudit(em, {
        actor: admin.name,
        action: 'INDICATOR_CREATED',
        entityType: 'Indicator',
        entityId: saved.id,
        detail: { ...input },
      });
      await recordChanges(
        em,
        [{ kind: 'INDICATOR', action: 'CREATE', indicatorId: saved.id, refId: saved.id }],
        admin.name,
      );
      return { indicator: presentIndicator(saved), userErrors: [] };
    });
  }
}
