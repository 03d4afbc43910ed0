/**
 * `pushObservations`. Each push carries an idempotency key, so when the answer is lost on the way
 * back (a dropped connection, a timeout) the same request is sent once more and the server
 * replays its first result instead of writing twice. The same when the server says its database
 * was unreachable (DATABASE_UNAVAILABLE: nothing written) or the connection dropped while the push
 * committed (OUTCOME_UNKNOWN: written or not): sent again with the same key, a few seconds apart,
 * it is written exactly once.
 */
import type { ObservationRowInput, PushObservationsPayload } from '../sync';
import { ApiError, type GraphQLClient } from './client';

const OBS = 'unit { code } indicator { code } period value status source note version updatedAt updatedBy';

export interface PushPayload extends PushObservationsPayload {
  readonly created: number;
  readonly updated: number;
  readonly deleted: number;
  readonly unchanged: number;
  readonly rejected: number;
}

export interface PushOptions {
  readonly dryRun: boolean;
  readonly atomic: boolean;
  readonly idempotencyKey?: string;
  /** Only for a dry run: a push once sent is always awaited, so the pane can say what it wrote. */
  readonly signal?: AbortSignal;
}

export function newIdempotencyKey(): string {
  const c = globalThis.crypto;
  if (c && 'randomUUID' in c) return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

export async function pushRows(
  client: GraphQLClient,
  rows: readonly ObservationRowInput[],
  opts: PushOptions,
): Promise<PushPayload> {
  const input = {
    rows,
    dryRun: opts.dryRun,
    atomic: opts.atomic,
    // A dry run writes nothing, so it needs no replay protection.
    ...(opts.dryRun ? {} : { idempotencyKey: opts.idempotencyKey ?? newIdempotencyKey() }),
  };
  const send = () =>
    client.request<{ pushObservations: PushPayload }>(
      `mutation($input: PushObservationsInput!) { pushObservations(input: $input) {
        batchId applied dryRun created updated deleted unchanged rejected
        rows { index outcome code message observation { ${OBS} } current { ${OBS} } }
        userErrors { code field message } } }`,
      { input },
      opts.dryRun ? opts.signal : undefined,
    );
  for (let attempt = 0; ; attempt++) {
    try {
      return (await send()).pushObservations;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (e.kind === 'NETWORK' && attempt === 0) continue;
      const wait = RETRY_DELAYS_MS[attempt];
      if (wait === undefined || !RETRY_REASONS.has(e.reason ?? '')) throw e;
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** Server answers after which the same push (same key) is sent again: nothing, or exactly it, was written. */
const RETRY_REASONS: ReadonlySet<string> = new Set(['DATABASE_UNAVAILABLE', 'OUTCOME_UNKNOWN']);
/** Waits before each new attempt (the server asks for 5 s; a database back sooner is used sooner). */
const RETRY_DELAYS_MS = [500, 2_000, 5_000];
