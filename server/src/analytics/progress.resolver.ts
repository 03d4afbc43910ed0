import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { parsePeriod } from '../common/period';
import type { Context } from '../graphql/context';
import { Target, Term } from '../terms/term.types';
import { progressKey } from './analytics.service';
import { scorecardCounts } from './progress';
import { Progress, Scorecard } from './progress.types';

const ASOF_HELP = 'A period (2023, 2023-H1, …): only observations ending by its end count';

/** asOf validated up front, so a bad one is BAD_USER_INPUT / INVALID_PERIOD before anything loads. */
const asOfText = (asOf: string | null | undefined) => (asOf === null || asOf === undefined ? null : parsePeriod(asOf, ['asOf']).text);

@Resolver(() => Target)
export class TargetProgressResolver {
  @FieldResolver(() => Progress, { description: 'Progress towards the target (batched: any number of targets in two SQL statements)' })
  progress(@Root() t: Target, @Ctx() ctx: Context, @Arg('asOf', () => String, { nullable: true, description: ASOF_HELP }) asOf?: string | null): Promise<Progress> {
    return ctx.loaders.progress.load(progressKey(t.localId, asOfText(asOf)));
  }
}

@Resolver(() => Term)
export class TermScorecardResolver {
  @FieldResolver(() => Scorecard, { description: "The term's targets counted by band and forecast outcome" })
  async scorecard(@Root() term: Term, @Ctx() ctx: Context, @Arg('asOf', () => String, { nullable: true, description: ASOF_HELP }) asOf?: string | null): Promise<Scorecard> {
    const at = asOfText(asOf);
    const targets = await ctx.loaders.targetsByTerm.load(term.localId);
    const items = await Promise.all(targets.map((t) => ctx.loaders.progress.load(progressKey(t.localId, at))));
    return { ...scorecardCounts(items), asOf: at, items };
  }
}
