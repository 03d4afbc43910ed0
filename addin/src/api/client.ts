/**
 * The GraphQL client: fetch, a bearer token, and errors turned into a small set of kinds the
 * task pane can explain to a statistician (see taskpane/errors.ts). No GraphQL library: the
 * add-in sends a handful of fixed documents, and every kilobyte counts inside Excel's webview.
 */

export type ApiErrorKind =
  /** The server could not be reached (offline, wrong address, certificate not trusted, timeout). */
  | 'NETWORK'
  /** Something answered, but not a GraphQL server (a login page, a proxy error, a 404). */
  | 'NOT_GRAPHQL'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'BAD_USER_INPUT'
  | 'NOT_FOUND'
  | 'CONFLICT'
  /** The server lacks a field the add-in asks for: it is older than the add-in. */
  | 'OUTDATED_SERVER'
  | 'SERVER';

export class ApiError extends Error {
  constructor(
    readonly kind: ApiErrorKind,
    message: string,
    readonly reason: string | null = null,
    readonly status: number | null = null,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * The user cancelled (an AbortSignal fired) before the answer came. Its own class, not an
 * ApiError: nothing went wrong, and a pane shows it as a notice rather than an error.
 */
export class CancelledError extends Error {
  constructor() {
    super('Cancelled');
    this.name = 'CancelledError';
  }
}

/** Stops at a point where stopping is safe (between requests, before writing anything). */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new CancelledError();
}

export interface ClientOptions {
  /** Anything the user typed: "https://host:4000", "host:4000/graphql", … */
  readonly serverUrl: string;
  readonly token: string | null;
  readonly timeoutMs?: number;
  readonly fetch?: typeof fetch;
}

/** The GraphQL endpoint for what the user typed; the add-in's own origin when left empty. */
export function endpointOf(serverUrl: string, origin?: string): string {
  let s = serverUrl.trim();
  if (s === '') s = origin ?? '';
  if (!/^https?:\/\//i.test(s)) s = `https://${s}`;
  const url = new URL(s);
  url.hash = '';
  url.search = '';
  // A pasted add-in address (…/addin/taskpane.html) means its server.
  let p = url.pathname.replace(/\/addin(\/.*)?$/, '').replace(/\/+$/, '');
  if (!p.endsWith('/graphql')) p += '/graphql';
  url.pathname = p;
  return url.toString();
}

interface GraphQLErrorBody {
  message: string;
  extensions?: { code?: string; reason?: string };
}

export class GraphQLClient {
  readonly endpoint: string;
  private readonly token: string | null;
  private readonly timeoutMs: number;
  private readonly doFetch: typeof fetch;

  constructor(opts: ClientOptions) {
    this.endpoint = endpointOf(opts.serverUrl);
    this.token = opts.token?.trim() || null;
    this.timeoutMs = opts.timeoutMs ?? 180_000;
    this.doFetch = opts.fetch ?? ((...a) => fetch(...a));
  }

  async request<T>(query: string, variables: Record<string, unknown> = {}, signal?: AbortSignal): Promise<T> {
    throwIfCancelled(signal);
    const timeout = new AbortController();
    const timer = setTimeout(() => timeout.abort(), this.timeoutMs);
    const onAbort = () => timeout.abort();
    signal?.addEventListener('abort', onAbort);
    let res: Response;
    try {
      res = await this.doFetch(this.endpoint, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
        },
        body: JSON.stringify({ query, variables }),
        signal: timeout.signal,
      });
    } catch (e) {
      throwIfCancelled(signal);
      throw new ApiError('NETWORK', `Cannot reach ${this.endpoint}: ${(e as Error).message}`);
    } finally {
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
    let body: { data?: T; errors?: GraphQLErrorBody[] };
    try {
      body = (await res.json()) as typeof body;
    } catch {
      throw new ApiError(
        res.status === 401 ? 'UNAUTHENTICATED' : 'NOT_GRAPHQL',
        `${this.endpoint} answered HTTP ${res.status} without GraphQL`,
        null,
        res.status,
      );
    }
    const first = body.errors?.[0];
    if (first) throw errorFrom(first, res.status);
    if (!res.ok || body.data === undefined) throw new ApiError('NOT_GRAPHQL', `HTTP ${res.status}`, null, res.status);
    return body.data;
  }
}

function errorFrom(e: GraphQLErrorBody, status: number): ApiError {
  const code = e.extensions?.code ?? '';
  const reason = e.extensions?.reason ?? null;
  // A field or argument the server does not know: the server predates this add-in.
  if (reason === 'GRAPHQL_VALIDATION_FAILED' && /Cannot query field|Unknown argument|Unknown type/.test(e.message)) {
    return new ApiError('OUTDATED_SERVER', e.message, reason, status);
  }
  const kinds: Record<string, ApiErrorKind> = {
    UNAUTHENTICATED: 'UNAUTHENTICATED',
    FORBIDDEN: 'FORBIDDEN',
    BAD_USER_INPUT: 'BAD_USER_INPUT',
    NOT_FOUND: 'NOT_FOUND',
    CONFLICT: 'CONFLICT',
  };
  return new ApiError(kinds[code] ?? (status === 401 ? 'UNAUTHENTICATED' : 'SERVER'), e.message, reason, status);
}
