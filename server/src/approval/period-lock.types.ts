import { Field, InputType, ObjectType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { UserError } from '../common/user-error.type';

@InputType()
export class PeriodLockInput {
  @Field({ description: 'Province or district code' })
  unitCode: string;

  @Field({
    description: 'The approved period; it locks every period inside it (a year locks its halves, quarters and months)',
  })
  period: string;
}

@ObjectType()
export class PeriodLockPayload {
  @Field()
  unitCode: string;

  @Field()
  period: string;

  @Field({
    description:
      'Whether writes at this unit and period are locked after the mutation (also true when an enclosing period is approved)',
  })
  locked: boolean;

  @Field(() => DateTimeResolver, { nullable: true, description: 'When this exact period was approved' })
  lockedAt: Date | null;

  @Field(() => String, { nullable: true })
  lockedBy: string | null;

  @Field(() => [UserError])
  userErrors: UserError[];
}

@ObjectType({ description: 'An approved period of a unit: values inside it are read-only until unapproved' })
export class PeriodLock {
  @Field()
  unitCode: string;

  @Field()
  period: string;

  @Field(() => DateTimeResolver)
  lockedAt: Date;

  @Field(() => String, { nullable: true })
  lockedBy: string | null;
}
