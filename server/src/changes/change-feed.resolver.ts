import { Arg, Int, Query, Resolver } from 'type-graphql';
import { Lifecycle, scoped } from 'tsyringe';
import { perPage } from '../common/complexity';
import { ChangeFeedService, MAX_CHANGES_PAGE } from './change-feed.service';
import { ChangeConnection } from './change.types';

@scoped(Lifecycle.ContainerScoped)
@Resolver()
export class ChangeFeedResolver {
  constructor(private readonly feed: ChangeFeedService) {}

  @Query(() => ChangeConnection, {
    description:
      'Every committed change (observations created, updated, deleted; periods approved and unapproved; terms and targets; indicators) in commit order, never skipping one. Store pageInfo.endCursor and pass it as `after` next time',
    complexity: perPage,
  })
  changes(
    @Arg('after', () => String, {
      nullable: true,
      description: 'A cursor from changes or changesCursor; absent: from the start',
    })
    after?: string | null,
    @Arg('first', () => Int, { defaultValue: 1000, description: `At most ${MAX_CHANGES_PAGE.toLocaleString('en')}` })
    first = 1000,
    @Arg('provinceCode', () => String, {
      nullable: true,
      description:
        "Only the changes of the units observationTable's filter provinceCode covers, and those of no unit (indicators); `first` then counts the changes scanned, so a page may be empty with hasNextPage true",
    })
    provinceCode?: string | null,
  ): Promise<ChangeConnection> {
    return this.feed.changes(after, first, provinceCode);
  }

  @Query(() => String, {
    description:
      'The cursor after the last committed change. A mirror takes it BEFORE its full read (observationTable) and then follows changes from it',
  })
  changesCursor(): Promise<string> {
    return this.feed.head();
  }
}
