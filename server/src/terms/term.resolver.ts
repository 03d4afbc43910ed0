import { Arg, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { expectGlobalId } from '../common/global-id';
import { badInput } from '../common/errors';
import { Indicator } from '../indicators/indicator.types';
import { Target, Term } from './term.types';
import { Lifecycle, scoped } from 'tsyringe';
import { TermService } from './term.service';
import { AdminUnitService, isoDate } from '../admin-units/admin-unit.service';
import { DateResolver } from 'graphql-scalars';
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
      'Congress terms; with unitCode, those of the unit with the code on `on` (empty when no unit had it then), or without `on` of every unit that had the code (a commune code reused on 2025-07-01 names the old and the new commune; 37 old and merged Ninh Bình), newest first',
    complexity: listOf(10),
  })
  async terms(
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
    @Arg('on', () => DateResolver, { nullable: true, description: 'The day unitCode is resolved on' })
    on?: Date | null,
  ): Promise<Term[]> {
    if (unitCode === null || unitCode === undefined) return this.termsService.list(null);
    const units = await this.units.allByCode(unitCode);
    if (!units.length) throw badInput('UNKNOWN_UNIT', `No unit has code "${unitCode}"`, ['unitCode']);
    if (!on) return this.termsService.list(units.map((u) => u.localId));
    const unit = await this.units.byCodeAt(unitCode, isoDate(on));
    return unit ? this.termsService.list([unit.localId]) : [];
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
