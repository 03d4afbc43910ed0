/**
 * The Excel functions' engine (addin/src/sync/cells.ts): arguments as Excel passes them, the one
 * request per recalculation, the cache until refresh, errors as #N/A / #VALUE! with a message.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CellBatcher,
  cellCacheKey,
  CellFetchError,
  cellRequest,
  isOutcome,
  notSignedInOutcome,
  type CellRequest,
  type ServerCell,
} from '../../../addin/src/sync';

/** A server stand-in answering value = length of the unit code, or UNKNOWN_UNIT for "999". */
function fakeServer() {
  const requests: CellRequest[][] = [];
  let failNext: Error | null = null;
  return {
    requests,
    failWith(e: Error) {
      failNext = e;
    },
    fetch: async (cells: readonly CellRequest[]): Promise<ServerCell[]> => {
      requests.push([...cells]);
      if (failNext) {
        const e = failNext;
        failNext = null;
        throw e;
      }
      return cells.map((c) =>
        c.unitCode === '999'
          ? { value: null, code: 'UNKNOWN_UNIT', message: 'No unit has code "999"' }
          : c.indicatorCode === 'NONE'
            ? { value: null, code: 'NO_OBSERVATION', message: 'none' }
            : c.indicatorCode === 'RATIO0'
              ? { value: null, code: 'NO_RATIO', message: 'x' }
              : { value: Number(c.unitCode) + (c.function === 'RANK' ? 0.5 : 0), code: null, message: null },
      );
    },
  };
}

/** A batcher whose batch window ends when the test says so. */
function manual(server = fakeServer(), maxPerRequest?: number) {
  const flushes: (() => void)[] = [];
  const b = new CellBatcher({
    fetch: server.fetch,
    schedule: (f) => flushes.push(f),
    lang: () => 'vi',
    maxPerRequest,
  });
  const flush = async () => {
    while (flushes.length) flushes.shift()!();
    await new Promise((r) => setTimeout(r, 0));
  };
  return { b, server, flush, flushes };
}

const req = (unitCode: string, fn: CellRequest['function'] = 'VALUE', indicatorCode = 'A01'): CellRequest =>
  fn === 'VALUE' || fn === 'RANK'
    ? { function: fn, unitCode, indicatorCode, period: '2024' }
    : { function: fn, unitCode, indicatorCode, term: '2020-2025' };

describe('cellRequest: arguments as Excel passes them', () => {
  it('takes text codes, whole numbers as codes, and periods typed as numbers', () => {
    expect(cellRequest('VALUE', ['16', 'A01', '2024'], 'vi')).toEqual({
      function: 'VALUE',
      unitCode: '16',
      indicatorCode: 'A01',
      period: '2024',
    });
    expect(cellRequest('VALUE', [392, ' THU_NHAP_BQ ', 2024], 'vi')).toMatchObject({ unitCode: '392', period: '2024' });
    expect(cellRequest('TARGET', ['390', 'X', '2020 – 2025'], 'vi')).toMatchObject({ term: '2020–2025' });
    expect(cellRequest('PROGRESS', ['390', 'X', '2020-2025', null], 'vi')).not.toHaveProperty('asOf');
    expect(cellRequest('PROGRESS', ['390', 'X', '2020-2025', 2023], 'vi')).toMatchObject({ asOf: '2023' });
  });

  it('is #VALUE! with a message for a missing argument, a bad period or term, a fraction or a boolean', () => {
    const bad = (r: ReturnType<typeof cellRequest>) => (isOutcome(r) && !r.ok ? [r.error, r.message] : null);
    expect(bad(cellRequest('VALUE', ['16', null, '2024'], 'vi'))).toEqual(['invalidValue', 'Thiếu đối số chỉ tiêu']);
    expect(bad(cellRequest('VALUE', ['16', 'A01', '2024-H3'], 'en'))?.[1]).toMatch(/^Period "2024-H3" is not valid/);
    expect(bad(cellRequest('RANK', ['16', 'A01', ''], 'vi'))).toEqual(['invalidValue', 'Thiếu đối số kỳ']);
    expect(bad(cellRequest('TARGET', ['16', 'A01', '2025-2020'], 'vi'))?.[1]).toMatch(/^Nhiệm kỳ "2025-2020"/);
    expect(bad(cellRequest('VALUE', [16.5, 'A01', '2024'], 'en'))?.[1]).toBe(
      'unit must be a code or a number, not 16.5',
    );
    expect(bad(cellRequest('VALUE', [true, 'A01', '2024'], 'en'))?.[1]).toMatch(/not TRUE/);
    expect(bad(cellRequest('PROGRESS', ['1', 'A', '2020-2025', 'soon'], 'en'))?.[0]).toBe('invalidValue');
  });
});

describe('CellBatcher', () => {
  it('sends the calls of one recalculation as one request, repeated arguments once', async () => {
    const { b, server, flush, flushes } = manual();
    const ps = [b.evaluate(req('1')), b.evaluate(req('2')), b.evaluate(req('1')), b.evaluate(req('3', 'RANK'))];
    expect(flushes).toHaveLength(1); // one batch window for the whole recalculation
    await flush();
    expect(await Promise.all(ps)).toEqual([
      { ok: true, value: 1 },
      { ok: true, value: 2 },
      { ok: true, value: 1 },
      { ok: true, value: 3.5 },
    ]);
    expect(server.requests).toHaveLength(1);
    expect(server.requests[0]).toHaveLength(3);
  });

  it('caches answers, #N/A ones too, until clear(); the next recalculation asks again', async () => {
    const { b, server, flush } = manual();
    const first = b.evaluate(req('999'));
    await flush();
    expect(await first).toEqual({ ok: false, error: 'notAvailable', message: 'Không có đơn vị mã 999' });
    expect(await b.evaluate(req('999'))).toEqual(await first);
    expect(server.requests).toHaveLength(1);
    b.clear();
    const again = b.evaluate(req('999'));
    await flush();
    await again;
    expect(server.requests).toHaveLength(2);
  });

  it('a failed request answers #N/A and caches nothing', async () => {
    const { b, server, flush } = manual();
    server.failWith(new Error('Failed to fetch'));
    const p = b.evaluate(req('5'));
    await flush();
    expect(await p).toEqual({
      ok: false,
      error: 'notAvailable',
      message: 'Không lấy được số liệu từ máy chủ: Failed to fetch',
    });
    expect(b.size).toBe(0);
    server.failWith(new CellFetchError(notSignedInOutcome('en')));
    const q = b.evaluate(req('5'));
    await flush();
    expect(await q).toEqual({
      ok: false,
      error: 'notAvailable',
      message: 'Not connected: open the Indicators pane and sign in',
    });
    const r = b.evaluate(req('5'));
    await flush();
    expect(await r).toEqual({ ok: true, value: 5 });
  });

  it('an answer to a request sent before clear() is not cached', async () => {
    const { b, server, flush } = manual();
    const p = b.evaluate(req('7'));
    const flushing = flush();
    b.clear();
    await flushing;
    expect(await p).toEqual({ ok: true, value: 7 });
    expect(b.size).toBe(0);
    expect(server.requests).toHaveLength(1);
  });

  it('splits a recalculation larger than the server takes', async () => {
    const { b, server, flush } = manual(fakeServer(), 400);
    const ps = Array.from({ length: 1000 }, (_, i) => b.evaluate(req(String(i + 1000))));
    await flush();
    const values = await Promise.all(ps);
    expect(values.every((v, i) => v.ok && v.value === i + 1000)).toBe(true);
    expect(server.requests.map((r) => r.length)).toEqual([400, 400, 200]);
  });

  it('maps reasons: unknown codes and missing data #N/A, bad arguments #VALUE!', async () => {
    const { b, flush } = manual();
    const ps = [b.evaluate(req('1', 'VALUE', 'NONE')), b.evaluate(req('1', 'PROGRESS', 'RATIO0'))];
    await flush();
    const [none, ratio] = await Promise.all(ps);
    expect(none).toEqual({ ok: false, error: 'notAvailable', message: 'Chưa có số liệu NONE của đơn vị 1' });
    expect(ratio).toMatchObject({ ok: false, error: 'notAvailable' });
  });

  it('property: every call gets the answer of its own arguments, in at most ceil(distinct / max) requests', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 60 }), { maxLength: 200 }), async (units) => {
        const { b, server, flush } = manual(fakeServer(), 25);
        const ps = units.map((u) => b.evaluate(req(String(u))));
        await flush();
        const values = await Promise.all(ps);
        expect(values).toEqual(units.map((u) => ({ ok: true, value: u })));
        const distinct = new Set(units.map((u) => cellCacheKey(req(String(u))))).size;
        expect(server.requests).toHaveLength(Math.ceil(distinct / 25));
      }),
      { numRuns: 50 },
    );
  });
});
