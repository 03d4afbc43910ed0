import { Initial1732000000000 } from './1732000000000-initial';
import { WritePath1732000000001 } from './1732000000001-write-path';
import { Reform20251732000000002 } from './1732000000002-reform-2025';
import { IndicatorAggregation1732000000003 } from './1732000000003-indicator-aggregation';
import { ChangeFeed1732000000004 } from './1732000000004-change-feed';
import { TokenLifetime1732000000005 } from './1732000000005-token-lifetime';
import { QueryBudget1732000000006 } from './1732000000006-query-budget';
import { ClientPosition1732000000007 } from './1732000000007-client-position';
import { RevisionBatchIndex1732000000008 } from './1732000000008-revision-batch-index';

/** Every migration, in order. One set serves SQLite and MySQL/MariaDB. */
export const migrations = [
  Initial1732000000000,
  WritePath1732000000001,
  Reform20251732000000002,
  IndicatorAggregation1732000000003,
  ChangeFeed1732000000004,
  TokenLifetime1732000000005,
  QueryBudget1732000000006,
  ClientPosition1732000000007,
  RevisionBatchIndex1732000000008,
];
