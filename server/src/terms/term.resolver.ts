import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { AdminUnit } from '../admin-units/admin-unit.types';
import { expectGlobalId } from '../common/global-id';
import { badInput } from '../common/errors';
import type { Context } from '../graphql/context';
import { Indicator } from '../indicators/indicator.types';
import { Target, Term } from './term.types';

@Resolver(() => Term)
export class TermResolver {
  @Query(() => [Term], { description: 'Congress terms, of one unit when unitCode is given' })
  async terms(@Ctx() ctx: Context, @Arg('unitCode', () => String, { nullable: true }) unitCode?: string | null): Promise<Term[]> {
    if (unitCode === null || unitCode === undefined) return ctx.services.terms.list(null);
    const unit = await ctx.services.units.byCode(unitCode);
    if (!unit) throw badInput('UNKNOWN_UNIT', `No unit has code "${unitCode}"`, ['unitCode']);
    return ctx.services.terms.list(unit.localId);
  }

  @Query(() => Term, { nullable: true })
  term(@Ctx() ctx: Context, @Arg('id', () => ID) id: string): Promise<Term | null> {
    return ctx.loaders.term.load(expectGlobalId(id, 'Term'));
  }

  @FieldResolver(() => AdminUnit)
  async unit(@Root() t: Term, @Ctx() ctx: Context): Promise<AdminUnit> {
    return (await ctx.loaders.unit.load(t.unitId))!;
  }

  @FieldResolver(() => [Target], { description: 'The resolution\'s targets for this term' })
  targets(@Root() t: Term, @Ctx() ctx: Context): Promise<Target[]> {
    return ctx.loaders.targetsByTerm.load(t.localId);
  }
}

@Resolver(() => Target)
export class TargetResolver {
  @FieldResolver(() => Term)
  async term(@Root() t: Target, @Ctx() ctx: Context): Promise<Term> {
    return (await ctx.loaders.term.load(t.termId))!;
  }

  @FieldResolver(() => Indicator)
  async indicator(@Root() t: Target, @Ctx() ctx: Context): Promise<Indicator> {
    return (await ctx.loaders.indicator.load(t.indicatorId))!;
  }
}
