import { Initial1732000000000 } from './1732000000000-initial';

/** Every migration, in order. One set serves SQLite and MySQL/MariaDB. */
export const migrations = [Initial1732000000000];
