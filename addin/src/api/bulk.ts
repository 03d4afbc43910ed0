/**
 * Bulk pulls for the long layout and the province comparison: `observationTable`, the same filter,
 * order and cursors as the `observations` connection but rows as plain arrays, so 25,000 rows
 * cost the server one query per page instead of 250,000 resolved fields. Names come from the
 * catalogue (indicators, the province's districts) once, not from every row.
 */
import type { Catalog, ObservationStatus, ServerObservation } from '../sync';
import type { GraphQLClient } from './client';
import type { Progress } from './reads';
import { OBSERVATION_TABLE_COLUMNS } from '../../../schema/contract/observation-table';

export interface LongFilter {
  readonly unitCodes?: string[];
  readonly provinceCode?: string;
  readonly indicatorCodes?: string[];
  readonly fromYear?: number;
  readonly toYear?: number;
}

interface TablePage {
  observationTable: {
    columns: string[];
    rows: unknown[][];
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

export interface LongPull {
  readonly observations: ServerObservation[];
  readonly catalog: Partial<Catalog>;
}

export async function fetchLongTable(
  client: GraphQLClient,
  filter: LongFilter,
  onProgress?: Progress,
  pageSize = 10_000,
): Promise<LongPull> {
  const catalog = await fetchCatalog(client, filter);
  const units = new Map(catalog.units.map((u) => [u.code, u]));
  const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
  const observations: ServerObservation[] = [];
  let after: string | null = null;
  for (;;) {
    const d: TablePage = await client.request(
      `query($f: ObservationFilter!, $n: Int!, $a: String) { observationTable(filter: $f, first: $n, after: $a) {
        columns rows totalCount pageInfo { hasNextPage endCursor } } }`,
      { f: filter, n: pageSize, a: after },
    );
    const t = d.observationTable;
    const col = (name: string) => t.columns.indexOf(name);
    const [u, i, p, v, s, src, note, ver, at, by] = OBSERVATION_TABLE_COLUMNS.map(col) as number[];
    for (const r of t.rows) {
      const ind = indicators.get(String(r[i!]));
      observations.push({
        unit: { code: String(r[u!]), name: units.get(String(r[u!]))?.name ?? null },
        indicator: {
          code: String(r[i!]),
          name: ind?.name ?? null,
          unit: ind?.unit ?? null,
          decimals: ind?.decimals ?? null,
        },
        period: String(r[p!]),
        value: Number(r[v!]),
        status: r[s!] as ObservationStatus,
        source: (r[src!] as string | null) ?? null,
        note: (r[note!] as string | null) ?? null,
        version: Number(r[ver!]),
        updatedAt: (r[at!] as string | null) ?? null,
        updatedBy: (r[by!] as string | null) ?? null,
      });
    }
    onProgress?.(observations.length, t.totalCount);
    if (!t.pageInfo.hasNextPage || !t.pageInfo.endCursor) return { observations, catalog };
    after = t.pageInfo.endCursor;
  }
}

/** Names for the codes a long table will show: indicators, and the units the filter covers. */
async function fetchCatalog(client: GraphQLClient, filter: LongFilter): Promise<Catalog> {
  const from = filter.fromYear ? `${filter.fromYear}-01-01` : null;
  const d = await client.request<{
    indicators: { code: string; name: string; unit: string; decimals: number }[];
    province?: {
      code: string;
      name: string;
      now: { code: string; name: string }[];
      then: { code: string; name: string }[];
    } | null;
  }>(
    `query($p: String!, $withProvince: Boolean!, $from: Date) {
      indicators { code name unit decimals }
      province(code: $p) @include(if: $withProvince) { code name now: districts { code name } then: districts(activeOn: $from) { code name } } }`,
    { p: filter.provinceCode ?? '', withProvince: Boolean(filter.provinceCode), from },
  );
  const units = new Map<string, { code: string; name: string | null }>();
  // Districts merged away since the start of the period still carry their old name.
  for (const u of [...(d.province?.now ?? []), ...(d.province?.then ?? []), ...(d.province ? [d.province] : [])])
    units.set(u.code, { code: u.code, name: u.name });
  for (const code of filter.unitCodes ?? []) {
    if (units.has(code)) continue;
    const one = await client.request<{ district: { name: string } | null; province: { name: string } | null }>(
      'query($c: String!) { district(code: $c) { name } province(code: $c) { name } }',
      { c: code },
    );
    units.set(code, { code, name: one.district?.name ?? one.province?.name ?? null });
  }
  return { units: [...units.values()], indicators: d.indicators.map((i) => ({ ...i, decimals: i.decimals })) };
}
