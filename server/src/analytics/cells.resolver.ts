import { Arg, Query, Resolver } from 'type-graphql';
import { Lifecycle, scoped } from 'tsyringe';
import { CellsService } from './cells.service';
import { CellQuery, CellValue } from './cells.types';
import type { ComplexityEstimator } from 'graphql-query-complexity';

/** Each cell is about one value: 1 plus its selection per cell. */
const perCell: ComplexityEstimator = ({ args, childComplexity }) =>
  1 + (Array.isArray(args.cells) ? args.cells.length : 1) * (1 + childComplexity);

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => CellValue)
export class CellsResolver {
  constructor(private readonly cells: CellsService) {}

  @Query(() => [CellValue], {
    complexity: perCell,
    description:
      "Many spreadsheet cells in one request (the add-in's Excel functions; at most 5,000): one answer per cell, in order. A cell that has no value says why in code and message instead of failing the request",
  })
  cellValues(@Arg('cells', () => [CellQuery]) cells: CellQuery[]): Promise<CellValue[]> {
    return this.cells.evaluate(cells);
  }
}
