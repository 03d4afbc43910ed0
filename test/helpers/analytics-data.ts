import type { CreateIndicatorInput } from '../../server/src/indicators/indicator.inputs';
import type { SetTargetsInput } from '../../server/src/terms/term.inputs';
import { ADMIN, ok, type TestServer } from './server';

/**
 * Writes analytics test data through the public API (createIndicator, createTerm, setTargets,
 * pushObservations), as an integrator would; each helper fails loudly on any userError or
 * rejected row. `directWriter` does the same through the test server's services, for fixtures
 * too large to be worth sending through HTTP and GraphQL.
 */

export interface IndicatorSpec {
  code: string;
  name?: string;
  unit?: string;
  direction?: 'HIGHER_IS_BETTER' | 'LOWER_IS_BETTER';
  category?: string;
  decimals?: number;
}

export async function createIndicators(t: TestServer, specs: IndicatorSpec[]): Promise<void> {
  if (!specs.length) return;
  // One request: aliased mutations run one after the other.
  const fields = specs.map(
    (_, i) => `i${i}: createIndicator(input: $i${i}) { indicator { code } userErrors { code field message } }`,
  );
  const vars = Object.fromEntries(
    specs.map((s, i) => [
      `i${i}`,
      {
        code: s.code,
        name: s.name ?? `Chỉ tiêu ${s.code}`,
        unit: s.unit ?? '%',
        direction: s.direction ?? 'HIGHER_IS_BETTER',
        category: s.category ?? 'Kinh tế',
        decimals: s.decimals ?? 2,
      },
    ]),
  );
  const data = ok(
    await t.gql(
      `mutation(${specs.map((_, i) => `$i${i}: CreateIndicatorInput!`).join(', ')}) { ${fields.join(' ')} }`,
      vars,
    ),
  );
  for (const [alias, payload] of Object.entries<any>(data)) {
    if (payload.userErrors.length) throw new Error(`createIndicator ${alias}: ${JSON.stringify(payload.userErrors)}`);
  }
}

export async function createTerm(
  t: TestServer,
  input: { unitCode: string; congressNumber: number; startYear: number; endYear: number; title?: string },
): Promise<string> {
  const { createTerm: p } = ok(
    await t.gql(
      'mutation($input: CreateTermInput!) { createTerm(input: $input) { term { id } userErrors { code field message } } }',
      { input },
    ),
  );
  if (p.userErrors.length) throw new Error(`createTerm: ${JSON.stringify(p.userErrors)}`);
  return p.term.id;
}

export interface TargetSpec {
  indicatorCode: string;
  period: string;
  value: number;
  comparator: 'AT_LEAST' | 'AT_MOST';
  note?: string;
}

export async function setTargets(t: TestServer, termId: string, targets: TargetSpec[]): Promise<void> {
  const { setTargets: p } = ok(
    await t.gql(
      'mutation($input: SetTargetsInput!) { setTargets(input: $input) { term { id } userErrors { code field message } } }',
      { input: { termId, targets } },
    ),
  );
  if (p.userErrors.length) throw new Error(`setTargets: ${JSON.stringify(p.userErrors)}`);
}

export interface Row {
  unitCode: string;
  indicatorCode: string;
  period: string;
  value: number | null;
  status?: 'ESTIMATED' | 'PRELIMINARY' | 'OFFICIAL' | 'FORECAST';
  baseVersion?: number;
  source?: string;
}

/** Pushes rows (atomic) and returns the per-row results; throws unless every row was applied. */
export async function push(
  t: TestServer,
  rows: Row[],
): Promise<{ outcome: string; observation: { id: string; version: number } | null }[]> {
  const out: { outcome: string; observation: { id: string; version: number } | null }[] = [];
  const CHUNK = 10_000;
  for (let i = 0; i < rows.length; i += CHUNK) {
    const res = ok(
      await t.gql(
        `mutation($input: PushObservationsInput!) { pushObservations(input: $input) {
        applied created updated rejected rows { index outcome code message observation { id version } } userErrors { code message } } }`,
        { input: { rows: rows.slice(i, i + CHUNK) } },
      ),
    );
    const p = res.pushObservations;
    if (!p.applied || p.userErrors.length) {
      const bad = p.rows
        .filter((r: any) => !['CREATED', 'UPDATED', 'DELETED', 'UNCHANGED'].includes(r.outcome))
        .slice(0, 5);
      throw new Error(`pushObservations not applied: ${JSON.stringify({ userErrors: p.userErrors, rows: bad })}`);
    }
    out.push(...p.rows);
  }
  return out;
}

/** Rows for one unit: `[indicatorCode, period, value, status?]` tuples. */
export const rowsFor = (unitCode: string, tuples: [string, string, number, Row['status']?][]): Row[] =>
  tuples.map(([indicatorCode, period, value, status]) => ({
    unitCode,
    indicatorCode,
    period,
    value,
    status: status ?? 'OFFICIAL',
  }));

/** The seed reports' indicators (as in server/data/demo/indicators.csv) plus generic G01…G25 and a lower-is-better L01. */
export const REPORT_INDICATORS: IndicatorSpec[] = [
  { code: 'TD_TANG_GTSX', name: 'Tốc độ tăng tổng giá trị sản xuất', unit: '%', decimals: 2 },
  { code: 'CHI_SO_QUY_MO_KT', name: 'Chỉ số quy mô nền kinh tế (năm 2020 = 100)', unit: '%', decimals: 0 },
  { code: 'THU_NHAP_BQ', name: 'Thu nhập bình quân đầu người', unit: 'triệu đồng/người/năm', decimals: 2 },
  { code: 'VON_DAU_TU_XH', name: 'Tổng vốn đầu tư phát triển toàn xã hội', unit: 'tỷ đồng', decimals: 0 },
  {
    code: 'TY_LE_HO_NGHEO',
    name: 'Tỷ lệ hộ nghèo',
    unit: '%',
    direction: 'LOWER_IS_BETTER',
    category: 'Văn hóa - Xã hội',
    decimals: 2,
  },
  {
    code: 'SO_HO_NGHEO',
    name: 'Số hộ nghèo',
    unit: 'hộ',
    direction: 'LOWER_IS_BETTER',
    category: 'Văn hóa - Xã hội',
    decimals: 0,
  },
  { code: 'SO_HO_NGHEO_GIAM', name: 'Số hộ nghèo giảm', unit: 'hộ', category: 'Văn hóa - Xã hội', decimals: 0 },
  {
    code: 'TY_LE_XA_NTM',
    name: 'Tỷ lệ xã đạt chuẩn nông thôn mới',
    unit: '%',
    category: 'Nông nghiệp - Nông thôn mới',
    decimals: 1,
  },
  { code: 'SP_OCOP', name: 'Số sản phẩm OCOP', unit: 'sản phẩm', category: 'Nông nghiệp - Nông thôn mới', decimals: 0 },
  {
    code: 'SO_XA_NTM',
    name: 'Số xã đạt chuẩn nông thôn mới',
    unit: 'xã',
    category: 'Nông nghiệp - Nông thôn mới',
    decimals: 0,
  },
  { code: 'L01', name: 'Chỉ tiêu thử (thấp là tốt)', unit: '%', direction: 'LOWER_IS_BETTER', decimals: 1 },
  ...Array.from({ length: 25 }, (_, i): IndicatorSpec => ({
    code: `G${String(i + 1).padStart(2, '0')}`,
    unit: '%',
    decimals: 1,
  })),
];

/** The helpers above, through the running server's services (same checks, no HTTP): for large fixtures. */
export async function directWriter(t: TestServer) {
  const svc = t.server.services;
  const admin = await svc.auth.authenticate(`Bearer ${ADMIN}`);
  const fail = (what: string, detail: unknown) => new Error(`${what}: ${JSON.stringify(detail)}`);
  return {
    async createIndicators(specs: IndicatorSpec[]): Promise<void> {
      for (const s of specs) {
        const p = await svc.indicatorWrites.create(admin, {
          code: s.code,
          name: s.name ?? `Chỉ tiêu ${s.code}`,
          unit: s.unit ?? '%',
          direction: s.direction ?? 'HIGHER_IS_BETTER',
          category: s.category ?? 'Kinh tế',
          decimals: s.decimals ?? 2,
        } as CreateIndicatorInput);
        if (p.userErrors.length) throw fail(`createIndicator ${s.code}`, p.userErrors);
      }
    },
    async createTerm(input: {
      unitCode: string;
      congressNumber: number;
      startYear: number;
      endYear: number;
      title?: string;
    }): Promise<string> {
      const p = await svc.termWrites.createTerm(admin, input);
      if (p.userErrors.length) throw fail('createTerm', p.userErrors);
      return p.term!.id;
    },
    async setTargets(termId: string, targets: TargetSpec[]): Promise<void> {
      const p = await svc.termWrites.setTargets(admin, { termId, targets } as SetTargetsInput);
      if (p.userErrors.length) throw fail('setTargets', p.userErrors);
    },
    /** Pushes rows (atomic); throws unless every row was applied. */
    async push(rows: Row[]): Promise<void> {
      const p = await svc.push.push(admin, rows);
      if (!p.applied || p.userErrors.length) {
        const bad = p.rows
          .filter((r) => !['CREATED', 'UPDATED', 'DELETED', 'UNCHANGED'].includes(r.outcome))
          .slice(0, 5);
        throw fail('pushObservations not applied', { userErrors: p.userErrors, rows: bad });
      }
    },
  };
}
