/** Excel.Table and the table collections (workbook-wide and per worksheet). */
import { parseAddress } from '../address';
import { fail } from '../errors';
import type { Sheet, Table as TableModel } from '../model';
import { addTable, addTableRows, checkTableName, deleteTable, resizeTable } from '../tables';
import type { Batch } from './context';
import { Binding, ClientObject, Collection } from './context';
import { Range } from './range';

export class Table extends ClientObject {
  protected readonly _defaults = ['id', 'name', 'showHeaders'];
  private readonly _bound: Binding<TableModel>;

  constructor(
    ctx: Batch,
    find: () => TableModel | null,
    private readonly _label: string,
  ) {
    super(ctx);
    this._bound = new Binding(ctx, find);
  }

  /** The table this object stands for: bound on first use in a sync, like an object path. */
  _table(): TableModel | null {
    return this._bound.get();
  }

  _must(): TableModel {
    const t = this._table();
    if (!t) fail('ItemNotFound', `The table '${this._label}' does not exist.`);
    return t;
  }

  protected _read(p: string): unknown {
    if (p === 'isNullObject') return this._table() === null;
    const t = this._table();
    if (!t) return null;
    if (p === 'name') return t.name;
    if (p === 'id') return t.id;
    if (p === 'showHeaders') return t.hasHeaders;
    return fail('InvalidArgument', `The stand-in does not model Table.${p}.`);
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
      op: 'table.name',
      args: v,
      detail: v,
      run: () => {
        const t = this._must();
        checkTableName(this._ctx.book, v, t);
        t.name = v;
      },
    });
  }

  private _range(label: string, part: (t: TableModel) => { row: number; rows: number }): Range {
    return new Range(
      this._ctx,
      () => this._must().sheet,
      () => {
        const t = this._must();
        const p = part(t);
        if (p.rows < 1) fail('ItemNotFound', `The table '${t.name}' has no ${label}.`);
        return { row: p.row, col: t.rect.col, rows: p.rows, cols: t.rect.cols };
      },
      `${this._label}.${label}`,
    );
  }

  getRange(): Range {
    return this._range('range', (t) => ({ row: t.rect.row, rows: t.rect.rows }));
  }
  getHeaderRowRange(): Range {
    return this._range('header row', (t) => ({ row: t.rect.row, rows: 1 }));
  }
  getDataBodyRange(): Range {
    // A table always keeps one body row, even when it is empty.
    return this._range('data body', (t) => ({ row: t.rect.row + 1, rows: Math.max(1, t.rect.rows - 1) }));
  }

  /** ExcelApi 1.13. */
  resize(address: string | Range): void {
    this._ctx.requires('1.13', 'Table.resize');
    this._ctx.enqueue({
      op: 'table.resize',
      args: typeof address === 'string' ? address : address.__address,
      run: () => {
        const t = this._must();
        const rect = typeof address === 'string' ? parseAddress(address) : address._where()?.rect;
        if (!rect) fail('InvalidArgument', `'${String(address)}' is not a valid address.`);
        resizeTable(this._ctx.book, t, rect);
      },
    });
  }

  readonly rows = {
    add: (index?: number | null, values?: unknown[][]) => {
      this._ctx.enqueue({
        op: 'table.rows.add',
        args: { index, values },
        run: () => {
          const t = this._must();
          addTableRows(this._ctx.book, t, index, values, (row, v) =>
            v.forEach((x, j) => {
              if (x !== null && x !== undefined) this._ctx.book.enter(t.sheet, row, t.rect.col + j, x, 'api');
            }),
          );
        },
      });
    },
  };

  delete(): void {
    this._ctx.enqueue({
      op: 'table.delete',
      detail: this._label,
      run: () => deleteTable(this._ctx.book, this._must()),
    });
  }
}

/** Tables of one sheet (worksheet.tables) or of the workbook (workbook.tables, sheet = null). */
export class TableCollection extends Collection<Table> {
  constructor(
    ctx: Batch,
    private readonly _sheet: (() => Sheet) | null,
  ) {
    super(ctx);
  }

  private _all(): TableModel[] {
    const sheet = this._sheet?.();
    return this._ctx.book.tables.filter((t) => !sheet || t.sheet === sheet);
  }

  protected _list(): Table[] {
    return this._all().map((t) => new Table(this._ctx, () => (this._ctx.book.tables.includes(t) ? t : null), t.name));
  }

  private _byName(key: string): TableModel | null {
    return this._all().find((t) => t.name.toLowerCase() === key.toLowerCase() || t.id === key) ?? null;
  }

  getItem(key: string): Table {
    return new Table(
      this._ctx,
      () => {
        const t = this._byName(key);
        if (!t) fail('ItemNotFound', `The table '${key}' does not exist.`);
        return t;
      },
      key,
    );
  }

  getItemOrNullObject(key: string): Table {
    this._ctx.requires('1.4', 'TableCollection.getItemOrNullObject');
    return new Table(this._ctx, () => this._byName(key), key)._autoLoadNullState();
  }

  /** `address` is an address on this sheet, "Sheet!A1:B2" on the workbook collection, or a Range. */
  add(address: string | Range, hasHeaders: boolean): Table {
    let made: TableModel | null = null;
    const label = typeof address === 'string' ? address : address.__address;
    this._ctx.enqueue({
      op: 'tables.add',
      address: label,
      args: { address: label, hasHeaders },
      detail: { hasHeaders },
      run: () => {
        const book = this._ctx.book;
        let sheet: Sheet | undefined;
        let rect;
        if (typeof address === 'string') {
          const bang = address.lastIndexOf('!');
          sheet =
            bang >= 0 ? book.sheet(address.slice(0, bang).replace(/^'|'$/g, '').replace(/''/g, "'")) : this._sheet?.();
          rect = parseAddress(address);
        } else {
          const w = address._where();
          sheet = w?.sheet;
          rect = w?.rect;
        }
        if (!sheet || !rect) fail('InvalidArgument', `'${label}' is not a valid table address.`);
        made = addTable(book, sheet, rect, hasHeaders);
      },
    });
    return new Table(this._ctx, () => made, label);
  }
}
