import { Arg, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit, unitLocalId } from '../admin-units/admin-unit.types';
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
      'Congress terms, of one unit when unitId or unitCode is given: the unit with unitId, else the unit with the code on `on` (default: today, or for a code no unit has today the newest that had it; empty when no unit had it on `on`). A code can name several units over time (37: old and merged Ninh Bình; commune codes reused on 2025-07-01): pass unitId, or `on` for an older one',
    complexity: listOf(10),
  })
  async terms(
    @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null,
    @Arg('on', () => DateResolver, { nullable: true, description: 'The day unitCode is resolved on' })
    on?: Date | null,
    @Arg('unitId', () => ID, { nullable: true, description: "The unit's global id (AdminUnit.id); wins over on" })
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
    const day = on ? isoDate(on) : null;
    const unit = await this.units.byCodeAt(unitCode, day);
    if (!unit && (!day || !(await this.units.byCodeAt(unitCode, null))))
      throw badInput('UNKNOWN_UNIT', `No unit has code "${unitCode}"`, ['unitCode']);
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

/** The local id of a Province, District or Commune global id, or BAD_USER_INPUT / INVALID_ID. */
function expectUnitId(globalId: string, field: string[]): number {
  const id = unitLocalId(globalId);
  if (id === null)
    throw badInput('INVALID_ID', `"${globalId}" is not the id of a province, district or commune`, field);
  return id;
}
