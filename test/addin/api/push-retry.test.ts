/**
 * A push whose answer says the database was away (DATABASE_UNAVAILABLE) or lost while committing
 * (OUTCOME_UNKNOWN) is sent again with the same idempotency key, so the server writes it once;
 * a refusal of the push itself is not retried. (The server side of this, a real MariaDB cut at
 * COMMIT, is test/integration/database-outage.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { ApiError, GraphQLClient, pushRows } from '../../../addin/src/api';
import { explain } from '../../../addin/src/taskpane/errors';

const ok = { data: { pushObservations: { applied: true, rows: [], userErrors: [] } } };
const failure = (reason: string, code = 'INTERNAL') => ({
  errors: [{ message: reason, extensions: { code, reason } }],
});

function server(answers: unknown[]) {
  const keys: string[] = [];
  const client = new GraphQLClient({
    serverUrl: 'https://x',
    token: 't',
    fetch: async (_url, init) => {
      keys.push(JSON.parse(String(init?.body)).variables.input.idempotencyKey);
      const body = answers[Math.min(keys.length - 1, answers.length - 1)];
      return new Response(JSON.stringify(body), {
        status: 'errors' in (body as object) ? 503 : 200,
        headers: { 'content-type': 'application/json' },
      });
    },
  });
  return { client, keys };
}
const row = {
  unitCode: '392',
  indicatorCode: 'THU_NHAP_BQ',
  period: '2024',
  value: 1,
  status: 'OFFICIAL' as const,
  source: null,
  note: null,
};

describe('pushRows after the database was away', () => {
  it('OUTCOME_UNKNOWN, then DATABASE_UNAVAILABLE, then an answer: sent three times with one key', async () => {
    const s = server([failure('OUTCOME_UNKNOWN'), failure('DATABASE_UNAVAILABLE'), ok]);
    const payload = await pushRows(s.client, [row], { dryRun: false, atomic: true });
    expect(payload.applied).toBe(true);
    expect(s.keys).toHaveLength(3);
    expect(new Set(s.keys).size).toBe(1);
    expect(s.keys[0]).toMatch(/\S{8,}/);
  });

  it('gives up after three more tries, and the pane says what to do', async () => {
    const s = server([failure('OUTCOME_UNKNOWN')]);
    const e = await pushRows(s.client, [row], { dryRun: false, atomic: true }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(s.keys).toHaveLength(4);
    expect(new Set(s.keys).size).toBe(1);
    expect(explain(e, 'vi')).toMatch(/cùng khóa idempotencyKey/);
    expect(explain(e, 'en')).toMatch(/same idempotencyKey/);
  }, 20_000);

  it('a refusal of the push itself is not sent again', async () => {
    const s = server([failure('TOO_MANY_ROWS', 'BAD_USER_INPUT')]);
    await expect(pushRows(s.client, [row], { dryRun: false, atomic: true })).rejects.toBeInstanceOf(ApiError);
    expect(s.keys).toHaveLength(1);
  });
});
