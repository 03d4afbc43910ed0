/**
 * What the task pane reads: who the token belongs to, units, indicators, terms, a term sheet and
 * a long table. Paginated lists are read page by page with `first`/`after`, reporting progress,
 * so a province-wide pull shows a moving bar instead of a frozen pane.
 */
import type {
  Catalog,
  ObservationStatus,
  ProgressInfo,
  ServerObservation,
  TargetInfo,
  TermInfo,
  TermSheetSource,
} from '../sync';
import { termTableFrom } from '../sync';
import type { GraphQLClient } from './client';

export type Progress = (done: number, total: number) => void;

export interface Viewer {
  readonly name: string;
  readonly role: 'ADMIN' | 'PROVINCE_EDITOR' | 'DISTRICT_EDITOR' | 'COMMUNE_EDITOR' | 'VIEWER';
  readonly scopeCode: string | null;
}

export async function fetchViewer(client: GraphQLClient): Promise<Viewer | null> {
  const d = await client.request<{ me: Viewer | null }>('{ me { name role scopeCode } }');
  return d.me;
}

export type UnitLevel = 'PROVINCE' | 'DISTRICT' | 'COMMUNE';

export interface UnitHit {
  /** The unit's global id: codes repeat across time (2025 reorganisation), ids do not. */
  readonly id: string;
  readonly code: string;
  readonly name: string;
  readonly level: UnitLevel;
  /** YYYY-MM-DD; null: open */
  readonly validFrom: string | null;
  readonly validTo: string | null;
  /** A commune's district before the reform */
  readonly district: { readonly code: string; readonly name: string } | null;
  readonly province: { readonly code: string; readonly name: string } | null;
}

/**
 * Units whose name matches `search`, diacritics and case ignored by the server ("ha trung");
 * with `on`, only those in force on that date (YYYY-MM-DD).
 */
export async function searchUnits(
  client: GraphQLClient,
  search: string,
  options: { level?: UnitLevel; on?: string } = {},
  signal?: AbortSignal,
): Promise<UnitHit[]> {
  type Raw = Omit<UnitHit, 'district' | 'province'> & {
    district?: UnitHit['district'];
    province?: UnitHit['province'];
  };
  const d = await client.request<{ adminUnits: Raw[] }>(
    `query($s: String, $l: AdminLevel, $on: Date) { adminUnits(search: $s, level: $l, on: $on, first: 20) {
      id code name level validFrom validTo
      ... on District { province { code name } }
      ... on Commune { district { code name } province { code name } } } }`,
    { s: search, l: options.level ?? null, on: options.on ?? null },
    signal,
  );
  return d.adminUnits.map((u) => ({ ...u, district: u.district ?? null, province: u.province ?? null }));
}

export interface IndicatorHit {
  readonly code: string;
  readonly name: string;
  readonly unit: string;
  readonly decimals: number;
  readonly category: string;
}

export async function listIndicators(client: GraphQLClient): Promise<IndicatorHit[]> {
  const d = await client.request<{ indicators: IndicatorHit[] }>('{ indicators { code name unit decimals category } }');
  return d.indicators;
}

export interface TermHit {
  readonly id: string;
  readonly congressRoman: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly title: string;
}

/**
 * The terms of one unit — a province, a district or a commune — named by its id: codes repeat
 * across the 2025 reorganisation (37 names old and merged Ninh Bình), ids do not.
 */
export async function listTerms(client: GraphQLClient, unit: Pick<UnitHit, 'id' | 'code'>): Promise<TermHit[]> {
  const d = await client.request<{ terms: TermHit[] }>(
    'query($c: String, $id: ID) { terms(unitCode: $c, unitId: $id) { id congressRoman startYear endYear title } }',
    { c: unit.code, id: unit.id },
  );
  return d.terms;
}

const OBSERVATION_FIELDS =
  'unit { id code name } indicator { code name unit decimals } period value status source note version updatedAt updatedBy';

/** Every observation matching `filter`, through the `observations` connection. */
export async function fetchObservations(
  client: GraphQLClient,
  filter: Record<string, unknown>,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<ServerObservation[]> {
  const pageSize = 2000;
  const out: ServerObservation[] = [];
  let after: string | null = null;
  for (;;) {
    const d: {
      observations: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        nodes: ServerObservation[];
      };
    } = await client.request(
      `query($f: ObservationFilter!, $n: Int!, $a: String) { observations(filter: $f, first: $n, after: $a) {
          totalCount pageInfo { hasNextPage endCursor } nodes { ${OBSERVATION_FIELDS} } } }`,
      { f: filter, n: pageSize, a: after },
      signal,
    );
    out.push(...d.observations.nodes);
    onProgress?.(out.length, d.observations.totalCount);
    if (!d.observations.pageInfo.hasNextPage || !d.observations.pageInfo.endCursor) return out;
    after = d.observations.pageInfo.endCursor;
  }
}

interface TermQuery {
  term: {
    id: string;
    congressRoman: string;
    startYear: number;
    endYear: number;
    title: string;
    unit: { id: string; code: string; name: string; shortName: string };
    targets: TargetInfo[];
  } | null;
}

export interface TermSheetData extends TermSheetSource {
  readonly congressRoman: string;
  readonly unitShortName: string;
  /** False when the server could not compute progress (older server): the columns stay empty. */
  readonly hasProgress: boolean;
}

/** A term's targets, its unit's yearly observations for the term's years, and progress. */
export async function fetchTermSheet(
  client: GraphQLClient,
  termId: string,
  onProgress?: Progress,
  signal?: AbortSignal,
): Promise<TermSheetData> {
  const d = await client.request<TermQuery>(
    `query($id: ID!) { term(id: $id) { id congressRoman startYear endYear title unit { id code name shortName }
      targets { period value comparator indicator { code name unit decimals } } } }`,
    { id: termId },
    signal,
  );
  if (!d.term) throw new Error(`Term ${termId} not found`);
  const t = d.term;
  const term: TermInfo = {
    id: t.id,
    unitCode: t.unit.code,
    unitId: t.unit.id,
    unitName: t.unit.name,
    startYear: t.startYear,
    endYear: t.endYear,
    title: t.title,
  };
  const years: string[] = [];
  for (let y = t.startYear; y <= t.endYear; y++) years.push(String(y));
  const observations = await fetchObservations(
    client,
    { unitCodes: [t.unit.code], periods: years },
    onProgress,
    signal,
  );
  const progress = await fetchProgress(client, termId, { term, targets: t.targets, observations }, signal);
  return {
    term,
    targets: t.targets,
    observations,
    progress: progress ?? [],
    hasProgress: progress !== null,
    congressRoman: t.congressRoman,
    unitShortName: t.unit.shortName,
  };
}

/**
 * Progress per target row, or null when the server has no `progress` field. Asked separately so a
 * server without analytics still serves the term sheet.
 */
async function fetchProgress(
  client: GraphQLClient,
  termId: string,
  src: TermSheetSource,
  signal?: AbortSignal,
): Promise<ProgressInfo[] | null> {
  type Row = {
    period: string;
    indicator: { code: string };
    progress: { ratio: number | null; band: ProgressInfo['band'] };
  };
  let rows: Row[];
  try {
    const d = await client.request<{ term: { targets: Row[] } | null }>(
      'query($id: ID!) { term(id: $id) { targets { period indicator { code } progress { ratio band } } } }',
      { id: termId },
      signal,
    );
    rows = d.term?.targets ?? [];
  } catch (e) {
    if ((e as { kind?: string }).kind === 'OUTDATED_SERVER') return null;
    throw e;
  }
  // The sheet shows one target per indicator; its progress is that target's, not another's.
  const shown = new Map(termTableFrom(src).rows.map((r) => [r.indicatorCode, r.target?.period]));
  return rows
    .filter((r) => shown.get(r.indicator.code) === r.period)
    .map((r) => ({ indicatorCode: r.indicator.code, ratio: r.progress.ratio, band: r.progress.band }));
}

export type { ObservationStatus, Catalog };
