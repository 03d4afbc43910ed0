/**
 * Custom functions as Excel runs them (docs/excel-behaviours.md, "Custom functions"), from
 * Microsoft's documentation:
 * - metadata (functions.json, one file per language) is checked against the naming rules: `id` only
 *   A–Z, 0–9, "_" and "."; `name` Unicode letters, "_" and "."; both start with a letter and have at
 *   least 3 characters; neither reads as a cell reference or an Excel 4.0 macro function; ids unique;
 *   `parameters` and `result` present, types boolean/number/string/any, dimensionality scalar/matrix
 *   (custom-functions-naming, custom-functions-json);
 * - a formula names a function by the namespace and the `name` of the Excel's language, case ignored;
 *   an unknown name, or an id never associated, is #NAME?;
 * - arguments are separated by the locale's list separator (";" in vi-VN, "," in en-US); an omitted
 *   optional argument arrives as null, and an Invocation object follows the declared parameters
 *   (custom-functions-parameter-options);
 * - one recalculation calls every function cell without waiting for the others (Excel may hand the
 *   calls over in several groups: `callsPerTick`), then waits for their promises;
 * - a thrown or rejected CustomFunctions.Error shows its error value (#N/A, #VALUE!, #NUM!, #DIV/0!,
 *   #NULL!; #N/A and #VALUE! with the message); anything else thrown is #VALUE! (custom-functions-errors);
 * - CustomFunctions exists from CustomFunctionsRuntime 1.1; CustomFunctions.Error and ErrorCode need
 *   1.2 (ApiNotFound below); the functions share the task pane's page only with SharedRuntime 1.1.
 */
import { fail } from '../errors';
import type { Locale } from '../input';
import { separators } from '../input';

export interface ParameterMetadata {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
  repeating?: boolean;
}

export interface FunctionMetadata {
  id: string;
  name: string;
  description?: string;
  parameters: ParameterMetadata[];
  result: { type?: string; dimensionality?: string };
  options?: Record<string, boolean>;
}

export interface MetadataFile {
  functions: FunctionMetadata[];
}

/** Excel 4.0 macro functions a name must not match (a sample of Microsoft's list: RUN, ECHO, …). */
const MACRO_FUNCTIONS = new Set([
  'RUN',
  'ECHO',
  'HALT',
  'RETURN',
  'GOTO',
  'ALERT',
  'CALL',
  'REGISTER',
  'EXEC',
  'FOPEN',
]);

/** A1 … XFD1048576 or R1C1 … R1048576C16384. */
function looksLikeCell(name: string): boolean {
  const a1 = /^([A-Z]{1,3})(\d{1,7})$/i.exec(name);
  if (a1) {
    const col = a1[1]!
      .toUpperCase()
      .split('')
      .reduce((n, c) => n * 26 + c.charCodeAt(0) - 64, 0);
    const row = Number(a1[2]);
    return col <= 16384 && row >= 1 && row <= 1048576;
  }
  const r1c1 = /^R(\d{1,7})C(\d{1,5})$/i.exec(name);
  return (
    !!r1c1 && Number(r1c1[1]) >= 1 && Number(r1c1[1]) <= 1048576 && Number(r1c1[2]) >= 1 && Number(r1c1[2]) <= 16384
  );
}

const ID_RULE = /^[A-Z][A-Z0-9_.]{2,}$/;
const NAME_RULE = /^\p{L}[\p{L}_.]{2,}$/u;
const TYPES = new Set(['boolean', 'number', 'string', 'any']);
const DIMENSIONS = new Set(['scalar', 'matrix']);

/** What Excel would refuse in a metadata file; empty when it registers. */
export function metadataProblems(file: unknown): string[] {
  const out: string[] = [];
  const f = file as Partial<MetadataFile> | null;
  if (!f || !Array.isArray(f.functions)) return ['"functions" must be an array'];
  const ids = new Set<string>();
  const names = new Set<string>();
  for (const fn of f.functions) {
    const where = `function ${JSON.stringify(fn.id)}`;
    if (typeof fn.id !== 'string' || !ID_RULE.test(fn.id))
      out.push(`${where}: id must start with a letter, have 3+ characters, only A–Z 0–9 _ .`);
    if (typeof fn.name !== 'string' || !NAME_RULE.test(fn.name))
      out.push(`${where}: name must start with a letter, have 3+ characters, only letters _ .`);
    for (const n of [fn.id, fn.name])
      if (typeof n === 'string' && (looksLikeCell(n) || MACRO_FUNCTIONS.has(n.toUpperCase())))
        out.push(`${where}: "${n}" reads as a cell reference or an Excel 4.0 macro function`);
    if (ids.has(fn.id)) out.push(`${where}: duplicate id`);
    ids.add(fn.id);
    const upper = String(fn.name).toUpperCase();
    if (names.has(upper)) out.push(`${where}: duplicate name`);
    names.add(upper);
    if (!Array.isArray(fn.parameters)) out.push(`${where}: parameters must be an array`);
    if (!fn.result || typeof fn.result !== 'object') out.push(`${where}: result is required`);
    for (const p of fn.parameters ?? []) {
      if (typeof p.name !== 'string' || p.name === '') out.push(`${where}: a parameter has no name`);
      if (p.type !== undefined && !TYPES.has(p.type)) out.push(`${where}: parameter ${p.name}: type ${p.type}`);
      if (p.dimensionality !== undefined && !DIMENSIONS.has(p.dimensionality))
        out.push(`${where}: parameter ${p.name}: dimensionality ${p.dimensionality}`);
    }
    if (fn.result?.type !== undefined && !TYPES.has(fn.result.type))
      out.push(`${where}: result type ${fn.result.type}`);
  }
  return out;
}

export const namespaceProblems = (ns: string) =>
  ID_RULE.test(ns) ? [] : [`namespace "${ns}": start with a letter, 3+ characters, only A–Z 0–9 _ .`];

const ERROR_VALUES = {
  divisionByZero: '#DIV/0!',
  invalidName: '#NAME?',
  invalidNumber: '#NUM!',
  invalidReference: '#REF!',
  invalidValue: '#VALUE!',
  notAvailable: '#N/A',
  nullReference: '#NULL!',
} as const;
type ErrorCodeName = keyof typeof ERROR_VALUES;
/** Error values a function may return (#NAME? and #REF! are input errors only). */
const OUTPUT_ERRORS = new Set<string>(['#DIV/0!', '#NUM!', '#VALUE!', '#N/A', '#NULL!']);

/** A cell's value after a recalculation. */
export type FunctionCellValue = number | string | boolean | { error: string; message?: string };

export interface CustomFunctionsOptions {
  /** Metadata per Excel language; the first is the default (manifest DefaultValue). */
  metadata: Partial<Record<Locale, MetadataFile>>;
  namespace: string;
  locale: Locale;
  /** CustomFunctionsRuntime version; null: none (no CustomFunctions global). Default 1.3. */
  runtimeVersion?: string | null;
  /** SharedRuntime version; null: none. Default 1.1. */
  sharedRuntime?: string | null;
}

const atLeast = (have: string | null | undefined, want: string) => {
  if (!have) return false;
  const [a, b] = have.split('.').map(Number) as [number, number];
  const [x, y] = want.split('.').map(Number) as [number, number];
  return a > x || (a === x && b >= y);
};

class StandInFunctionError extends Error {
  constructor(
    readonly code: string,
    message?: string,
  ) {
    super(message ?? '');
    this.name = 'CustomFunctions.Error';
  }
}

/** The custom-functions host of one workbook: the `CustomFunctions` global and the recalculation. */
export class CustomFunctionsHost {
  private readonly associated = new Map<string, (...args: unknown[]) => unknown>();
  private readonly byName = new Map<string, FunctionMetadata>();
  /** Formulas of the function cells, by address, and their values after the last recalculation. */
  readonly cells = new Map<string, { formula: string; value: FunctionCellValue | null }>();
  recalculations = 0;

  constructor(readonly opts: CustomFunctionsOptions) {
    const file = opts.metadata[opts.locale] ?? Object.values(opts.metadata)[0];
    const problems = [...namespaceProblems(opts.namespace), ...metadataProblems(file)];
    if (problems.length) throw new Error(`Excel does not register these functions: ${problems.join('; ')}`);
    for (const fn of file!.functions) this.byName.set(`${opts.namespace}.${fn.name}`.toUpperCase(), fn);
  }

  supports(set: string, version: string): boolean {
    if (set === 'CustomFunctionsRuntime')
      return atLeast(this.opts.runtimeVersion === undefined ? '1.3' : this.opts.runtimeVersion, version);
    if (set === 'SharedRuntime')
      return atLeast(this.opts.sharedRuntime === undefined ? '1.1' : this.opts.sharedRuntime, version);
    return false;
  }

  /** The `CustomFunctions` global, or undefined below CustomFunctionsRuntime 1.1. */
  global(): unknown {
    if (!this.supports('CustomFunctionsRuntime', '1.1')) return undefined;
    const host = this;
    const v12 = this.supports('CustomFunctionsRuntime', '1.2');
    const ErrorClass = function (this: unknown, code: string, message?: string) {
      if (!v12) fail('ApiNotFound', 'CustomFunctions.Error needs CustomFunctionsRuntime 1.2.');
      if (!Object.values(ERROR_VALUES).includes(code as never) && !(code in ERROR_VALUES))
        fail('InvalidArgument', `Not a CustomFunctions.ErrorCode: ${code}`);
      return new StandInFunctionError(code, message);
    } as unknown as new (code: string, message?: string) => Error;
    return {
      associate(
        idOrMappings: string | Record<string, (...a: unknown[]) => unknown>,
        fn?: (...a: unknown[]) => unknown,
      ) {
        const pairs = typeof idOrMappings === 'string' ? [[idOrMappings, fn!] as const] : Object.entries(idOrMappings);
        for (const [id, f] of pairs) {
          if (typeof f !== 'function') fail('InvalidArgument', `associate(${id}): not a function`);
          host.associated.set(id.toUpperCase(), f);
        }
      },
      Error: ErrorClass,
      get ErrorCode() {
        if (!v12) return undefined;
        return Object.fromEntries(Object.entries(ERROR_VALUES).map(([k, v]) => [k, v]));
      },
    };
  }

  /** Puts formulas in cells (A1, A2, … when given as a list). */
  enter(formulas: readonly string[] | Record<string, string>): void {
    const entries = Array.isArray(formulas)
      ? formulas.map((f, i) => [`A${i + 1}`, f] as const)
      : Object.entries(formulas as Record<string, string>);
    for (const [address, formula] of entries) this.cells.set(address, { formula, value: null });
  }

  /**
   * One recalculation of every function cell: all calls made before any answer is awaited, in
   * groups of `callsPerTick` (each group a task of its own, as Excel may deliver them).
   */
  async recalculate(opts: { callsPerTick?: number } = {}): Promise<FunctionCellValue[]> {
    this.recalculations++;
    const cells = [...this.cells.values()];
    const per = opts.callsPerTick ?? cells.length;
    const results: Promise<FunctionCellValue>[] = [];
    for (let i = 0; i < cells.length; i++) {
      if (i > 0 && i % per === 0) await new Promise((r) => setTimeout(r, 0));
      results.push(this.call(cells[i]!.formula));
    }
    const values = await Promise.all(results);
    cells.forEach((c, i) => (c.value = values[i]!));
    return values;
  }

  private call(formula: string): Promise<FunctionCellValue> {
    const parsed = parseFormula(formula, this.opts.locale);
    if (!parsed) return Promise.resolve({ error: '#NAME?' });
    const meta = this.byName.get(parsed.name.toUpperCase());
    const fn = meta && this.associated.get(meta.id.toUpperCase());
    if (!meta || !fn) return Promise.resolve({ error: '#NAME?' });
    const required = meta.parameters.filter((p) => !p.optional).length;
    if (parsed.args.length < required || parsed.args.length > meta.parameters.length)
      return Promise.resolve({ error: '#VALUE!' }); // Excel refuses the formula itself; shown here as #VALUE!
    const args = meta.parameters.map((_, i) => (i < parsed.args.length ? parsed.args[i] : null));
    const invocation = { functionName: meta.id };
    return Promise.resolve()
      .then(() => fn(...args, invocation))
      .then(
        (v) => resultValue(v),
        (e: unknown) => errorValue(e),
      );
  }
}

function resultValue(v: unknown): FunctionCellValue {
  if (v instanceof StandInFunctionError) return errorValue(v);
  if (typeof v === 'number') return Number.isFinite(v) ? v : { error: '#NUM!' };
  if (typeof v === 'string' || typeof v === 'boolean') return v;
  if (v === null || v === undefined) return 0;
  return { error: '#VALUE!' };
}

function errorValue(e: unknown): FunctionCellValue {
  if (!(e instanceof StandInFunctionError)) return { error: '#VALUE!' };
  const value = (ERROR_VALUES as Record<string, string>)[e.code] ?? e.code;
  if (!OUTPUT_ERRORS.has(value)) return { error: '#VALUE!' };
  // Only #VALUE! and #N/A carry a custom message.
  return value === '#VALUE!' || value === '#N/A' ? { error: value, message: e.message || undefined } : { error: value };
}

/** `=NS.NAME(arg; arg)`: text in quotes ("" for a quote) or numbers written in the locale. */
export function parseFormula(formula: string, locale: Locale): { name: string; args: (string | number)[] } | null {
  const m = /^=\s*([\p{L}_][\p{L}\d_.]*)\s*\((.*)\)\s*$/su.exec(formula);
  if (!m) return null;
  const { decimal } = separators(locale);
  const list = decimal === ',' ? ';' : ',';
  const args: (string | number)[] = [];
  const body = m[2]!;
  let i = 0;
  const skip = () => {
    while (body[i] === ' ') i++;
  };
  skip();
  if (i === body.length) return { name: m[1]!, args };
  for (;;) {
    skip();
    if (body[i] === '"') {
      let s = '';
      i++;
      for (;;) {
        if (i >= body.length) return null;
        if (body[i] === '"') {
          if (body[i + 1] === '"') {
            s += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        s += body[i++];
      }
      args.push(s);
    } else {
      let j = i;
      while (j < body.length && body[j] !== list) j++;
      const raw = body.slice(i, j).trim();
      const n = Number(decimal === ',' ? raw.replace(',', '.') : raw);
      if (raw === '' || !Number.isFinite(n) || (decimal === ',' && raw.includes('.'))) return null;
      args.push(n);
      i = j;
    }
    skip();
    if (i === body.length) return { name: m[1]!, args };
    if (body[i] !== list) return null;
    i++;
  }
}

export type { ErrorCodeName };
