import type { DataSource } from 'typeorm';
import { parsePeriod } from '../server/src/common/period';
import { foldForSearch } from '../server/src/common/text';
import { sqlDateTime } from '../server/src/db/sql';
import { prng } from './stats';

export interface DatasetSpec {
  indicators: number;
  firstYear: number;
  lastYear: number;
  targetsPerTerm: number;
  /** Limit to these province codes (all when empty), to make a quick run. */
  provinces: string[];
}

export const NATIONAL: DatasetSpec = {
  indicators: 60,
  firstYear: 2011,
  lastYear: 2025,
  targetsPerTerm: 27,
  provinces: [],
};

export interface DatasetReport {
  districts: number;
  indicators: number;
  observations: number;
  revisions: number;
  terms: number;
  targets: number;
  seconds: number;
}

const UNITS = ['%', 'tỷ đồng', 'triệu đồng/người/năm', 'xã', 'sản phẩm', 'tấn', 'ha', 'hộ'];

/** Multi-row INSERT in chunks, on either database. */
async function insertRows(
  ds: DataSource,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunk = 2000,
): Promise<void> {
  const q = (name: string) => (ds.options.type === 'mysql' ? `\`${name}\`` : `"${name}"`);
  const head = `INSERT INTO ${q(table)} (${columns.map(q).join(', ')}) VALUES `;
  const tuple = `(${columns.map(() => '?').join(', ')})`;
  for (let i = 0; i < rows.length; i += chunk) {
    const part = rows.slice(i, i + chunk);
    await ds.query(head + part.map(() => tuple).join(', '), part.flat());
  }
}

/**
 * A reproducible national dataset written straight to the database (the benchmark measures reads and
 * pushes, not the loading): every current district × indicator × year, a realistic status mix
 * (official for closed years, preliminary/estimated for recent ones), revision history where an
 * estimate was later replaced, and a 2020–2025 term with targets for every district.
 */
export async function generateDataset(ds: DataSource, spec: DatasetSpec, seed = 20251121): Promise<DatasetReport> {
  const started = Date.now();
  const rand = prng(seed);
  const provinceFilter = spec.provinces.length ? `AND p.code IN (${spec.provinces.map(() => '?').join(',')})` : '';
  const districts: { id: number; code: string }[] = await ds.query(
    `SELECT d.id AS id, d.code AS code FROM admin_unit d JOIN admin_unit p ON p.id = d.parent_id
     WHERE d.level = 'DISTRICT' AND (d.valid_to IS NULL OR d.valid_to >= '2025-06-30') ${provinceFilter} ORDER BY d.code`,
    spec.provinces,
  );

  const indicatorRows = Array.from({ length: spec.indicators }, (_, i) => {
    const code = `B${String(i + 1).padStart(2, '0')}`;
    const name = `Chỉ tiêu chuẩn đo ${code}`;
    const lower = i % 7 === 3; // e.g. poverty-like rates
    return [
      code,
      name,
      UNITS[i % UNITS.length],
      lower ? 'LOWER_IS_BETTER' : 'HIGHER_IS_BETTER',
      `Nhóm ${1 + (i % 5)}`,
      2,
      null,
      foldForSearch(name),
    ];
  });
  await insertRows(
    ds,
    'indicator',
    ['code', 'name', 'unit', 'direction', 'category', 'decimals', 'description', 'search_name', 'aggregation'],
    // Amounts and counts add up; rates (%) cannot be combined.
    indicatorRows.map((r) => [...r, r[2] === '%' ? 'NONE' : 'SUM']),
  );
  const indicators: { id: number; code: string; direction: string }[] = await ds.query(
    `SELECT id, code, direction FROM indicator WHERE code LIKE 'B%' ORDER BY code`,
  );

  const now = new Date();
  const stamp = sqlDateTime(now);
  const observations: unknown[][] = [];
  const revisions: unknown[][] = [];
  const latest = new Map<string, number>();
  for (const d of districts) {
    for (const ind of indicators) {
      let value = 10 + rand() * 990;
      const growth = ind.direction === 'LOWER_IS_BETTER' ? -0.04 : 0.06;
      for (let y = spec.firstYear; y <= spec.lastYear; y++) {
        value = value * (1 + growth + (rand() - 0.5) * 0.08);
        const v = Math.round(value * 100) / 100;
        const p = parsePeriod(String(y));
        const age = spec.lastYear - y;
        const status =
          age >= 3
            ? 'OFFICIAL'
            : age === 2
              ? 'PRELIMINARY'
              : age === 1
                ? rand() < 0.5
                  ? 'PRELIMINARY'
                  : 'ESTIMATED'
                : 'ESTIMATED';
        // Closed years whose estimate was later corrected carry three revisions (ước → sơ bộ → chính thức).
        const history = status === 'OFFICIAL' && rand() < 0.25 ? 3 : 1;
        observations.push([
          d.id,
          ind.id,
          p.text,
          p.startMonth,
          p.endMonth,
          v,
          status,
          'Cục Thống kê (bench)',
          null,
          history,
          stamp,
          'bench',
        ]);
        const chain =
          history === 3
            ? [
                [1, 'CREATE', Math.round(v * 0.97 * 100) / 100, null, 'ESTIMATED'],
                [2, 'UPDATE', Math.round(v * 0.99 * 100) / 100, Math.round(v * 0.97 * 100) / 100, 'PRELIMINARY'],
                [3, 'UPDATE', v, Math.round(v * 0.99 * 100) / 100, 'OFFICIAL'],
              ]
            : [[1, 'CREATE', v, null, status]];
        for (const [version, action, value2, prev, st] of chain) {
          revisions.push([
            d.id,
            ind.id,
            p.text,
            version,
            action,
            value2,
            prev,
            st,
            'Cục Thống kê (bench)',
            null,
            stamp,
            'bench',
            null,
          ]);
        }
        if (y === 2023) latest.set(`${d.id}|${ind.id}`, v);
      }
    }
  }
  await insertRows(
    ds,
    'observation',
    [
      'unit_id',
      'indicator_id',
      'period',
      'start_month',
      'end_month',
      'value',
      'status',
      'source',
      'note',
      'version',
      'updated_at',
      'updated_by',
    ],
    observations,
  );
  await insertRows(
    ds,
    'observation_revision',
    [
      'unit_id',
      'indicator_id',
      'period',
      'version',
      'action',
      'value',
      'previous_value',
      'status',
      'source',
      'note',
      'changed_at',
      'changed_by',
      'batch_id',
    ],
    revisions,
  );

  await insertRows(
    ds,
    'term',
    ['unit_id', 'congress_number', 'start_year', 'end_year', 'title'],
    districts.map((d) => [
      d.id,
      20 + (d.id % 8),
      2020,
      2025,
      `Nghị quyết Đại hội Đảng bộ (bench) ${d.code}, nhiệm kỳ 2020–2025`,
    ]),
  );
  const terms: { id: number; unit_id: number }[] = await ds.query(
    `SELECT id, unit_id FROM term WHERE title LIKE '%(bench)%'`,
  );
  const targets: unknown[][] = [];
  for (const t of terms) {
    for (const ind of indicators.slice(0, spec.targetsPerTerm)) {
      const base = latest.get(`${t.unit_id}|${ind.id}`) ?? 100;
      const lower = ind.direction === 'LOWER_IS_BETTER';
      const target = Math.round(base * (lower ? 0.85 + rand() * 0.2 : 1.0 + rand() * 0.35) * 100) / 100;
      targets.push([t.id, ind.id, '2025', target, lower ? 'AT_MOST' : 'AT_LEAST', null]);
    }
  }
  await insertRows(ds, 'target', ['term_id', 'indicator_id', 'period', 'value', 'comparator', 'note'], targets);
  return {
    districts: districts.length,
    indicators: indicators.length,
    observations: observations.length,
    revisions: revisions.length,
    terms: terms.length,
    targets: targets.length,
    seconds: Math.round((Date.now() - started) / 100) / 10,
  };
}
