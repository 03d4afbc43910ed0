import { Field, ObjectType } from 'type-graphql';

/** A business error of a mutation, returned as data: `code` is machine-readable, `field` the input path. */
@ObjectType()
export class UserError {
  @Field()
  code: string;

  @Field(() => [String], { nullable: true, description: 'Path of the offending input field, e.g. ["input", "targets", "3", "period"]' })
  field: string[] | null;

  @Field()
  message: string;
}

export const userError = (code: string, message: string, field: (string | number)[] | null = null): UserError => ({
  code,
  message,
  field: field ? field.map(String) : null,
});
