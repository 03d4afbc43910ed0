import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { ObservationStatus } from './observation.types';

/** One value to write: the key (unit × indicator × period) and what it should become. */
@InputType()
export class ObservationRowInput {
  @Field()
  unitCode: string;

  @Field(() => ID, {
    nullable: true,
    description:
      "The unit's id (AdminUnit.id), needed when unitCode names two units in the period (37 in 2025: old and merged Ninh Bình); must be a unit with that code",
  })
  unitId?: string | null;

  @Field()
  indicatorCode: string;

  @Field({ description: 'Canonical period: 2023, 2023-H1, 2023-Q3, 2023-07 or 2021..2023' })
  period: string;

  @Field(() => Float, { nullable: true, description: 'null deletes the observation' })
  value?: number | null;

  @Field(() => ObservationStatus, { nullable: true, defaultValue: ObservationStatus.OFFICIAL })
  status?: ObservationStatus | null;

  @Field(() => String, { nullable: true, description: 'At most 500 characters; stored as sent ("" is stored as null)' })
  source?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'At most 2000 characters; stored as sent ("" is stored as null)',
  })
  note?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'The version the client last saw; omit for a value the client believes is new',
  })
  baseVersion?: number | null;
}

@InputType()
export class PushObservationsInput {
  @Field(() => [ObservationRowInput], { description: 'At most 50,000 rows' })
  rows: ObservationRowInput[];

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: false,
    description: 'Report exactly what the push would do, and write nothing',
  })
  dryRun?: boolean | null;

  @Field(() => Boolean, {
    nullable: true,
    defaultValue: true,
    description: 'true: every row or none is written; false: the good rows are written and the others reported',
  })
  atomic?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      "Repeating a push with the same key (same token, same rows) returns the first push's result and writes nothing",
  })
  idempotencyKey?: string | null;
}

@InputType({
  description: 'The rows of a push as a table: `columns` and one array of cells per row (compact, for bulk pushes)',
})
export class PushObservationTableInput {
  @Field(() => [String], {
    description:
      'Column names, each once, from: unitCode, unitId, indicatorCode, period, value, status, source, note, baseVersion (the fields of ObservationRowInput); unitCode, indicatorCode, period and value are required',
  })
  columns: string[];

  @Field(() => JSONResolver, {
    description:
      'At most 50,000 rows, each an array of cells in `columns` order; a null cell is an omitted field. Cells are checked like the fields of pushObservations rows: a cell of the wrong type makes its row INVALID',
  })
  rows: unknown;

  @Field(() => Boolean, { nullable: true, defaultValue: false, description: 'As in pushObservations' })
  dryRun?: boolean | null;

  @Field(() => Boolean, { nullable: true, defaultValue: true, description: 'As in pushObservations' })
  atomic?: boolean | null;

  @Field(() => String, { nullable: true, description: 'As in pushObservations' })
  idempotencyKey?: string | null;
}
