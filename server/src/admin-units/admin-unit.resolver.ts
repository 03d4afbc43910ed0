import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Term } from '../terms/term.types';
import { isoDate } from './admin-unit.service';
import { AdminLevel, AdminUnit, District, Province } from './admin-unit.types';
import { Lifecycle, scoped } from 'tsyringe';
import { AdminUnitService } from './admin-unit.service';
import { AdminUnitLoaders } from './admin-unit.loaders';
import { TermLoaders } from '../terms/term.loaders';
import { listOf, perPage } from '../common/complexity';

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  constructor(private readonly units: AdminUnitService) {}

  @Query(() => [Province], { description: 'All provinces, by code', complexity: listOf(63) })
  provinces(): Promise<AdminUnit[]> {
    return this.units.provinces();
  }

  @Query(() => Province, { nullable: true })
  province(@Arg('code', () => String) code: string): Promise<AdminUnit | null> {
    return this.units.byCode(code, 'PROVINCE');
  }

  @Query(() => District, { nullable: true })
  district(@Arg('code', () => String) code: string): Promise<AdminUnit | null> {
    return this.units.byCode(code, 'DISTRICT');
  }

  @Query(() => [AdminUnit], {
    description: 'Search ignores Vietnamese diacritics and case: "ha trung" finds "Huyện Hà Trung"',
    complexity: perPage,
  })
  adminUnits(
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('level', () => AdminLevel, { nullable: true }) level?: AdminLevel | null,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<AdminUnit[]> {
    return this.units.search({ search, level, provinceCode, first });
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Province)
export class ProvinceResolver {
  constructor(private readonly unitLoaders: AdminUnitLoaders) {}

  @FieldResolver(() => [District], {
    description: 'Districts that existed on activeOn (default: today)',
    complexity: listOf(30),
  })
  districts(
    @Root() p: AdminUnit,
    @Arg('activeOn', () => DateResolver, { nullable: true }) activeOn?: Date | null,
  ): Promise<AdminUnit[]> {
    return this.unitLoaders.districts.load({ provinceId: p.localId, activeOn: isoDate(activeOn ?? new Date()) });
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => District)
export class DistrictResolver {
  constructor(
    private readonly unitLoaders: AdminUnitLoaders,
    private readonly termLoaders: TermLoaders,
  ) {}

  @FieldResolver(() => Province)
  async province(@Root() d: AdminUnit): Promise<AdminUnit> {
    return (await this.unitLoaders.byId.load(d.parentId!))!;
  }

  @FieldResolver(() => [Term], { description: "The unit's congress terms, newest first", complexity: listOf(10) })
  terms(@Root() d: AdminUnit): Promise<Term[]> {
    return this.termLoaders.byUnit.load(d.localId);
  }
}
