/**
 * Excel.Range of the stand-in: values, formulas, numberFormat and text, 2-D arrays whose nulls
 * leave cells unchanged, formats, input messages, clearing and selecting. Writes wait for the sync;
 * a protected sheet refuses them.
 */
import type { Rect } from '../address';
import { qualified, rectAddress } from '../address';
import { displayText } from '../display';
import { fail } from '../errors';
import type { Cell, Sheet } from '../model';
import { asValue, cellKey, CellError } from '../model';
import { guardProtected } from '../tables';
import type { Batch } from './context';
import { Binding, ClientObject } from './context';
import { ConditionalFormatCollection } from './conditional';

/** A read of more cells than this fails (the documented 5,000,000-cell limit for range reads). */
const MAX_READ_CELLS = 5_000_000;

type Where = { sheet: Sheet; rect: Rect };

export class Range extends ClientObject {
  protected readonly _defaults = [
    'address',
    'values',
    'formulas',
    'numberFormat',
    'text',
    'rowIndex',
    'columnIndex',
    'rowCount',
    'columnCount',
    'valueTypes',
  ];
  private readonly _rect: Binding<Rect>;

  constructor(
    ctx: Batch,
    private readonly _sheet: () => Sheet,
    locate: () => Rect | null,
    /** The address as the add-in asked for it (for the call log). */
    readonly __address: string,
  ) {
    super(ctx);
    this._rect = new Binding(ctx, locate);
  }

  /** Resolves sheet and rectangle (once per sync, like an object path). */
  _where(): Where | null {
    const sheet = this._sheet();
    const rect = this._rect.get();
    return rect ? { sheet, rect } : null;
  }

  private _must(): Where {
    const w = this._where();
    if (!w) fail('ItemNotFound', 'The range does not exist (null object).');
    return w;
  }

  _book() {
    return this._ctx.book;
  }

  private _grid<T>(fn: (c: Cell | undefined, row: number, col: number, sheet: Sheet) => T): T[][] {
    const { sheet, rect } = this._must();
    if (rect.rows * rect.cols > MAX_READ_CELLS) fail('RangeExceedsLimit', 'The range is too large to read.');
    const out: T[][] = [];
    for (let r = rect.row; r < rect.row + rect.rows; r++) {
      const row: T[] = [];
      for (let c = rect.col; c < rect.col + rect.cols; c++) row.push(fn(this._book().peek(sheet, r, c), r, c, sheet));
      out.push(row);
    }
    return out;
  }

  protected _read(p: string): unknown {
    if (p === 'isNullObject') return this._where() === null;
    const w = this._where();
    if (!w) return null;
    const book = this._book();
    switch (p) {
      case 'address':
        return qualified(w.sheet.name, w.rect);
      case 'addressLocal':
        return qualified(w.sheet.name, w.rect);
      case 'rowIndex':
        return w.rect.row;
      case 'columnIndex':
        return w.rect.col;
      case 'rowCount':
        return w.rect.rows;
      case 'columnCount':
        return w.rect.cols;
      case 'cellCount':
        return w.rect.rows * w.rect.cols;
      case 'values':
        return this._grid((_c, r, c, s) => asValue(book.value(s, r, c)));
      case 'text':
        return this._grid((c, r, col, s) => displayText(book.value(s, r, col), c?.format, book.locale));
      case 'formulas':
        return this._grid((c, r, col, s) => c?.formula ?? asValue(book.value(s, r, col)));
      case 'numberFormat':
        return this._grid((c) => c?.format ?? 'General');
      case 'valueTypes':
        return this._grid((_c, r, col, s) => {
          const v = book.value(s, r, col);
          if (v === null || v === '') return 'Empty';
          if (v instanceof CellError) return 'Error';
          return typeof v === 'number' ? 'Double' : typeof v === 'boolean' ? 'Boolean' : 'String';
        });
      case 'columnHidden': {
        const all = Array.from({ length: w.rect.cols }, (_, i) => w.sheet.hiddenColumns.has(w.rect.col + i));
        return all.every(Boolean) ? true : all.some(Boolean) ? null : false;
      }
      default:
        return fail('InvalidArgument', `The stand-in does not model Range.${p}.`);
    }
  }

  get isNullObject(): boolean {
    return this._get('isNullObject') as boolean;
  }
  get address(): string {
    return this._get('address') as string;
  }
  get rowIndex(): number {
    return this._get('rowIndex') as number;
  }
  get columnIndex(): number {
    return this._get('columnIndex') as number;
  }
  get rowCount(): number {
    return this._get('rowCount') as number;
  }
  get columnCount(): number {
    return this._get('columnCount') as number;
  }
  get text(): string[][] {
    return this._get('text') as string[][];
  }
  get valueTypes(): string[][] {
    return this._get('valueTypes') as string[][];
  }

  get values(): unknown[][] {
    return this._get('values') as unknown[][];
  }
  set values(v: unknown[][]) {
    this._write('values', v, (cell, x, sheet, r, c) => {
      if (x === '') {
        cell.value = null;
        delete cell.formula;
      } else this._book().enter(sheet, r, c, x, 'api');
    });
  }

  get formulas(): unknown[][] {
    return this._get('formulas') as unknown[][];
  }
  set formulas(v: unknown[][]) {
    this._write('formulas', v, (cell, x, sheet, r, c) => {
      if (x === '') {
        cell.value = null;
        delete cell.formula;
      } else this._book().enter(sheet, r, c, x, 'api');
    });
  }

  get numberFormat(): unknown[][] {
    return this._get('numberFormat') as unknown[][];
  }
  set numberFormat(v: unknown[][]) {
    this._write('numberFormat', v, (cell, x) => {
      if (x === '' || x === 'General') delete cell.format;
      else cell.format = String(x);
    });
  }

  get columnHidden(): boolean {
    return this._get('columnHidden') as boolean;
  }
  set columnHidden(v: boolean) {
    this._remember('columnHidden', v);
    this._op('columnHidden', v, ({ sheet, rect }) => {
      guardProtected(sheet);
      for (let c = rect.col; c < rect.col + rect.cols; c++)
        v ? sheet.hiddenColumns.add(c) : sheet.hiddenColumns.delete(c);
    });
  }

  /** Queues an action on this range; it runs at sync. */
  _op(op: string, args: unknown, run: (w: Where) => void, detail?: unknown): void {
    this._ctx.enqueue({ op, address: this.__address, args, detail, run: () => run(this._must()) });
  }

  /**
   * A 2-D write: the array must match the range; a single value goes to every cell; null (in the
   * array) leaves that cell as it is, null for the whole property is refused.
   */
  private _write(
    prop: string,
    v: unknown,
    apply: (cell: Cell, x: unknown, sheet: Sheet, r: number, c: number) => void,
  ): void {
    if (v === null || v === undefined) fail('InvalidArgument', `null isn't a valid input for Range.${prop}.`);
    this._remember(prop, v);
    this._op(
      prop,
      v,
      ({ sheet, rect }) => {
        guardProtected(sheet);
        const book = this._book();
        if (!Array.isArray(v)) {
          book.each(sheet, rect, (cell, r, c) => apply(cell, v, sheet, r, c), rect.rows * rect.cols <= 2_000_000);
          return;
        }
        if (v.length !== rect.rows || v.some((row) => !Array.isArray(row) || row.length !== rect.cols))
          fail(
            'InvalidArgument',
            `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${rectAddress(rect)}).`,
          );
        for (let i = 0; i < rect.rows; i++) {
          const row = v[i] as unknown[];
          for (let j = 0; j < rect.cols; j++) {
            const x = row[j];
            if (x === null || x === undefined) continue;
            apply(book.cell(sheet, rect.row + i, rect.col + j), x, sheet, rect.row + i, rect.col + j);
          }
        }
      },
      { rows: Array.isArray(v) ? v.length : 1 },
    );
  }

  readonly format: RangeFormat = new RangeFormat(this);
  private _conditional: ConditionalFormatCollection | undefined;
  /** ExcelApi 1.6 (conditional.ts). */
  get conditionalFormats(): ConditionalFormatCollection {
    return (this._conditional ??= new ConditionalFormatCollection(this._ctx, this));
  }
  private _validation: DataValidation | undefined;
  get dataValidation(): DataValidation {
    if (!this._validation) {
      this._ctx.requires('1.8', 'Range.dataValidation');
      this._validation = new DataValidation(this);
    }
    return this._validation;
  }

  /** Clears "All" (the default), "Contents" or "Formats". */
  clear(applyTo: 'All' | 'Contents' | 'Formats' = 'All'): void {
    this._op('clear', applyTo, ({ sheet, rect }) => {
      guardProtected(sheet);
      this._book().each(
        sheet,
        rect,
        (cell, r, c) => {
          if (applyTo === 'All') sheet.cells.delete(cellKey(r, c));
          if (applyTo === 'Contents') {
            cell.value = null;
            delete cell.formula;
          }
          if (applyTo === 'Formats') {
            delete cell.format;
            cell.fill = null;
            cell.font = null;
          }
        },
        false,
      );
    });
  }

  select(): void {
    this._op('select', undefined, ({ sheet, rect }) => {
      this._book().activeSheetId = sheet.id;
      this._book().selection = { sheet: sheet.name, address: rectAddress(rect) };
    });
  }

  getCell(row: number, col: number): Range {
    return new Range(
      this._ctx,
      this._sheet,
      () => {
        const w = this._must();
        return { row: w.rect.row + row, col: w.rect.col + col, rows: 1, cols: 1 };
      },
      `${this.__address}[${row},${col}]`,
    );
  }
}

/** Cells of a rectangle for a format change; whole columns and sheets touch only existing cells. */
function eachCell(range: Range, w: Where, fn: (c: Cell) => void, create = true): void {
  guardProtected(w.sheet);
  range._book().each(w.sheet, w.rect, fn, create && w.rect.rows * w.rect.cols <= 2_000_000);
}

class RangeFill {
  constructor(private readonly range: Range) {}
  set color(c: string) {
    if (c === null || c === undefined) fail('InvalidArgument', "null isn't a valid input for fill.color.");
    this.range._op('fill.color', c, (w) => eachCell(this.range, w, (cell) => (cell.fill = c)), c);
  }
  clear(): void {
    this.range._op('fill.clear', undefined, (w) => eachCell(this.range, w, (cell) => (cell.fill = null), false));
  }
}

class RangeFont {
  constructor(private readonly range: Range) {}
  set color(c: string) {
    if (c === null || c === undefined) fail('InvalidArgument', "null isn't a valid input for font.color.");
    this.range._op('font.color', c, (w) => eachCell(this.range, w, (cell) => (cell.font = c)), c);
  }
}

class RangeFormat {
  readonly fill: RangeFill;
  readonly font: RangeFont;
  constructor(private readonly range: Range) {
    this.fill = new RangeFill(range);
    this.font = new RangeFont(range);
  }
  autofitColumns(): void {
    this.range._op('autofitColumns', undefined, () => {});
  }
}

/** Input messages and validation rules (ExcelApi 1.8). */
class DataValidation {
  constructor(private readonly range: Range) {}
  set prompt(p: { showPrompt?: boolean; title?: string; message?: string }) {
    this.range._op(
      'dataValidation.prompt',
      p,
      (w) => eachCell(this.range, w, (cell) => (cell.prompt = { title: p.title ?? '', message: p.message ?? '' })),
      p,
    );
  }
  set rule(rule: unknown) {
    this.range._op(
      'dataValidation.rule',
      rule,
      (w) => eachCell(this.range, w, (cell) => (cell.validation = rule)),
      rule,
    );
  }
  clear(): void {
    this.range._op('dataValidation.clear', undefined, (w) =>
      eachCell(
        this.range,
        w,
        (cell) => {
          cell.prompt = null;
          cell.validation = null;
        },
        false,
      ),
    );
  }
}
