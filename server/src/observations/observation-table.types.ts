import { Field, ObjectType } from 'type-graphql';
import { JSONResolver } from 'graphql-scalars';
import { OBSERVATION_TABLE_COLUMNS } from '../../../schema/contract/observation-table';
import { PageInfo } from '../common/connection';

export { OBSERVATION_TABLE_COLUMNS };

export type ObservationTableRow = [
  string,
  string,
  string,
  number,
  string,
  string | null,
  string | null,
  number,
  string,
  string | null,
  string,
  boolean,
  boolean,
  string | null,
];

/**
 * The same observations as the `observations` connection in a compact encoding: one array per row in
 * `columns` order. For bulk pulls (the add-in, exports): a 25,000-row province serialises as plain JSON
 * instead of resolving 250,000 GraphQL fields.
 */
@ObjectType({ description: 'Observations as rows of values in `columns` order (compact encoding for bulk pulls)' })
export class ObservationTable {
  @Field(() => [String], {
    description:
      'unitCode, indicatorCode, period, value, status, source, note, version, updatedAt, updatedBy, unitId, derived, complete, contributors',
  })
  columns: string[];

  @Field(() => JSONResolver, { description: 'Array of rows; each row is an array in `columns` order' })
  rows: ObservationTableRow[];

  @Field(() => PageInfo)
  pageInfo: PageInfo;

  totalCount: number;

  count: () => Promise<number>;
}
