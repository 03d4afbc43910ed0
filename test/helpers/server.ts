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
  const server = await startServer(config, { logger: counter });
  const url = server.url;
  return {
    url,
    server,
    counter,
    async gql(query, variables, token = ADMIN) {
      const res = await fetch(`${url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
      const body = (await res.json()) as GqlResponse;
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
