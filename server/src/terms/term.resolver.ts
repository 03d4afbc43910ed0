import { Arg, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { expectGlobalId, fromGlobalId } from '../common/global-id';
import { badInput } from '../common/errors';
import { Indicator } from '../indicators/indicator.types';
import { Target, Term } from './term.types';
import { Lifecycle, scoped } from 'tsyringe';
import { TermService } from './term.service';
import { AdminUnitService } from '../admin-units/admin-unit.service';
import { TermLoaders } from './term.loaders';
import { AdminUnitLoaders } from '../admin-units/admin-unit.loaders';
import { IndicatorLoaders } from '../indicators/indicator.loaders';
import { listOf } from '../common/complexity';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Term)
export class TermResolver {
  constructor(
    private readonly termsService: TermService,
    private readonly units: AdminUnitService,
    private readonly termLoaders: TermLoaders,
    private readonly unitLoaders: AdminUnitLoaders,
  ) {}

  @Query(() => [Term], {
    description:
      'Congress terms: of the unit with unitId when given, else of every unit that ever had unitCode (codes repeat across the 2025 reorganisation), else all',
    complexity: listOf(10),
  })
  async terms(
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
    @Arg('unitId', () => ID, { nullable: true, description: "The unit's global id (AdminUnit.id)" })
    unitId?: string | null,
  ): Promise<Term[]> {
    if (unitId !== null && unitId !== undefined) {
      const id = expectUnitId(unitId, ['unitId']);
      const unit = (await this.units.byIds([id])).get(id);
      if (!unit) throw badInput('UNKNOWN_UNIT', `No unit has id "${unitId}"`, ['unitId']);
      if (unitCode !== null && unitCode !== undefined && unit.code !== unitCode)
        throw badInput('UNIT_MISMATCH', `unitId is ${unit.name} (${unit.code}), not a unit with code "${unitCode}"`, [
          'unitId',
        ]);
      return this.termsService.list([id]);
    }
    if (unitCode === null || unitCode === undefined) return this.termsService.list(null);
    const units = await this.units.requireAllByCodes([unitCode], ['unitCode']);
    return this.termsService.list(units.map((u) => u.localId));
  }

  @Query(() => Term, { nullable: true })
  term(@Arg('id', () => ID) id: string): Promise<Term | null> {
    return this.termLoaders.byId.load(expectGlobalId(id, 'Term'));
  }

  @FieldResolver(() => AdminUnit)
  async unit(@Root() t: Term): Promise<AdminUnit> {
    return (await this.unitLoaders.byId.load(t.unitId))!;
  }

  @FieldResolver(() => [Target], { description: "The resolution's targets for this term", complexity: listOf(30) })
  targets(@Root() t: Term): Promise<Target[]> {
    return this.termLoaders.targetsByTerm.load(t.localId);
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Target)
export class TargetResolver {
  constructor(
    private readonly termLoaders: TermLoaders,
    private readonly indicatorLoaders: IndicatorLoaders,
  ) {}

  @FieldResolver(() => Term)
  async term(@Root() t: Target): Promise<Term> {
    return (await this.termLoaders.byId.load(t.termId))!;
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() t: Target): Promise<Indicator> {
    return (await this.indicatorLoaders.byId.load(t.indicatorId))!;
  }
}

/** The local id of a Province, District or Commune global id, or BAD_USER_INPUT / INVALID_ID. */
function expectUnitId(globalId: string, field: string[]): number {
  const parsed = fromGlobalId(globalId);
  if (!parsed || !['Province', 'District', 'Commune'].includes(parsed.type))
    throw badInput('INVALID_ID', `"${globalId}" is not the id of a province, district or commune`, field);
  return parsed.id;
}
