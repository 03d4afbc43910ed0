import type { Logger } from 'typeorm';

/** Counts SQL statements, to prove that nested fields are batched (no N+1). */
export class QueryCounter implements Logger {
  count = 0;
  statements: string[] = [];
  logQuery(query: string) {
    if (/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(query)) return;
    this.count++;
    this.statements.push(query);
  }
  reset() {
    this.count = 0;
    this.statements = [];
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
