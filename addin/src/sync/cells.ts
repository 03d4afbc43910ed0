/**
 * The Excel functions' engine (CHITIEU.GIATRI, .MUCTIEU, .TYLEDAT, .XEPHANG), pure: arguments as
 * Excel passes them become a cell request or a #VALUE! at once; requests made during one
 * recalculation are collected and sent as one `cellValues` request (Microsoft's batching pattern:
 * push each call, flush once the batch window ends); answers are cached per function and
 * arguments until `clear()` (the pane's refresh). Excel's globals stay in excel/functions.ts.
 */
import { MAX_CELLS, parseTerm, type CellFunction } from '../../../schema/contract/cells';
import { parsePeriod } from '../../../schema/contract/period';
import { isReasonCode, REASONS } from '../../../schema/contract/reasons';

export type { CellFunction };
export type FunctionsLang = 'vi' | 'en';

/** One cell as the server's `cellValues` takes it. */
export interface CellRequest {
  readonly function: CellFunction;
  readonly unitCode: string;
  readonly indicatorCode: string;
  readonly period?: string;
  readonly term?: string;
  readonly asOf?: string;
}

/** A cell's answer from the server. */
export interface ServerCell {
  readonly value: number | null;
  readonly code: string | null;
  readonly message: string | null;
}

/** What the function returns: a number, or an error Excel shows as #N/A or #VALUE! with a message. */
export type CellOutcome =
  | { readonly ok: true; readonly value: number }
  | { readonly ok: false; readonly error: 'notAvailable' | 'invalidValue'; readonly message: string };

/** Sends cells to the server, one answer per cell in order (api/cells.ts). */
export type CellFetcher = (cells: readonly CellRequest[]) => Promise<readonly ServerCell[]>;

const TEXT = {
  argMissing: { vi: 'Thiếu đối số {name}', en: 'The {name} argument is missing' },
  argNotText: {
    vi: '{name} phải là mã hoặc số, không phải {got}',
    en: '{name} must be a code or a number, not {got}',
  },
  badPeriod: {
    vi: 'Kỳ "{v}" không hợp lệ: viết 2024, 2024-H1, 2024-Q3, 2024-07 hoặc 2021..2023',
    en: 'Period "{v}" is not valid: write 2024, 2024-H1, 2024-Q3, 2024-07 or 2021..2023',
  },
  badTerm: {
    vi: 'Nhiệm kỳ "{v}" không hợp lệ: viết năm đầu-năm cuối, ví dụ 2020-2025',
    en: 'Term "{v}" is not valid: write its first and last year, e.g. 2020-2025',
  },
  UNKNOWN_UNIT: { vi: 'Không có đơn vị mã {unit}', en: 'No unit has code {unit}' },
  UNKNOWN_INDICATOR: { vi: 'Không có chỉ tiêu mã {indicator}', en: 'No indicator has code {indicator}' },
  UNKNOWN_TERM: { vi: 'Đơn vị {unit} không có nhiệm kỳ {term}', en: 'Unit {unit} has no congress term {term}' },
  NO_TARGET: {
    vi: 'Nghị quyết nhiệm kỳ {term} của đơn vị {unit} không đặt chỉ tiêu {indicator}',
    en: 'The {term} resolution of unit {unit} sets no target for {indicator}',
  },
  NO_OBSERVATION: {
    vi: 'Chưa có số liệu {indicator} của đơn vị {unit}',
    en: 'No value of {indicator} for unit {unit}',
  },
  unreachable: { vi: 'Không lấy được số liệu từ máy chủ: {why}', en: 'Cannot get the figures from the server: {why}' },
  notSignedIn: {
    vi: 'Chưa kết nối máy chủ: mở ngăn Chỉ tiêu và đăng nhập',
    en: 'Not connected: open the Indicators pane and sign in',
  },
} as const;

const fill = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => vars[k] ?? '');

/** The argument names as the metadata (functions.json) shows them, for messages. */
const ARG_NAMES: Record<FunctionsLang, string[]> = {
  vi: ['đơn vị', 'chỉ tiêu', 'kỳ', 'tính đến kỳ'],
  en: ['unit', 'indicator', 'period', 'as of'],
};

const invalid = (message: string): CellOutcome => ({ ok: false, error: 'invalidValue', message });
const notAvailable = (message: string): CellOutcome => ({ ok: false, error: 'notAvailable', message });

/**
 * A code or period as Excel passes it: text (trimmed) or a whole number (=CHITIEU.GIATRI(16; …)
 * passes 16; a code with leading zeros must be typed as text, "01"). Null: missing.
 */
function argText(v: unknown): string | null | { bad: string } {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return Number.isInteger(v) && v >= 0 ? String(v) : { bad: String(v) };
  return { bad: typeof v === 'boolean' ? String(v).toUpperCase() : typeof v };
}

/**
 * The request for one call, or the #VALUE! it is: missing or non-code arguments, a period or term
 * that does not parse. `args` are the function's declared parameters, in order (Excel passes
 * null for an omitted optional one).
 */
export function cellRequest(
  fn: CellFunction,
  args: readonly unknown[],
  lang: FunctionsLang,
): CellRequest | CellOutcome {
  const names = ARG_NAMES[lang];
  const third = fn === 'TARGET' || fn === 'PROGRESS' ? (lang === 'vi' ? 'nhiệm kỳ' : 'term') : names[2]!;
  const labels = [names[0]!, names[1]!, third, names[3]!];
  const texts: string[] = [];
  const count = fn === 'PROGRESS' ? 4 : 3;
  for (let i = 0; i < count; i++) {
    const t = argText(args[i]);
    if (t === null) {
      if (i === 3) break; // asOf is optional
      return invalid(fill(TEXT.argMissing[lang], { name: labels[i]! }));
    }
    if (typeof t === 'object') return invalid(fill(TEXT.argNotText[lang], { name: labels[i]!, got: t.bad }));
    texts.push(t);
  }
  const [unitCode, indicatorCode, third3, asOf] = texts as [string, string, string, string | undefined];
  if (fn === 'VALUE' || fn === 'RANK') {
    if (!parsePeriod(third3)) return invalid(fill(TEXT.badPeriod[lang], { v: third3 }));
    return { function: fn, unitCode, indicatorCode, period: third3 };
  }
  if (!parseTerm(third3)) return invalid(fill(TEXT.badTerm[lang], { v: third3 }));
  const term = third3.replace(/\s/g, '');
  if (asOf !== undefined && !parsePeriod(asOf)) return invalid(fill(TEXT.badPeriod[lang], { v: asOf }));
  return { function: fn, unitCode, indicatorCode, term, ...(asOf !== undefined ? { asOf } : {}) };
}

export const isOutcome = (r: CellRequest | CellOutcome): r is CellOutcome => 'ok' in r;

/** The cache key: the function and its arguments. */
export const cellCacheKey = (r: CellRequest) =>
  JSON.stringify([r.function, r.unitCode, r.indicatorCode, r.period ?? null, r.term ?? null, r.asOf ?? null]);

/** The server's answer as the cell shows it: bad arguments #VALUE!, anything else without a value #N/A. */
export function outcomeOf(cell: ServerCell, req: CellRequest, lang: FunctionsLang): CellOutcome {
  if (cell.value !== null && cell.code === null) return { ok: true, value: cell.value };
  const code = cell.code ?? 'NO_OBSERVATION';
  const vars = {
    unit: req.unitCode,
    indicator: req.indicatorCode,
    term: req.term ?? '',
    period: req.period ?? '',
  };
  const own = (TEXT as Record<string, { vi: string; en: string } | undefined>)[code];
  const message = own ? fill(own[lang], vars) : isReasonCode(code) ? REASONS[code][lang] : (cell.message ?? code);
  return code === 'INVALID_PERIOD' || code === 'INVALID_TERM' || code === 'INVALID_RANKING_LEVEL'
    ? invalid(message)
    : notAvailable(message);
}

/** #N/A for a request that did not get through (nothing cached: the next recalculation retries). */
export const unreachableOutcome = (why: string, lang: FunctionsLang): CellOutcome =>
  notAvailable(fill(TEXT.unreachable[lang], { why }));

export const notSignedInOutcome = (lang: FunctionsLang): CellOutcome => notAvailable(TEXT.notSignedIn[lang]);

interface Waiting {
  readonly req: CellRequest;
  readonly promise: Promise<CellOutcome>;
  resolve(o: CellOutcome): void;
}

export interface CellBatcherOptions {
  readonly fetch: CellFetcher;
  /** Runs `flush` once the batch window ends (setTimeout in the add-in; by hand in tests). */
  readonly schedule: (flush: () => void) => void;
  readonly lang?: () => FunctionsLang;
  /** Cells per request (the server's limit). */
  readonly maxPerRequest?: number;
}

/**
 * Collects the cells of one recalculation into as few `cellValues` requests as the server's limit
 * allows (1 up to 5,000 distinct cells), answers repeated arguments once, and caches every
 * server answer — a value or a per-cell #N/A such as an unknown code — until `clear()`. A request
 * that fails (network, token) answers its cells with #N/A and caches nothing. A `clear()` while a
 * request is out drops that request's answers from the cache (they may predate the refresh).
 */
export class CellBatcher {
  private readonly cache = new Map<string, CellOutcome>();
  private readonly pending = new Map<string, Waiting>();
  private queue: Waiting[] = [];
  private scheduled = false;
  private generation = 0;
  /** Requests sent so far (for the pane and tests). */
  requests = 0;

  constructor(private readonly opts: CellBatcherOptions) {}

  private get lang(): FunctionsLang {
    return this.opts.lang?.() ?? 'vi';
  }

  evaluate(req: CellRequest): Promise<CellOutcome> {
    const key = cellCacheKey(req);
    const cached = this.cache.get(key);
    if (cached) return Promise.resolve(cached);
    const waiting = this.pending.get(key);
    if (waiting) return waiting.promise;
    let resolve!: (o: CellOutcome) => void;
    const promise = new Promise<CellOutcome>((r) => (resolve = r));
    const w: Waiting = { req, promise, resolve };
    this.pending.set(key, w);
    this.queue.push(w);
    if (!this.scheduled) {
      this.scheduled = true;
      this.opts.schedule(() => void this.flush());
    }
    return promise;
  }

  /** Forgets every answer: the next recalculation asks the server again. */
  clear(): void {
    this.cache.clear();
    this.generation++;
  }

  /** Answers cached now. */
  get size(): number {
    return this.cache.size;
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.queue;
    this.queue = [];
    const max = this.opts.maxPerRequest ?? MAX_CELLS;
    const parts: Waiting[][] = [];
    for (let i = 0; i < batch.length; i += max) parts.push(batch.slice(i, i + max));
    await Promise.all(parts.map((p) => this.send(p)));
  }

  private async send(part: Waiting[]): Promise<void> {
    const generation = this.generation;
    const lang = this.lang;
    this.requests++;
    let answers: readonly ServerCell[] | null = null;
    let failure: CellOutcome | null = null;
    try {
      answers = await this.opts.fetch(part.map((w) => w.req));
      if (answers.length !== part.length) throw new Error(`${answers.length} answers for ${part.length} cells`);
    } catch (e) {
      failure = (e as { outcome?: CellOutcome }).outcome ?? unreachableOutcome((e as Error).message, lang);
    }
    part.forEach((w, i) => {
      const key = cellCacheKey(w.req);
      this.pending.delete(key);
      const outcome = failure ?? outcomeOf(answers![i]!, w.req, lang);
      if (!failure && generation === this.generation) this.cache.set(key, outcome);
      w.resolve(outcome);
    });
  }
}

/** Thrown by a fetcher to answer every cell of the request with this outcome (not signed in). */
export class CellFetchError extends Error {
  constructor(readonly outcome: CellOutcome) {
    super(outcome.ok ? 'cell fetch' : outcome.message);
  }
}
