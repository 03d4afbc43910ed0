import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ChangeActionValue, ChangeKindValue } from '../db/change-log';
import { PageInfo } from '../common/connection';
import { ObservationStatus } from '../observations/observation.types';

export enum ChangeKind {
  OBSERVATION = 'OBSERVATION',
  PERIOD_LOCK = 'PERIOD_LOCK',
  TERM = 'TERM',
  INDICATOR = 'INDICATOR',
  UNIT = 'UNIT',
}
registerEnumType(ChangeKind, {
  name: 'ChangeKind',
  description: 'What a change entry is about',
  valuesConfig: {
    OBSERVATION: { description: 'A value created, updated or deleted (by a push)' },
    PERIOD_LOCK: { description: 'A period of a unit approved or unapproved' },
    TERM: { description: 'A congress term created, or its targets replaced' },
    INDICATOR: { description: 'An indicator added to the catalogue' },
    UNIT: {
      description:
        'An administrative unit created (CREATE), ended or renamed (UPDATE) by a reorganisation loaded with `units import`',
    },
  },
});

export enum ChangeAction {
  CREATE = 'CREATE',
  UPDATE = 'UPDATE',
  DELETE = 'DELETE',
  APPROVE = 'APPROVE',
  UNAPPROVE = 'UNAPPROVE',
  SET_TARGETS = 'SET_TARGETS',
}
registerEnumType(ChangeAction, {
  name: 'ChangeAction',
  description:
    'What happened: CREATE/UPDATE/DELETE (observations, terms, indicators), APPROVE/UNAPPROVE (period locks), SET_TARGETS (terms)',
});

// The two type lists must agree with db/change-log.ts.
const kinds: Record<ChangeKindValue, ChangeKind> = ChangeKind;
const actions: Record<ChangeActionValue, ChangeAction> = ChangeAction;
export const toKind = (k: string) => kinds[k as ChangeKindValue];
export const toAction = (a: string) => actions[a as ChangeActionValue];

@ObjectType({
  description:
    'One change, in commit order. OBSERVATION: the key, the version written and the value after it (value null and action DELETE: a tombstone; the version is the deleting one). PERIOD_LOCK: unit and period. TERM: termId and unit. INDICATOR: indicatorId and indicatorCode. UNIT: the unit (read it, with its dates and lineage, by unitId)',
})
export class ChangeEntry {
  @Field({ description: 'Pass as `after` to read the changes after this one' })
  cursor: string;

  @Field(() => Float, { description: 'The commit sequence of the transaction (1, 2, 3, … in commit order, no gaps)' })
  sequence: number;

  @Field(() => Int, { description: 'Position of the change within its transaction (from 0)' })
  position: number;

  @Field({ description: 'When the transaction committed (server clock, for display only; order by cursor)' })
  committedAt: Date;

  @Field(() => String, { nullable: true, description: 'Who wrote it (token name)' })
  changedBy: string | null;

  @Field(() => ChangeKind)
  kind: ChangeKind;

  @Field(() => ChangeAction)
  action: ChangeAction;

  @Field(() => ID, { nullable: true, description: "The unit's id (AdminUnit.id)" })
  unitId: string | null;

  @Field(() => String, { nullable: true })
  unitCode: string | null;

  @Field(() => ID, { nullable: true, description: 'INDICATOR entries: the indicator (Indicator.id)' })
  indicatorId: string | null;

  @Field(() => String, { nullable: true })
  indicatorCode: string | null;

  @Field(() => String, { nullable: true })
  period: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'OBSERVATION: the version written (for DELETE, the deleting version)',
  })
  version: number | null;

  @Field(() => Float, { nullable: true, description: 'OBSERVATION: the value after the change; null for DELETE' })
  value: number | null;

  @Field(() => ObservationStatus, { nullable: true })
  status: ObservationStatus | null;

  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => ID, { nullable: true, description: 'TERM entries: the term (Term.id)' })
  termId: string | null;
}

@ObjectType({ description: 'A page of the change feed' })
export class ChangeConnection {
  @Field(() => [ChangeEntry])
  nodes: ChangeEntry[];

  @Field(() => PageInfo, {
    description:
      'endCursor: store it and pass it as `after` next time (the same cursor when the page is empty); hasNextPage: more changes are already committed',
  })
  pageInfo: PageInfo;
}
