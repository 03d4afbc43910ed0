/// <reference types="office-js" />
/**
 * The Excel functions CHITIEU.GIATRI, .MUCTIEU, .TYLEDAT and .XEPHANG (English Excel:
 * CHITIEU.GETVALUE, .GETTARGET, .GETPROGRESS, .GETRANK): the ids of addin/public/functions.json
 * associated with their code, in the shared runtime (the task pane's page, manifest.xml). Every
 * call goes through one CellBatcher (sync/cells.ts): one request per recalculation, answers cached
 * until `refreshFunctions`. Errors are CustomFunctions.Error (#N/A, #VALUE! with a message:
 * CustomFunctionsRuntime 1.2).
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-json
 * https://learn.microsoft.com/office/dev/add-ins/excel/custom-functions-errors
 */
import {
  cellRequest,
  isOutcome,
  type CellBatcher,
  type CellFunction,
  type CellOutcome,
  type FunctionsLang,
} from '../sync';

/** The metadata ids (stable, never localised) and what each asks the server. */
export const FUNCTION_IDS: Readonly<Record<string, CellFunction>> = {
  GIATRI: 'VALUE',
  MUCTIEU: 'TARGET',
  TYLEDAT: 'PROGRESS',
  XEPHANG: 'RANK',
};

/** Declared parameters per function (Excel appends an Invocation argument after them). */
const ARITY: Readonly<Record<CellFunction, number>> = { VALUE: 3, TARGET: 3, PROGRESS: 4, RANK: 3 };

interface CustomFunctionsApi {
  associate(id: string, fn: (...args: unknown[]) => unknown): void;
  Error: new (code: string, message?: string) => Error;
  ErrorCode: { notAvailable: string; invalidValue: string };
}

const api = (): CustomFunctionsApi | null => {
  const g = globalThis as { CustomFunctions?: CustomFunctionsApi };
  return g.CustomFunctions ?? null;
};

/** The runtime this page runs in can host the functions: CustomFunctionsRuntime 1.2 (errors with messages) and a shared runtime. */
export function functionsSupported(): boolean {
  try {
    const req = typeof Office !== 'undefined' ? Office.context?.requirements : undefined;
    return (
      api() !== null &&
      req?.isSetSupported('CustomFunctionsRuntime', '1.2') === true &&
      req.isSetSupported('SharedRuntime', '1.1') === true
    );
  } catch {
    return false;
  }
}

function toResult(o: CellOutcome, cf: CustomFunctionsApi): number {
  if (o.ok) return o.value;
  throw new cf.Error(o.error === 'invalidValue' ? cf.ErrorCode.invalidValue : cf.ErrorCode.notAvailable, o.message);
}

/**
 * Associates the four functions with `batcher`. False (nothing registered) where the runtime has
 * no CustomFunctions or lacks the requirement sets: Excel then shows the functions' cells as it does
 * for an add-in that is not loaded.
 */
export function registerFunctions(batcher: CellBatcher, lang: () => FunctionsLang): boolean {
  const cf = api();
  if (!cf || !functionsSupported()) return false;
  for (const [id, fn] of Object.entries(FUNCTION_IDS)) {
    cf.associate(id, async (...args: unknown[]) => {
      const req = cellRequest(fn, args.slice(0, ARITY[fn]), lang());
      return toResult(isOutcome(req) ? req : await batcher.evaluate(req), cf);
    });
  }
  return true;
}

/**
 * The pane's refresh: forgets every cached answer and has Excel recalculate every formula
 * (CalculationType.full), so each function cell asks again, in one request.
 */
export async function refreshFunctions(batcher: CellBatcher): Promise<void> {
  batcher.clear();
  await Excel.run(async (ctx) => {
    ctx.workbook.application.calculate(Excel.CalculationType.full);
    await ctx.sync();
  });
}
