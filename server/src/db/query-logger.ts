import type { Logger } from 'typeorm';
import type { Log } from '../common/log';

/**
 * What the server logs about SQL: TypeORM's own logger prints every failed statement with its SQL
 * and parameters (notes, figures, names, token hashes are user data); this one prints none. A failed
 * statement is logged once, where it is handled: one that ends a request unexpectedly by the
 * request's error line (its code and shape, `errorForLog`, with the request id); one the code
 * expects and handles (a duplicate key or deadlock under concurrency, retried or answered as
 * CONFLICT) not at all. Migrations and TypeORM's warnings are logged.
 */
export class RedactingQueryLogger implements Logger {
  constructor(private readonly out: Log) {}

  logQueryError(): void {}
  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.out.info({ event: 'db.migration' }, message);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.out.warn({ event: 'db.warning' }, String(message));
  }
}

/** "INSERT INTO observation", "SELECT … FROM observation": the verb and the first table, no values. */
export function statementShape(query: string): string {
  const sql = query.replace(/\s+/g, ' ').trim();
  const verb = /^(\w+)/.exec(sql)?.[1]?.toUpperCase() ?? '?';
  const table = /\b(?:FROM|INTO|UPDATE|TABLE)\s+[`"]?(\w+)/i.exec(sql)?.[1];
  return table ? `${verb} … ${table}` : verb;
}

/**
 * An unexpected error as one log line without user data: a failed statement (TypeORM's
 * QueryFailedError carries the SQL and its parameters, the driver's message may quote a value)
 * becomes its code and shape; anything else keeps its stack.
 */
export function errorForLog(e: unknown): string {
  if (e instanceof Error && 'query' in e && typeof (e as { query: unknown }).query === 'string') {
    const code = String((e as { code?: unknown }).code ?? 'error');
    return `${e.name}: ${code} in ${statementShape((e as unknown as { query: string }).query)}`;
  }
  return e instanceof Error ? (e.stack ?? `${e.name}: ${e.message}`) : String(e);
}
