/** Excel.Worksheet and the worksheet collection. */
import { parseAddress } from '../address';
import { fail } from '../errors';
import type { Sheet } from '../model';
import { guardProtected } from '../tables';
import type { Batch } from './context';
import { Binding, ClientObject, Collection } from './context';
import { ChartCollection } from './chart';
import { PivotTableCollection } from './pivot';
import { Range } from './range';
import { TableCollection } from './table';

export class Worksheet extends ClientObject {
  protected readonly _defaults = ['id', 'name', 'visibility', 'position'];
  private readonly _bound: Binding<Sheet>;
  private _tables: TableCollection | undefined;
  private _pivots: PivotTableCollection | undefined;

  constructor(
    ctx: Batch,
    find: () => Sheet | null,
    private readonly _label: string,
  ) {
    super(ctx);
    this._bound = new Binding(ctx, find);
  }

  _sheetOrNull(): Sheet | null {
    return this._bound.get();
  }

  _sheet(): Sheet {
    const s = this._sheetOrNull();
    if (!s) fail('ItemNotFound', `The worksheet '${this._label}' does not exist.`);
    return s;
  }

  protected _read(p: string): unknown {
    if (p === 'isNullObject') return this._sheetOrNull() === null;
    const s = this._sheetOrNull();
    if (!s) return null;
    // A navigation path ("protection/protected") loads the property of the child object.
    if (p === 'protection/protected') {
      this.protection._fill(['protected']);
      return undefined;
    }
    switch (p) {
      case 'id':
        return s.id;
      case 'name':
        return s.name;
      case 'visibility':
        return s.visibility;
      case 'position':
        return this._ctx.book.sheets.indexOf(s);
      default:
        return fail('InvalidArgument', `The stand-in does not model Worksheet.${p}.`);
    }
  }

  get isNullObject(): boolean {
    return this._get('isNullObject') as boolean;
  }
  get id(): string {
    return this._get('id') as string;
  }
  get name(): string {
    return this._get('name') as string;
  }
  set name(v: string) {
    this._remember('name', v);
    this._ctx.enqueue({
      op: 'worksheet.name',
      args: v,
      run: () => {
        if (this._ctx.book.sheets.some((s) => s !== this._sheet() && s.name.toLowerCase() === v.toLowerCase()))
          fail('ItemAlreadyExists', `A sheet named '${v}' already exists.`);
        this._sheet().name = v;
      },
    });
  }
  get visibility(): string {
    return this._get('visibility') as string;
  }
  set visibility(v: Sheet['visibility']) {
    this._remember('visibility', v);
    this._ctx.enqueue({
      op: 'visibility',
      args: v,
      detail: v,
      run: () => {
        const s = this._sheet();
        if (v !== 'Visible' && this._ctx.book.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
          fail('InvalidOperation', 'A workbook must keep at least one visible sheet.');
        s.visibility = v;
      },
    });
  }

  get tables(): TableCollection {
    return (this._tables ??= new TableCollection(this._ctx, () => this._sheet()));
  }
  private _charts: ChartCollection | undefined;
  /** ExcelApi 1.1 (chart.ts). */
  get charts(): ChartCollection {
    return (this._charts ??= new ChartCollection(this._ctx, () => this._sheet()));
  }
  get pivotTables(): PivotTableCollection {
    return (this._pivots ??= new PivotTableCollection(this._ctx, () => this._sheet()));
  }

  getRange(address?: string): Range {
    if (address !== undefined && !parseAddress(address))
      fail('InvalidArgument', `'${address}' is not a valid address.`);
    return new Range(
      this._ctx,
      () => this._sheet(),
      () => parseAddress(address),
      address ?? '(sheet)',
    );
  }

  getCell(row: number, col: number): Range {
    return new Range(
      this._ctx,
      () => this._sheet(),
      () => ({ row, col, rows: 1, cols: 1 }),
      `R${row + 1}C${col + 1}`,
    );
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): Range {
    this._ctx.requires('1.7', 'Worksheet.getRangeByIndexes');
    return new Range(
      this._ctx,
      () => this._sheet(),
      () => ({ row, col, rows, cols }),
      `R${row + 1}C${col + 1}:${rows}x${cols}`,
    );
  }

  /** ExcelApi 1.1; throws ItemNotFound on an empty sheet. */
  getUsedRange(valuesOnly = false): Range {
    return new Range(
      this._ctx,
      () => this._sheet(),
      () => {
        const r = this._ctx.book.usedRect(this._sheet(), valuesOnly);
        // An empty sheet's used range is its A1 cell.
        return r ?? { row: 0, col: 0, rows: 1, cols: 1 };
      },
      '(used)',
    );
  }

  /** ExcelApi 1.4. */
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    this._ctx.requires('1.4', 'Worksheet.getUsedRangeOrNullObject');
    return new Range(
      this._ctx,
      () => this._sheet(),
      () => this._ctx.book.usedRect(this._sheet(), valuesOnly),
      '(used)',
    )._autoLoadNullState();
  }

  get freezePanes() {
    this._ctx.requires('1.7', 'Worksheet.freezePanes');
    return {
      freezeRows: (n: number) =>
        this._ctx.enqueue({ op: 'freezeRows', args: n, run: () => (this._sheet().frozenRows = n) }),
      unfreeze: () => this._ctx.enqueue({ op: 'unfreeze', run: () => (this._sheet().frozenRows = 0) }),
    };
  }

  private _protection: WorksheetProtection | undefined;
  /** ExcelApi 1.2. */
  get protection(): WorksheetProtection {
    if (!this._protection) {
      this._ctx.requires('1.2', 'Worksheet.protection');
      this._protection = new WorksheetProtection(this._ctx, this);
    }
    return this._protection;
  }

  activate(): void {
    this._ctx.enqueue({
      op: 'activate',
      run: () => {
        const s = this._sheet();
        if (s.visibility !== 'Visible') fail('InvalidOperation', 'A hidden sheet cannot be activated.');
        this._ctx.book.activeSheetId = s.id;
      },
    });
  }

  delete(): void {
    this._ctx.enqueue({
      op: 'worksheet.delete',
      run: () => {
        const book = this._ctx.book;
        const s = this._sheet();
        guardProtected(s);
        if (book.sheets.filter((x) => x.visibility === 'Visible' && x !== s).length === 0)
          fail('InvalidOperation', 'A workbook must keep at least one visible sheet.');
        book.sheets.splice(book.sheets.indexOf(s), 1);
        book.tables = book.tables.filter((t) => t.sheet !== s);
        book.pivots = book.pivots.filter((p) => p.sheet !== s);
        if (book.activeSheetId === s.id) book.activeSheetId = book.sheets.find((x) => x.visibility === 'Visible')!.id;
      },
    });
  }
}

/** WorksheetProtection: protect() and unprotect() are queued; `protected` is read after load + sync. */
class WorksheetProtection extends ClientObject {
  protected readonly _defaults = ['protected'];

  constructor(
    ctx: Batch,
    private readonly _worksheet: Worksheet,
  ) {
    super(ctx);
  }

  protected _read(p: string): unknown {
    if (p === 'protected') return this._worksheet._sheet().protected;
    return fail('InvalidArgument', `The stand-in does not model WorksheetProtection.${p}.`);
  }

  get protected(): boolean {
    return this._get('protected') as boolean;
  }

  /** Options (WorksheetProtectionOptions) are recorded in the call log, not modelled. */
  protect(options?: Record<string, boolean>): void {
    this._ctx.enqueue({
      op: 'protect',
      args: options,
      detail: options,
      run: () => {
        const s = this._worksheet._sheet();
        if (s.protected) fail('InvalidOperation', 'The sheet is already protected.');
        s.protected = true;
      },
    });
  }

  unprotect(): void {
    this._ctx.enqueue({ op: 'unprotect', run: () => (this._worksheet._sheet().protected = false) });
  }
}

/** Excel's rules for sheet names: 1–31 characters, none of : \ / ? * [ ], not starting or ending with '. */
function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[:\\/?*[\]]/.test(name) || /^'|'$/.test(name) || name.toLowerCase() === 'history')
    fail('InvalidArgument', `'${name}' isn't a valid sheet name.`);
}

export class WorksheetCollection extends Collection<Worksheet> {
  protected _list(): Worksheet[] {
    return this._ctx.book.sheets.map(
      (s) => new Worksheet(this._ctx, () => (this._ctx.book.sheets.includes(s) ? s : null), s.name),
    );
  }

  getItem(key: string): Worksheet {
    return new Worksheet(
      this._ctx,
      () => {
        const s = this._ctx.book.sheet(key);
        if (!s) fail('ItemNotFound', `The worksheet '${key}' does not exist.`);
        return s;
      },
      key,
    );
  }

  getItemOrNullObject(key: string): Worksheet {
    this._ctx.requires('1.4', 'WorksheetCollection.getItemOrNullObject');
    return new Worksheet(this._ctx, () => this._ctx.book.sheet(key) ?? null, key)._autoLoadNullState();
  }

  getActiveWorksheet(): Worksheet {
    return new Worksheet(this._ctx, () => this._ctx.book.sheet(this._ctx.book.activeSheetId) ?? null, '(active)');
  }

  add(name?: string): Worksheet {
    let made: Sheet | null = null;
    this._ctx.enqueue({
      op: 'worksheets.add',
      args: name,
      detail: name,
      run: () => {
        const book = this._ctx.book;
        let n = name;
        for (let i = book.sheets.length + 1; n === undefined; i++) if (!book.sheet(`Sheet${i}`)) n = `Sheet${i}`;
        checkSheetName(n);
        if (book.sheet(n)) fail('ItemAlreadyExists', `A sheet named '${n}' already exists.`);
        made = book.addSheet(n);
      },
    });
    return new Worksheet(this._ctx, () => made, name ?? '(new)');
  }
}
