import type { Logger } from 'typeorm';

/**
 * What the server logs about SQL: a failed statement's error code and the statement's shape (its
 * first words and table), never its parameters nor literal values (notes, figures, names, token
 * hashes are user data). Unique-key and deadlock errors are not logged at all: the write path
 * expects them under concurrency and retries or answers them; one it cannot handle reaches the
 * GraphQL error mapping, which logs it as an internal error.
 */
export class RedactingQueryLogger implements Logger {
  constructor(private readonly write: (line: string) => void = (line) => console.error(line)) {}

  logQueryError(error: string | Error, query: string): void {
    const code = typeof error === 'string' ? '' : String((error as { code?: unknown }).code ?? '');
    if (EXPECTED.has(code)) return;
    this.write(`[db] statement failed: ${code || 'error'} in ${statementShape(query)}`);
  }
  logQuery(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(message: string): void {
    this.write(`[db] ${message}`);
  }
  log(level: 'log' | 'info' | 'warn', message: unknown): void {
    if (level === 'warn') this.write(`[db] ${String(message)}`);
  }
}

const EXPECTED = new Set([
  'ER_DUP_ENTRY',
  'ER_LOCK_DEADLOCK',
  'ER_LOCK_WAIT_TIMEOUT',
  'SQLITE_CONSTRAINT_UNIQUE',
  'SQLITE_CONSTRAINT_PRIMARYKEY',
  'SQLITE_BUSY',
]);

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
