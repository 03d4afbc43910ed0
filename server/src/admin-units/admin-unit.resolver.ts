import { Arg, Ctx, FieldResolver, Int, Query, Resolver, Root } from 'type-graphql';
import { DateResolver } from 'graphql-scalars';
import type { Context } from '../graphql/context';
import { Term } from '../terms/term.types';
import { isoDate } from './admin-unit.service';
import { AdminLevel, AdminUnit, District, Province } from './admin-unit.types';

@Resolver(() => AdminUnit)
export class AdminUnitResolver {
  @Query(() => [Province], { description: 'All provinces, by code' })
  provinces(@Ctx() ctx: Context): Promise<AdminUnit[]> {
    return ctx.services.units.provinces();
  }

  @Query(() => Province, { nullable: true })
  province(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<AdminUnit | null> {
    return ctx.services.units.byCode(code, 'PROVINCE');
  }

  @Query(() => District, { nullable: true })
  district(@Ctx() ctx: Context, @Arg('code', () => String) code: string): Promise<AdminUnit | null> {
    return ctx.services.units.byCode(code, 'DISTRICT');
  }

  @Query(() => [AdminUnit], { description: 'Search ignores Vietnamese diacritics and case: "ha trung" finds "Huyện Hà Trung"' })
  adminUnits(
    @Ctx() ctx: Context,
    @Arg('search', () => String, { nullable: true }) search?: string | null,
    @Arg('level', () => AdminLevel, { nullable: true }) level?: AdminLevel | null,
    @Arg('provinceCode', () => String, { nullable: true }) provinceCode?: string | null,
    @Arg('first', () => Int, { defaultValue: 50 }) first = 50,
  ): Promise<AdminUnit[]> {
    return ctx.services.units.search({ search, level, provinceCode, first });
  }
}

@Resolver(() => Province)
export class ProvinceResolver {
  @FieldResolver(() => [District], { description: 'Districts that existed on activeOn (default: today)' })
  districts(
    @Root() p: AdminUnit,
    @Ctx() ctx: Context,
    @Arg('activeOn', () => DateResolver, { nullable: true }) activeOn?: Date | null,
  ): Promise<AdminUnit[]> {
    return ctx.loaders.districts.load(`${p.localId}|${isoDate(activeOn ?? new Date())}`);
  }
}

@Resolver(() => District)
export class DistrictResolver {
  @FieldResolver(() => Province)
  async province(@Root() d: AdminUnit, @Ctx() ctx: Context): Promise<AdminUnit> {
    return (await ctx.loaders.unit.load(d.parentId!))!;
  }

  @FieldResolver(() => [Term], { description: "The unit's congress terms, newest first" })
  terms(@Root() d: AdminUnit, @Ctx() ctx: Context): Promise<Term[]> {
    return ctx.loaders.termsByUnit.load(d.localId);
  }
}
