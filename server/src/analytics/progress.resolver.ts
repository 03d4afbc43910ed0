import { Arg, FieldResolver, Resolver, Root } from 'type-graphql';
import { parsePeriod } from '../common/period';
import { Target, Term } from '../terms/term.types';
import { scorecardCounts } from './progress';
import { Progress, Scorecard } from './progress.types';
import { Lifecycle, scoped } from 'tsyringe';
import { AnalyticsLoaders } from './analytics.loaders';
import { TermLoaders } from '../terms/term.loaders';

const ASOF_HELP = 'A period (2023, 2023-H1, …): only observations ending by its end count';

/** asOf validated up front, so a bad one is BAD_USER_INPUT / INVALID_PERIOD before anything loads. */
const asOfText = (asOf: string | null | undefined) =>
  asOf === null || asOf === undefined ? null : parsePeriod(asOf, ['asOf']).text;

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Target)
export class TargetProgressResolver {
  constructor(private readonly analyticsLoaders: AnalyticsLoaders) {}

  @FieldResolver(() => Progress, {
    description: 'Progress towards the target (batched: any number of targets in two SQL statements)',
  })
  progress(
    @Root() t: Target,
    @Arg('asOf', () => String, { nullable: true, description: ASOF_HELP }) asOf?: string | null,
  ): Promise<Progress> {
    return this.analyticsLoaders.progress.load({ targetId: t.localId, asOf: asOfText(asOf) });
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Term)
export class TermScorecardResolver {
  constructor(
    private readonly termLoaders: TermLoaders,
    private readonly analyticsLoaders: AnalyticsLoaders,
  ) {}

  @FieldResolver(() => Scorecard, { description: "The term's targets counted by band and forecast outcome" })
  async scorecard(
    @Root() term: Term,
    @Arg('asOf', () => String, { nullable: true, description: ASOF_HELP }) asOf?: string | null,
  ): Promise<Scorecard> {
    const at = asOfText(asOf);
    const targets = await this.termLoaders.targetsByTerm.load(term.localId);
    const items = await Promise.all(
      targets.map((t) => this.analyticsLoaders.progress.load({ targetId: t.localId, asOf: at })),
    );
    return { ...scorecardCounts(items), asOf: at, items };
  }
}
