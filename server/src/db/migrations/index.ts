import { Initial1732000000000 } from './1732000000000-initial';
import { WritePath1732000000001 } from './1732000000001-write-path';
import { IndicatorAggregation1732000000003 } from './1732000000003-indicator-aggregation';

/** Every migration, in order. One set serves SQLite and MySQL/MariaDB. */
export const migrations = [Initial1732000000000, WritePath1732000000001, IndicatorAggregation1732000000003];
