import type { Logger } from 'typeorm';

/** Counts SQL statements, to prove that nested fields are batched (no N+1). */
export class QueryCounter implements Logger {
  count = 0;
  statements: string[] = [];
  /** The parameters of each statement, by position in `statements` (to EXPLAIN a statement as it ran). */
  parameters: unknown[][] = [];
  logQuery(query: string, parameters?: unknown[]) {
    if (/^\s*(START TRANSACTION|BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE)/i.test(query)) return;
    this.count++;
    this.statements.push(query);
    this.parameters.push(parameters ?? []);
  }
  reset() {
    this.count = 0;
    this.statements = [];
    this.parameters = [];
  }
  logQueryError() {}
  logQuerySlow() {}
  logSchemaBuild() {}
  logMigration() {}
  log() {}
}
