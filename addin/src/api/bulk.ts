/**
 * Bulk pulls for the long layout and the province comparison: `observationTable`, the same filter,
 * order and cursors as the `observations` connection but rows as plain arrays, so 25,000 rows
 * cost the server one query per page instead of 250,000 resolved fields. Names come from the
 * catalogue (indicators, the province's districts) once, not from every row.
 */
import type { Catalog, ObservationStatus, ServerObservation, UnitInfo } from '../sync';
import type { GraphQLClient } from './client';
import type { Progress } from './reads';
import { OBSERVATION_TABLE_COLUMNS } from '../../../schema/contract/observation-table';

export interface LongFilter {
  readonly unitCodes?: string[];
  readonly provinceCode?: string;
  readonly indicatorCodes?: string[];
  readonly fromYear?: number;
  readonly toYear?: number;
  /**
   * CURRENT: on today's boundaries — values of units merged since are combined by the server into
   * the units that succeeded them (rows flagged derived, read-only). Absent: as reported.
   */
  readonly boundaries?: 'CURRENT';
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
  signal?: AbortSignal,
): Promise<LongPull> {
  const pageSize = 10_000;
  const { boundaries, ...where } = filter;
  const catalog = await fetchCatalog(client, where, signal);
  const names = new Map<string, string | null>();
  for (const u of catalog.units) {
    if (u.id) names.set(u.id, u.name);
    if (!names.has(u.code)) names.set(u.code, u.name);
  }
  const indicators = new Map(catalog.indicators.map((i) => [i.code, i]));
  const observations: ServerObservation[] = [];
  let after: string | null = null;
  for (;;) {
    const d: TablePage = await client.request(
      `query($f: ObservationFilter!, $n: Int!, $a: String, $b: Boundaries!) {
        observationTable(filter: $f, first: $n, after: $a, boundaries: $b) {
        columns rows totalCount pageInfo { hasNextPage endCursor } } }`,
      { f: where, n: pageSize, a: after, b: boundaries ?? 'AS_REPORTED' },
      signal,
    );
    const t = d.observationTable;
    const col = (name: string) => t.columns.indexOf(name);
    const [u, i, p, v, s, src, note, ver, at, by, uid, derived, complete, contributors] =
      OBSERVATION_TABLE_COLUMNS.map(col);
    for (const r of t.rows) {
      const ind = indicators.get(String(r[i!]));
      const code = String(r[u!]);
      // An older server has no unitId column: the code alone, as before.
      const id = uid! >= 0 && typeof r[uid!] === 'string' ? (r[uid!] as string) : null;
      observations.push({
        unit: { code, id, name: (id ? names.get(id) : undefined) ?? names.get(code) ?? null },
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
        ...(r[derived!] === true
          ? {
              derived: true,
              complete: r[complete!] !== false,
              contributors: (r[contributors!] as string | null) ?? null,
            }
          : {}),
      });
    }
    onProgress?.(observations.length, t.totalCount);
    if (!t.pageInfo.hasNextPage || !t.pageInfo.endCursor) {
      await nameUnknownUnits(client, observations, catalog, signal);
      return { observations, catalog };
    }
    after = t.pageInfo.endCursor;
  }
}

/** The day before the 2025 reorganisation: units of that day are the pre-reform ones. */
const REFORM_EVE = '2025-06-30';

type UnitRow = { id: string; code: string; name: string; validFrom: string | null; validTo: string | null };
const UNIT = 'id code name validFrom validTo';

/**
 * Names, ids and validity for the units a long table will show: indicators, and the units the filter
 * covers. A code may name a unit before the reorganisation and another since (37 Ninh Bình), so
 * each code is looked up on the eve of the reform and today: a row typed under the table is then
 * pinned to the one unit that existed in its period.
 */
async function fetchCatalog(client: GraphQLClient, filter: LongFilter, signal?: AbortSignal): Promise<Catalog> {
  const from = filter.fromYear ? `${filter.fromYear}-01-01` : null;
  const d = await client.request<{
    indicators: { code: string; name: string; unit: string; decimals: number }[];
    province?: (UnitRow & { now: UnitRow[]; then: UnitRow[] }) | null;
  }>(
    `query($p: String!, $withProvince: Boolean!, $from: Date) {
      indicators { code name unit decimals }
      province(code: $p) @include(if: $withProvince) { ${UNIT} now: districts { ${UNIT} } then: districts(activeOn: $from) { ${UNIT} } } }`,
    { p: filter.provinceCode ?? '', withProvince: Boolean(filter.provinceCode), from },
    signal,
  );
  const units = new Map<string, UnitInfo>();
  const add = (u: UnitRow | null | undefined) => {
    if (u && !units.has(u.id))
      units.set(u.id, { code: u.code, name: u.name, id: u.id, validFrom: u.validFrom, validTo: u.validTo });
  };
  // Districts merged away since the start of the period still carry their old name.
  for (const u of [...(d.province?.now ?? []), ...(d.province?.then ?? []), d.province]) add(u);
  for (const code of filter.unitCodes ?? []) {
    const one = await client.request<Record<string, UnitRow | null>>(
      `query($c: String!, $eve: Date!) {
        p0: province(code: $c, on: $eve) { ${UNIT} } p1: province(code: $c) { ${UNIT} }
        d0: district(code: $c, on: $eve) { ${UNIT} }
        c0: commune(code: $c, on: $eve) { ${UNIT} } c1: commune(code: $c) { ${UNIT} } }`,
      { c: code, eve: REFORM_EVE },
      signal,
    );
    for (const u of Object.values(one)) add(u);
    if (![...units.values()].some((u) => u.code === code)) units.set(`code:${code}`, { code, name: null });
  }
  return { units: [...units.values()], indicators: d.indicators.map((i) => ({ ...i, decimals: i.decimals })) };
}

/**
 * Names the units the catalogue did not cover (a province's communes; on today's boundaries, the
 * districts of the provinces it came from, e.g. Ý Yên under Ninh Bình) by their ids, 200 per request.
 */
async function nameUnknownUnits(
  client: GraphQLClient,
  observations: ServerObservation[],
  catalog: Catalog,
  signal?: AbortSignal,
): Promise<void> {
  const missing = [...new Set(observations.filter((o) => o.unit.name === null && o.unit.id).map((o) => o.unit.id!))];
  const found = new Map<string, UnitRow>();
  for (let i = 0; i < missing.length; i += 200) {
    const ids = missing.slice(i, i + 200);
    const d = await client.request<Record<string, UnitRow | null>>(
      `query(${ids.map((_, k) => `$i${k}: ID!`).join(', ')}) { ${ids
        .map((_, k) => `u${k}: node(id: $i${k}) { ... on AdminUnit { ${UNIT} } }`)
        .join(' ')} }`,
      Object.fromEntries(ids.map((id, k) => [`i${k}`, id])),
      signal,
    );
    for (const u of Object.values(d)) if (u?.id) found.set(u.id, u);
  }
  if (!found.size) return;
  for (const o of observations) {
    const u = o.unit.id ? found.get(o.unit.id) : undefined;
    if (u && o.unit.name === null) (o as { unit: ServerObservation['unit'] }).unit = { ...o.unit, name: u.name };
  }
  const units = [...(catalog.units ?? [])];
  for (const u of found.values())
    units.push({ code: u.code, name: u.name, id: u.id, validFrom: u.validFrom, validTo: u.validTo });
  (catalog as { units: Catalog['units'] }).units = units;
}
