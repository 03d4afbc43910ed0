import { describe, expect, it } from 'vitest';
import { CsvFormatError, parseObservationCsv } from '../../../server/src/cli/observation-csv';
import { tryParsePeriod } from '../../../server/src/common/period';
import { checkValue, hasExcessDecimals } from '../../../server/src/indicators/measure';
import type { ObservationEntity } from '../../../server/src/observations/observation.entity';
import { planRows } from '../../../server/src/observations/push-plan';
import type { ValidRow } from '../../../server/src/observations/push-validate';
import { deserializeResult, requestHash, serializeResult } from '../../../server/src/observations/push-result';
import { RowOutcome } from '../../../server/src/observations/push.types';

describe('unit-of-measure checks', () => {
  const count = { unit: 'xã', minValue: 0, maxValue: null, integerOnly: true };
  const share = { unit: '%', minValue: 0, maxValue: 100, integerOnly: false };
  it('accept what DECIMAL(20,6) holds and refuse the rest', () => {
    expect(hasExcessDecimals(0.1 + 0.2)).toBe(false);
    expect(hasExcessDecimals(1.123456)).toBe(false);
    expect(hasExcessDecimals(1.1234567)).toBe(true);
    expect(hasExcessDecimals(1e-7)).toBe(true);
    expect(hasExcessDecimals(99_999_999_999_999.9)).toBe(false);
    expect(checkValue(Number.NaN)?.code).toBe('INVALID_VALUE');
    expect(checkValue(Infinity)?.code).toBe('INVALID_VALUE');
    expect(checkValue('12')?.code).toBe('INVALID_VALUE');
    expect(checkValue(1e14)?.code).toBe('VALUE_OUT_OF_RANGE');
    expect(checkValue(-1e14 + 1)).toBeNull();
  });
  it('apply the indicator rules: whole counts, shares within 0–100', () => {
    expect(checkValue(16, count)).toBeNull();
    expect(checkValue(16.5, count)?.code).toBe('NOT_AN_INTEGER');
    expect(checkValue(-1, count)?.code).toBe('VALUE_OUT_OF_RANGE');
    expect(checkValue(100, share)).toBeNull();
    expect(checkValue(100.01, share)?.message).toMatch(/above the largest allowed .*\(%\): 100/);
  });
});

describe('planRows', () => {
  const viewer = { name: 'x', role: 'DISTRICT_EDITOR' as const, scopeCode: '392', tokenId: 1 };
  const unit = {
    id: 1,
    code: '392',
    name: 'Huyện Hà Trung',
    level: 'DISTRICT' as const,
    parentCode: '38',
    provinceId: 38,
    validFrom: null,
    validTo: null,
  };
  const other = { ...unit, id: 2, code: '390', name: 'Huyện Cẩm Thủy' };
  const indicator = { id: 7, code: 'X', unit: '%', minValue: null, maxValue: null, integerOnly: false };
  const valid = (
    index: number,
    period: string,
    value: number | null,
    baseVersion: number | null,
    u = unit,
  ): ValidRow => ({
    index,
    key: `${u.id}|7|${period}`,
    unit: u,
    indicator,
    period: tryParsePeriod(period)!,
    value,
    status: 'OFFICIAL',
    source: null,
    note: null,
    baseVersion,
  });
  const stored = (period: string, value: number, version: number): ObservationEntity => ({
    id: version,
    unitId: 1,
    indicatorId: 7,
    period,
    startMonth: 0,
    endMonth: 0,
    value,
    status: 'OFFICIAL',
    source: null,
    note: null,
    version,
    updatedAt: new Date(),
    updatedBy: 'y',
  });
  it("decides FORBIDDEN → UNCHANGED → LOCKED → CONFLICT → write, and continues a deleted key's chain", () => {
    const current = new Map([
      ['1|7|2023-Q3', stored('2023-Q3', 5, 2)],
      ['1|7|2024', stored('2024', 5, 3)],
    ]);
    const locks = new Map([
      [1, [{ period: '2023', ...(({ startMonth, endMonth }) => ({ startMonth, endMonth }))(tryParsePeriod('2023')!) }]],
    ]);
    const rows = [
      valid(0, '2024', 1, 3, other),
      valid(1, '2023-Q3', 5, 1),
      valid(2, '2023-Q3', 6, 2),
      valid(3, '2024', 6, null),
      valid(4, '2024', 6, 2),
      valid(5, '2024', null, 3),
      valid(6, '2025', 1, null),
      valid(7, '2025-Q1', 1, 4),
      valid(8, '2026', null, null),
    ];
    rows.forEach((r) => (r.key = `${r.unit.id}|7|${r.period.text}`));
    const plan = planRows(viewer, rows, [{ index: 9, code: 'INVALID_PERIOD', field: 'period', message: 'x' }], {
      current,
      lastVersion: new Map([['1|7|2025', 6]]),
      locks,
    });
    expect(plan.map((p) => [p.index, p.outcome, p.code, p.newVersion])).toEqual([
      [0, RowOutcome.FORBIDDEN, 'OUT_OF_SCOPE', null],
      [1, RowOutcome.UNCHANGED, null, null],
      [2, RowOutcome.LOCKED, 'LOCKED', null],
      [3, RowOutcome.CONFLICT, 'ALREADY_EXISTS', null],
      [4, RowOutcome.CONFLICT, 'STALE_VERSION', null],
      [5, RowOutcome.DELETED, null, 4],
      [6, RowOutcome.CREATED, null, 7],
      [7, RowOutcome.CONFLICT, 'NOT_FOUND', null],
      [8, RowOutcome.UNCHANGED, 'ALREADY_ABSENT', null],
      [9, RowOutcome.INVALID, 'INVALID_PERIOD', null],
    ]);
  });
});

describe('stored push results', () => {
  it('round-trip exactly, compressed when large', () => {
    const obs = {
      id: 1,
      unitId: 2,
      indicatorId: 3,
      period: '2024',
      startMonth: 24288,
      endMonth: 24299,
      value: 53.2,
      status: 'OFFICIAL' as const,
      source: 'nguồn',
      note: null,
      version: 4,
      updatedAt: new Date('2024-05-06T07:08:09.123Z'),
      updatedBy: 'a',
    };
    const result = {
      batchId: 'b',
      applied: true,
      dryRun: false,
      counts: { created: 1, updated: 0, deleted: 0, unchanged: 0, rejected: 0 },
      userErrors: [],
      rows: Array.from({ length: 5000 }, (_, index) => ({
        index,
        outcome: RowOutcome.CREATED,
        code: null,
        message: null,
        field: null,
        observation: obs as unknown as ObservationEntity,
        current: null,
      })),
    };
    const stored = serializeResult(result);
    expect(stored.startsWith('gz:')).toBe(true);
    const back = deserializeResult(stored);
    expect({ ...back.rows[4999].observation }).toEqual(obs);
    expect(back.counts).toEqual(result.counts);
  });
  it('fingerprint a request by its rows and atomicity', () => {
    const row = { unitCode: '392', indicatorCode: 'X', period: '2024', value: 1 };
    expect(requestHash([row], true)).toBe(requestHash([{ ...row, status: 'OFFICIAL' }], true));
    expect(requestHash([row], true)).not.toBe(requestHash([row], false));
    expect(requestHash([row], true)).not.toBe(requestHash([{ ...row, value: 2 }], true));
  });
});

describe('observation CSV', () => {
  it('reads the long format with quoting, BOM, CRLF and the optional base_version', () => {
    const text =
      '\uFEFFunit_code,indicator_code,period,value,status,source,note,base_version\r\n' +
      '392,THU_NHAP_BQ,2023,53.2,ESTIMATED,"Báo cáo, 2023","nói ""ước đạt""",1\r\n' +
      '392,THU_NHAP_BQ,2022,,,,,\r\n' +
      '392,THU_NHAP_BQ,2021,"53,2",,, note ,x\r\n';
    const { rows, lines } = parseObservationCsv(text);
    expect(lines).toEqual([2, 3, 4]);
    expect(rows[0]).toEqual({
      unitCode: '392',
      indicatorCode: 'THU_NHAP_BQ',
      period: '2023',
      value: 53.2,
      status: 'ESTIMATED',
      source: 'Báo cáo, 2023',
      note: 'nói "ước đạt"',
      baseVersion: 1,
    });
    expect(rows[1]).toMatchObject({ value: null, status: undefined, source: null, note: null, baseVersion: undefined });
    expect(rows[2]).toMatchObject({ value: '53,2', note: ' note ', baseVersion: 'x' });
  });
  it('refuses a wrong header or a broken file', () => {
    expect(() => parseObservationCsv('unit,indicator\n1,2\n')).toThrow(CsvFormatError);
    expect(() => parseObservationCsv('')).toThrow(/empty/);
    expect(() => parseObservationCsv('unit_code,indicator_code,period,value,status,source,note\n"392,X\n')).toThrow(
      CsvFormatError,
    );
  });
});
