import fs from 'node:fs';
import path from 'node:path';
import { ERROR_CODES, isReasonCode } from '../../schema/contract/reasons';
import { loadConfig, type Config } from '../../server/src/app/config';
import { startServer, type RunningServer } from '../../server/src/server';
import { scratchDatabase, type DbKind } from './databases';
import { QueryCounter } from './query-counter';
import { ADMIN } from './services';

export { ADMIN, QueryCounter };

export interface GqlResponse<T = any> {
  status: number;
  data?: T;
  errors?: { message: string; path?: string[]; extensions?: { code?: string; reason?: string; field?: string[] } }[];
}

export interface TestServer {
  url: string;
  server: RunningServer;
  counter: QueryCounter;
  /** The server's JSON log lines, parsed (its error lines are also echoed to standard error). */
  logs: Record<string, unknown>[];
  gql<T = any>(query: string, variables?: Record<string, unknown>, token?: string | null): Promise<GqlResponse<T>>;
  stop(): Promise<void>;
}

/** The real server (Express, Apollo, the database) on an ephemeral port over a fresh database. */
export async function startTestServer(db: DbKind, env: Record<string, string> = {}): Promise<TestServer> {
  const scratch = await scratchDatabase(db);
  const config: Config = {
    ...loadConfig({ PORT: '0', ADMIN_TOKEN: ADMIN, ...env }),
    database: scratch.config,
  };
  const counter = new QueryCounter();
  const logs: Record<string, unknown>[] = [];
  const logDestination = {
    write(line: string) {
      logs.push(JSON.parse(line) as Record<string, unknown>);
      if (/"level":"(error|fatal)"/.test(line)) process.stderr.write(line);
    },
  };
  const server = await startServer(config, { logger: counter, logDestination });
  const url = server.url;
  return {
    url,
    server,
    counter,
    logs,
    async gql(query, variables, token = ADMIN) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
      assertErrorShape(body, query);
      return { ...body, status: res.status };
    },
    async stop() {
      await server.stop();
      await scratch.drop();
    },
  };
}

/** The data of a response that must have succeeded; fails loudly with the errors otherwise. */
export function ok<T = any>(res: GqlResponse<T>): T {
  if (res.errors?.length) throw new Error(`GraphQL errors: ${JSON.stringify(res.errors)}`);
  return res.data as T;
}

export const errorCode = (res: GqlResponse) => res.errors?.[0]?.extensions?.code;
export const errorReason = (res: GqlResponse) => res.errors?.[0]?.extensions?.reason;

/** Where every worker records the errors it checked; test/global-setup.ts clears it and checks it at the end. */
export const ERROR_LOG_DIR = path.resolve(__dirname, '../../.cache/gql-errors');

/**
 * The one error shape (docs/api.md "Errors"): every error the API returns carries `extensions.code`,
 * one of the six codes, and `extensions.reason`, a reason of schema/contract/reasons.ts. Checked on
 * every response through `t.gql` (so any error without them fails the test that received it), and
 * recorded for the run's summary (test/global-setup.ts).
 */
export function assertErrorShape(body: { errors?: GqlResponse['errors'] }, what: string, record = true): void {
  if (!body.errors?.length) return;
  const lines = body.errors.map((e) => `${e.extensions?.code ?? '-'} ${e.extensions?.reason ?? '-'}\n`).join('');
  if (record) {
    fs.mkdirSync(ERROR_LOG_DIR, { recursive: true });
    fs.appendFileSync(path.join(ERROR_LOG_DIR, `${process.pid}.log`), lines);
  }
  for (const e of body.errors) {
    const code = e.extensions?.code;
    const reason = e.extensions?.reason;
    if (!code || !(ERROR_CODES as readonly string[]).includes(code) || !reason || !isReasonCode(reason))
      throw new Error(
        `An error without a contract code and reason, answering ${what.slice(0, 200)}: ${JSON.stringify(e)}`,
      );
  }
}
