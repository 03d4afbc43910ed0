import { Arg, FieldResolver, registerEnumType, Resolver, Root } from 'type-graphql';
import { Lifecycle, scoped } from 'tsyringe';
import { listOf } from '../common/complexity';
import { IndicatorLoaders } from '../indicators/indicator.loaders';
import { Scorecard } from './progress.types';
import { RankedValue } from './ranking.types';
import { Language } from './sentences/format';
import { rankingSentence } from './sentences/ranking';
import { summarySentences, type SummaryItem } from './sentences/summary';

registerEnumType(Language, {
  name: 'Language',
  description: 'The language of generated text: VI tiếng Việt (40,7%), EN English (40.7%)',
});

const LANGUAGE_ARG = { nullable: true, defaultValue: Language.VI, description: 'VI (the default) or EN' };

/** The report sentences of a scorecard: thin, over the figures the scorecard computed. */
@scoped(Lifecycle.ContainerScoped)
@Resolver(() => Scorecard)
export class ScorecardSummaryResolver {
  constructor(private readonly indicatorLoaders: IndicatorLoaders) {}

  @FieldResolver(() => [String], {
    complexity: listOf(10),
    description:
      'Report sentences from this scorecard\'s own figures: "đạt và vượt 11/27 chỉ tiêu, chiếm 40,7%", one per other band with targets, then one per notable target (ratio ≥ 1.2 or BELOW_50: "Tổng vốn đầu tư … ước đạt 5.540 tỷ đồng, bằng 55,4% mục tiêu Nghị quyết"); clauses as reports write them, no full stop',
  })
  async summary(
    @Root() s: Scorecard,
    @Arg('language', () => Language, LANGUAGE_ARG) language: Language = Language.VI,
  ): Promise<string[]> {
    const indicators = await this.indicatorLoaders.byId.loadMany([
      ...new Set(s.items.map((i) => i.target.indicatorId)),
    ]);
    const byId = new Map(indicators.flatMap((i) => (i && !(i instanceof Error) ? [[i.localId, i] as const] : [])));
    const items: SummaryItem[] = s.items.map((p) => {
      const ind = byId.get(p.target.indicatorId);
      return {
        indicator: { name: ind?.name ?? '', unit: ind?.unit ?? '', decimals: ind?.decimals ?? 0 },
        target: p.target,
        observation: p.observation,
        ratio: p.ratio,
        band: p.band,
      };
    });
    return summarySentences(s, items, language);
  }
}

@scoped(Lifecycle.ContainerScoped)
@Resolver(() => RankedValue)
export class RankingSentenceResolver {
  @FieldResolver(() => String, {
    description:
      'The report sentence: "Huyện Hà Trung: Tốc độ tăng giá trị sản xuất bình quân giai đoạn 2021–2023 ước đạt 7,34%, đứng thứ 12/26 huyện, thị xã, thành phố" (EN: "…, ranks 12th of 26 districts, towns and cities"); "(đồng hạng)" / "(tied)" on a shared rank',
  })
  sentence(
    @Root() r: RankedValue,
    @Arg('language', () => Language, LANGUAGE_ARG) language: Language = Language.VI,
  ): string {
    return rankingSentence(
      {
        unitName: r.unit.name,
        indicator: r.context.indicator,
        observation: r.observation,
        rank: r.rank,
        of: r.of,
        tied: r.context.tied,
        kinds: r.context.kinds,
        level: r.context.level,
      },
      language,
    );
  }
}
