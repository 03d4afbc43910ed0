import { Arg, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import { Term } from '../terms/term.types';
import { isoDate } from './admin-unit.service';
import { AdminLevel, AdminUnit, Commune, District, LinkKind, Province, UnitLink } from './admin-unit.types';
import { Lifecycle, scoped } from 'tsyringe';
import { AdminUnitService, type LinkTo } from './admin-unit.service';
import { AdminUnitLoaders } from './admin-unit.loaders';
import { TermLoaders } from '../terms/term.loaders';
import { listOf, pageOf, searchScan } from '../common/complexity';

const dayOf = (on?: Date | null) => isoDate(on ?? new Date());

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  constructor(
    private readonly units: AdminUnitService,
    private readonly unitLoaders: AdminUnitLoaders,
    private readonly termLoaders: TermLoaders,
  ) {}

  @Query(() => [Province], {
    description: 'The provinces that existed on `on` (default: today), by code: 34 since 2025-07-01, 63 before',
    complexity: listOf(63),
  })
  provinces(@Arg('on', () => DateResolver, { nullable: true }) on?: Date | null): Promise<AdminUnit[]> {
    return this.units.provinces(dayOf(on));
  }

  @Query(() => Province, {
    nullable: true,
    description: 'The province that had this code on `on` (default: today); a code can name different units over time',
  })
  province(
    @Arg('code', () => String) code: string,
    @Arg('on', () => DateResolver, { nullable: true }) on?: Date | null,
  ): Promise<AdminUnit | null> {
    return this.units.byCodeOn(code, 'PROVINCE', dayOf(on));
  }

  @Query(() => District, {
    nullable: true,
    description: 'The district that had this code on `on` (default: today; districts were abolished on 2025-07-01)',
  })
  district(
    @Arg('code', () => String) code: string,
    @Arg('on', () => DateResolver, { nullable: true }) on?: Date | null,
  ): Promise<AdminUnit | null> {
    return this.units.byCodeOn(code, 'DISTRICT', dayOf(on));
  }

  @Query(() => Commune, {
    nullable: true,
    description: 'The commune that had this code on `on` (default: today); commune codes were reused on 2025-07-01',
  })
  commune(
    @Arg('code', () => String) code: string,
    @Arg('on', () => DateResolver, { nullable: true }) on?: Date | null,
  ): Promise<AdminUnit | null> {
    return this.units.byCodeOn(code, 'COMMUNE', dayOf(on));
  }

  @Query(() => [AdminUnit], {
    description: 'Search ignores Vietnamese diacritics and case: "ha trung" finds "Huyện Hà Trung"',
    complexity: pageOf(searchScan),
  })
  adminUnits(
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('level', () => AdminLevel, { nullable: true }) level?: AdminLevel | null,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
    @Arg('on', () => DateResolver, {
      nullable: true,
      description:
        'Only units that existed on this date (and provinceCode resolved on it); omitted: units of every date',
    })
    on?: Date | null,
  ): Promise<AdminUnit[]> {
    return this.units.search({ search, level, provinceCode, first, on: on ? isoDate(on) : null });
  }

  @FieldResolver(() => [Term], {
    description:
      "The unit's congress terms, newest first: a province's, a district's (ended 2025) or a commune's (a commune formed on 2025-07-01 starts with congress I)",
    complexity: listOf(10),
  })
  terms(@Root() u: AdminUnit): Promise<Term[]> {
    return this.termLoaders.byUnit.load(u.localId);
  }

  @FieldResolver(() => [UnitLink], { complexity: listOf(10) })
  async predecessors(@Root() u: AdminUnit): Promise<UnitLink[]> {
    return this.present(await this.unitLoaders.predecessors.load(u.localId));
  }

  @FieldResolver(() => [UnitLink], { complexity: listOf(10) })
  async successors(@Root() u: AdminUnit): Promise<UnitLink[]> {
    const links =
      u.level === AdminLevel.DISTRICT
        ? this.unitLoaders.districtSuccessors.load(u.localId)
        : this.unitLoaders.successors.load(u.localId);
    return this.present(await links);
  }

  private async present(links: LinkTo[]): Promise<UnitLink[]> {
    const units = await this.unitLoaders.byId.loadMany(links.map((l) => l.unitId));
    return links.map((l, i) => ({ unit: units[i] as AdminUnit, kind: l.kind as LinkKind, date: l.date }));
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

  @FieldResolver(() => [Commune], {
    description:
      "Communes that existed on activeOn (default: today): the province's own since 2025-07-01, its districts' before",
    complexity: listOf(200),
  })
  communes(
    @Root() p: AdminUnit,
    @Arg('activeOn', () => DateResolver, { nullable: true }) activeOn?: Date | null,
  ): Promise<AdminUnit[]> {
    return this.unitLoaders.communes.load({ parentId: p.localId, activeOn: isoDate(activeOn ?? new Date()) });
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => District)
export class DistrictResolver {
  constructor(private readonly unitLoaders: AdminUnitLoaders) {}

  @FieldResolver(() => Province)
  async province(@Root() d: AdminUnit): Promise<AdminUnit> {
    return (await this.unitLoaders.byId.load(d.parentId!))!;
  }

  @FieldResolver(() => [Commune], {
    description: "The district's communes (they ended with it)",
    complexity: listOf(40),
  })
  communes(@Root() d: AdminUnit): Promise<AdminUnit[]> {
    return this.unitLoaders.communes.load({ parentId: d.localId, activeOn: null });
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Commune)
export class CommuneResolver {
  constructor(private readonly unitLoaders: AdminUnitLoaders) {}

  @FieldResolver(() => District, { nullable: true, description: 'The district it belonged to (null after 2025-07-01)' })
  async district(@Root() c: AdminUnit): Promise<AdminUnit | null> {
    const parent = await this.unitLoaders.byId.load(c.parentId!);
    return parent?.level === AdminLevel.DISTRICT ? parent : null;
  }

  @FieldResolver(() => Province, { description: 'Its province (through its district before 2025-07-01)' })
  async province(@Root() c: AdminUnit): Promise<AdminUnit> {
    const parent = (await this.unitLoaders.byId.load(c.parentId!))!;
    return parent.level === AdminLevel.PROVINCE ? parent : (await this.unitLoaders.byId.load(parent.parentId!))!;
  }
}
