import type { ReasonCode } from '../../../schema/contract/reasons';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { UserError } from '../common/user-error.type';
import { Observation } from './observation.types';

import { REJECTING_OUTCOMES, RowOutcome, WRITING_OUTCOMES } from '../../../schema/contract/outcomes';

export { RowOutcome };
registerEnumType(RowOutcome, {
  name: 'RowOutcome',
  description:
    'CREATED, UPDATED, DELETED, UNCHANGED: written (or, in a dry run or a refused atomic push, would be); the others are rejections',
});

export const REJECTIONS = REJECTING_OUTCOMES;
export const WRITES = WRITING_OUTCOMES;

// Plain fields read by property (no type-graphql wrapper per field: a push answers up to 50,000 rows).
@ObjectType({ description: 'What happened to one input row', simpleResolvers: true })
export class RowResult {
  @Field(() => Int, { description: 'Position of the row in input.rows (from 0)' })
  index: number;

  @Field(() => RowOutcome)
  outcome: RowOutcome;

  @Field(() => Observation, {
    nullable: true,
    description:
      'The stored observation after this push: for CREATED, UPDATED and UNCHANGED rows that were written or are unchanged',
  })
  observation: Observation | null;

  @Field(() => Observation, {
    nullable: true,
    description:
      'The stored observation this row was checked against, when the row was not written (CONFLICT, LOCKED, FORBIDDEN, a dry run, a refused atomic push)',
  })
  current: Observation | null;

  @Field(() => String, {
    nullable: true,
    description: 'Machine-readable reason, e.g. STALE_VERSION, ALREADY_EXISTS, INVALID_PERIOD, OUT_OF_SCOPE',
  })
  code: ReasonCode | null;

  @Field(() => String, { nullable: true })
  message: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'The input field at fault for INVALID rows (unitCode, period, value, note, …)',
  })
  field: string | null;
}

@ObjectType({ simpleResolvers: true })
export class PushObservationsPayload {
  @Field(() => ID, {
    nullable: true,
    description:
      'The batch the revisions of this push carry; set when something was written (or, in a dry run, would be)',
  })
  batchId: string | null;

  @Field({
    description: 'false when nothing was written because of dryRun or because an atomic push had a rejected row',
  })
  applied: boolean;

  @Field()
  dryRun: boolean;

  @Field({ description: 'true when this is the stored result of an earlier push with the same idempotencyKey' })
  replayed: boolean;

  @Field(() => Int)
  created: number;

  @Field(() => Int)
  updated: number;

  @Field(() => Int)
  deleted: number;

  @Field(() => Int)
  unchanged: number;

  @Field(() => Int, { description: 'Rows with outcome CONFLICT, INVALID, LOCKED or FORBIDDEN' })
  rejected: number;

  @Field(() => [RowResult], { description: 'One per input row, in input order' })
  rows: RowResult[];

  @Field(() => [UserError])
  userErrors: UserError[];
}
