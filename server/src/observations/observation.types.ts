import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import { DateTimeResolver } from 'graphql-scalars';
import { toGlobalId } from '../common/global-id';
import { Node } from '../common/node.type';
import type { ObservationRevisionEntity } from './observation-revision.entity';
import type { ObservationEntity } from './observation.entity';

import { ObservationStatus } from '../../../schema/contract/outcomes';

export { ObservationStatus };
registerEnumType(ObservationStatus, {
  name: 'ObservationStatus',
  description: 'ước đạt · sơ bộ · chính thức · dự báo',
});

export enum Boundaries {
  AS_REPORTED = 'AS_REPORTED',
  CURRENT = 'CURRENT',
}
registerEnumType(Boundaries, {
  name: 'Boundaries',
  description:
    "AS_REPORTED: values as the units that existed then reported them. CURRENT: on the boundaries of a date (`on`, default today): values of units that have since merged are combined into the units that succeeded them by each indicator's aggregation rule",
});

/** The one current value of a unit × indicator × period (or, with boundaries CURRENT, one derived from predecessors). */
// Plain fields resolve by property access (no type-graphql wrapper per field: a page reads thousands).
@ObjectType({ implements: Node, simpleResolvers: true })
export class Observation extends Node {
  @Field({ description: 'Canonical period: 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023' })
  period: string;

  @Field(() => Float)
  value: number;

  @Field(() => ObservationStatus)
  status: ObservationStatus;

  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => Int, { description: 'Increases with every write; send it back as baseVersion' })
  version: number;

  @Field(() => DateTimeResolver)
  updatedAt: Date;

  @Field(() => String, { nullable: true })
  updatedBy: string | null;

  @Field({
    description:
      'True for a value combined from the units this one succeeded (boundaries CURRENT): computed, not stored, read-only (version 0, no revisions; `node` does not resolve its id)',
  })
  derived: boolean;

  @Field({
    description:
      'False when a derived value is an approximation: a predecessor went into this unit only in part, or a predecessor has no value (or weight) at the period. Always true for a stored value',
  })
  complete: boolean;

  /** Units whose values a derived value combines (see `contributors`); empty for a stored value. */
  contributorIds: number[];
  localId: number;
  unitId: number;
  indicatorId: number;
  startMonth: number;
  endMonth: number;
}

@ObjectType({ description: 'One write to an observation: what it became, when, by whom, in which batch' })
export class ObservationRevision {
  @Field(() => Int)
  version: number;

  @Field(() => Float, { nullable: true, description: 'The value after this write; null when the write deleted it' })
  value: number | null;

  @Field(() => Float, { nullable: true, description: 'The value before this write; null when it created it' })
  previousValue: number | null;

  @Field({ description: 'CREATE, UPDATE or DELETE' })
  action: string;

  @Field(() => ObservationStatus)
  status: ObservationStatus;

  @Field(() => String, { nullable: true })
  source: string | null;

  @Field(() => String, { nullable: true })
  note: string | null;

  @Field(() => DateTimeResolver)
  changedAt: Date;

  @Field(() => String, { nullable: true })
  changedBy: string | null;

  @Field(() => ID, { nullable: true })
  batchId: string | null;
}

/** One stored value's identity: unit × indicator × period. */
export interface ObservationKey {
  unitId: number;
  indicatorId: number;
  period: string;
}

/** An ObservationKey as a Map or cache key (the push path keys its maps by it too). */
export const observationKey = (unitId: number, indicatorId: number, period: string) =>
  `${unitId}|${indicatorId}|${period}`;
export const keyText = (k: ObservationKey) => observationKey(k.unitId, k.indicatorId, k.period);

export function presentObservation(e: ObservationEntity): Observation {
  return {
    __typename: 'Observation',
    id: toGlobalId('Observation', e.id),
    localId: e.id,
    unitId: e.unitId,
    indicatorId: e.indicatorId,
    period: e.period,
    startMonth: e.startMonth,
    endMonth: e.endMonth,
    value: e.value,
    status: e.status as ObservationStatus,
    source: e.source,
    note: e.note,
    version: e.version,
    updatedAt: e.updatedAt,
    updatedBy: e.updatedBy,
    derived: false,
    complete: true,
    contributorIds: [],
  } as Observation;
}

/** An observation row read raw (column names as stored): the lean read path presents these without entities. */
export interface ObservationRow {
  id: number;
  unit_id: number;
  indicator_id: number;
  period: string;
  start_month: number;
  end_month: number;
  value: string | number;
  status: string;
  source: string | null;
  note: string | null;
  version: number;
  updated_at: Date | string;
  updated_by: string | null;
}

const NO_CONTRIBUTORS: number[] = Object.freeze([]) as unknown as number[];

/**
 * A stored observation presented from a raw row for a page of `observations`: what every row needs
 * is plain fields; the global id is computed only if the query selects it (a getter, so never
 * spread one of these: use presentObservation where an object is copied).
 */
export class StoredObservation implements Omit<Observation, 'id'> {
  declare readonly __typename: 'Observation';
  readonly derived = false;
  readonly complete = true;
  readonly contributorIds = NO_CONTRIBUTORS;
  readonly localId: number;
  readonly unitId: number;
  readonly indicatorId: number;
  readonly period: string;
  readonly startMonth: number;
  readonly endMonth: number;
  readonly value: number;
  readonly status: ObservationStatus;
  readonly source: string | null;
  readonly note: string | null;
  readonly version: number;
  readonly updatedAt: Date;
  readonly updatedBy: string | null;

  constructor(r: ObservationRow, updatedAt: Date) {
    this.localId = Number(r.id);
    this.unitId = Number(r.unit_id);
    this.indicatorId = Number(r.indicator_id);
    this.period = r.period;
    this.startMonth = Number(r.start_month);
    this.endMonth = Number(r.end_month);
    this.value = Number(r.value);
    this.status = r.status as ObservationStatus;
    this.source = r.source;
    this.note = r.note;
    this.version = Number(r.version);
    this.updatedAt = updatedAt;
    this.updatedBy = r.updated_by;
  }

  get id(): string {
    return toGlobalId('Observation', this.localId);
  }
}
Object.defineProperty(StoredObservation.prototype, '__typename', { value: 'Observation' });

export function presentRevision(e: ObservationRevisionEntity): ObservationRevision {
  return {
    version: e.version,
    value: e.value,
    previousValue: e.previousValue,
    action: e.action,
    status: e.status as ObservationStatus,
    source: e.source,
    note: e.note,
    changedAt: e.changedAt,
    changedBy: e.changedBy,
    batchId: e.batchId,
  };
}
