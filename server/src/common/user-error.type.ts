import { Field, ObjectType } from 'type-graphql';
import type { ReasonCode } from '../../../schema/contract/reasons';

/** A business error of a mutation, returned as data: `code` is machine-readable, `field` the input path. */
@ObjectType()
export class UserError {
  @Field(() => String, { description: 'One of the reason codes listed in docs/api.md' })
  code: ReasonCode;

  @Field(() => [String], {
    nullable: true,
    description: 'Path of the offending input field, e.g. ["input", "targets", "3", "period"]',
  })
  field: string[] | null;

  @Field()
  message: string;
}

export const userError = (code: ReasonCode, message: string, field: (string | number)[] | null = null): UserError => ({
  code,
  message,
  field: field ? field.map(String) : null,
});
