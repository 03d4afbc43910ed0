import { Field, Float, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { CELL_FUNCTIONS, type CellFunction as CellFunctionValue } from '../../../schema/contract/cells';

/** The contract's cell functions as a GraphQL enum (VALUE, TARGET, PROGRESS, RANK). */
export const CellFunction = Object.fromEntries(CELL_FUNCTIONS.map((f) => [f, f])) as {
  [K in CellFunctionValue]: K;
};
registerEnumType(CellFunction, {
  name: 'CellFunction',
  description:
    "What a cell asks: VALUE a reported value (CHITIEU.GIATRI), TARGET a term's target (CHITIEU.MUCTIEU), PROGRESS its progress ratio (CHITIEU.TYLEDAT), RANK the unit's rank in its province (CHITIEU.XEPHANG)",
});

@InputType({ description: 'One spreadsheet cell: a function and its arguments' })
export class CellQuery {
  @Field(() => CellFunction)
  function: CellFunctionValue;

  @Field({
    description:
      'Unit code ("16", "392", "14758"), resolved on the period\'s last day (VALUE, RANK) or by the term (TARGET, PROGRESS)',
  })
  unitCode: string;

  @Field()
  indicatorCode: string;

  @Field(() => String, { nullable: true, description: 'VALUE and RANK: the period (2024, 2024-H1, 2021..2023, …)' })
  period?: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'TARGET and PROGRESS: the congress term as its years, "2020-2025"',
  })
  term?: string | null;

  @Field(() => String, { nullable: true, description: 'PROGRESS: as of this period (default: all data)' })
  asOf?: string | null;
}

@ObjectType({ description: "One cell's answer: a value, or the reason there is none" })
export class CellValue {
  @Field(() => Float, { nullable: true })
  value: number | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Why there is no value: UNKNOWN_UNIT, UNKNOWN_INDICATOR, UNIT_INACTIVE, INVALID_PERIOD, INVALID_TERM, UNKNOWN_TERM, NO_TARGET, NO_OBSERVATION, NO_RATIO, NOT_RANKED, INVALID_RANKING_LEVEL',
  })
  code: string | null;

  @Field(() => String, { nullable: true })
  message: string | null;
}
