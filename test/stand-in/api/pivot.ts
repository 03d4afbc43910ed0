/**
 * Excel.PivotTable (ExcelApi 1.8): hierarchies, data fields (aggregation, number format), filters
 * (1.12), the grand totals of its layout, refresh, delete, and the collections.
 */
import { parseAddress } from '../address';
import { fail } from '../errors';
import type { Pivot, PivotDataField, Sheet } from '../model';
import { AGGREGATIONS, checkField, refresh, snapshot } from '../pivots';
import { guardProtected } from '../tables';
import type { Batch } from './context';
import { Binding, ClientObject, Collection } from './context';
import { Range } from './range';
import { Table } from './table';

class Hierarchy {
  constructor(readonly name: string) {}
}

export class PivotTable extends ClientObject {
  protected readonly _defaults = ['id', 'name'];
  private readonly _bound: Binding<Pivot>;

  constructor(
    ctx: Batch,
    find: () => Pivot | null,
    private readonly _label: string,
  ) {
    super(ctx);
    this._bound = new Binding(ctx, find);
  }

  _pivot(): Pivot | null {
    return this._bound.get();
  }

  private _must(): Pivot {
    const p = this._pivot();
    if (!p) fail('ItemNotFound', `The PivotTable '${this._label}' does not exist.`);
    return p;
  }

  protected _read(p: string): unknown {
    if (p === 'isNullObject') return this._pivot() === null;
    const x = this._pivot();
    if (!x) return null;
    if (p === 'name' || p === 'id') return x.name;
    return fail('InvalidArgument', `The stand-in does not model PivotTable.${p}.`);
  }

  get isNullObject(): boolean {
    return this._get('isNullObject') as boolean;
  }
  get name(): string {
    return this._get('name') as string;
  }

  private _do(op: string, detail: unknown, run: (p: Pivot) => void): void {
    this._ctx.enqueue({ op, args: detail, detail, run: () => run(this._must()) });
  }

  readonly hierarchies = { getItem: (name: string) => new Hierarchy(name) };

  private _area(op: string, list: (p: Pivot) => string[]) {
    return {
      add: (h: Hierarchy) => {
        this._do(op, h.name, (p) => {
          checkField(p, h.name);
          list(p).push(h.name);
        });
        return h;
      },
    };
  }

  readonly rowHierarchies = this._area('pivot.rowHierarchies.add', (p) => p.rows);
  readonly columnHierarchies = this._area('pivot.columnHierarchies.add', (p) => p.columns);
  readonly filterHierarchies = {
    ...this._area('pivot.filterHierarchies.add', (p) => p.filters),
    getItem: (name: string) => ({
      fields: {
        getItem: (field: string) => ({
          applyFilter: (filter: unknown) => {
            this._ctx.requires('1.12', 'PivotField.applyFilter');
            this._do('pivot.applyFilter', { field, filter }, (p) => {
              if (!p.filters.includes(name)) fail('ItemNotFound', `'${name}' is not a filter of the PivotTable.`);
              p.appliedFilters = p.appliedFilters.filter((f) => f.field !== (field || name));
              p.appliedFilters.push({ field: field || name, filter });
            });
          },
        }),
      },
    }),
  };
  readonly dataHierarchies = {
    add: (h: Hierarchy) => {
      let entry: PivotDataField | null = null;
      this._do('pivot.dataHierarchies.add', h.name, (p) => {
        checkField(p, h.name);
        entry = { field: h.name, summarizeBy: 'Sum' };
        p.data.push(entry);
      });
      const ctx = this._ctx;
      return {
        /** DataPivotHierarchy.summarizeBy (ExcelApi 1.8): an Excel.AggregationFunction the stand-in models. */
        set summarizeBy(v: string) {
          if (!(v in AGGREGATIONS))
            fail(
              'InvalidArgument',
              `The stand-in models the aggregation functions ${Object.keys(AGGREGATIONS).join(', ')}, not '${v}'.`,
            );
          ctx.enqueue({ op: 'pivot.summarizeBy', args: v, detail: v, run: () => entry && (entry.summarizeBy = v) });
        },
        /** DataPivotHierarchy.numberFormat (ExcelApi 1.8): how the field's values (and totals) show. */
        set numberFormat(v: string) {
          if (typeof v !== 'string') fail('InvalidArgument', 'The number format is not valid.');
          ctx.enqueue({ op: 'pivot.numberFormat', args: v, detail: v, run: () => entry && (entry.numberFormat = v) });
        },
      };
    },
  };

  /** PivotTable.layout (ExcelApi 1.8): the grand totals shown (both by default). */
  get layout() {
    this._ctx.requires('1.8', 'PivotTable.layout');
    const set = (which: 'rows' | 'columns', op: string) => (v: boolean) =>
      this._do(op, v, (p) => {
        guardProtected(p.sheet);
        p.grandTotals[which] = v;
      });
    const rows = set('rows', 'pivot.layout.showRowGrandTotals');
    const columns = set('columns', 'pivot.layout.showColumnGrandTotals');
    return {
      /** The "Grand Total" column: each row's total. */
      set showRowGrandTotals(v: boolean) {
        rows(v);
      },
      /** The "Grand Total" row: each column's total. */
      set showColumnGrandTotals(v: boolean) {
        columns(v);
      },
    };
  }

  refresh(): void {
    this._do('pivot.refresh', this._label, (p) => refresh(this._ctx.book, p));
  }

  delete(): void {
    this._ctx.requires('1.8', 'PivotTable.delete');
    this._do('pivot.delete', this._label, (p) => {
      guardProtected(p.sheet);
      this._ctx.book.pivots = this._ctx.book.pivots.filter((x) => x !== p);
    });
  }
}

export class PivotTableCollection extends Collection<PivotTable> {
  constructor(
    ctx: Batch,
    private readonly _sheet: (() => Sheet) | null,
  ) {
    super(ctx);
    // Listing and refreshing PivotTables is ExcelApi 1.3; creating them (add) is 1.8.
    ctx.requires('1.3', 'PivotTableCollection');
  }

  private _all(): Pivot[] {
    const sheet = this._sheet?.();
    return this._ctx.book.pivots.filter((p) => !sheet || p.sheet === sheet);
  }

  protected _list(): PivotTable[] {
    return this._all().map(
      (p) => new PivotTable(this._ctx, () => (this._ctx.book.pivots.includes(p) ? p : null), p.name),
    );
  }

  private _byName(name: string): Pivot | null {
    return this._all().find((p) => p.name.toLowerCase() === name.toLowerCase()) ?? null;
  }

  getItem(name: string): PivotTable {
    return new PivotTable(
      this._ctx,
      () => {
        const p = this._byName(name);
        if (!p) fail('ItemNotFound', `The PivotTable '${name}' does not exist.`);
        return p;
      },
      name,
    );
  }

  getItemOrNullObject(name: string): PivotTable {
    return new PivotTable(this._ctx, () => this._byName(name), name)._autoLoadNullState();
  }

  /** Refreshes every PivotTable in the collection (workbook.pivotTables.refreshAll). */
  refreshAll(): void {
    this._ctx.enqueue({ op: 'pivot.refreshAll', run: () => this._all().forEach((p) => refresh(this._ctx.book, p)) });
  }

  private _at(address: string) {
    const bang = address.lastIndexOf('!');
    const sheet = bang >= 0 ? this._ctx.book.sheet(address.slice(0, bang).replace(/^'|'$/g, '')) : this._sheet?.();
    const rect = parseAddress(address);
    return sheet && rect ? { sheet, rect } : null;
  }

  add(name: string, source: Table | Range | string, destination: Range | string): PivotTable {
    this._ctx.requires('1.8', 'PivotTableCollection.add');
    let made: Pivot | null = null;
    const book = this._ctx.book;
    this._ctx.enqueue({
      op: 'pivotTables.add',
      args: { name },
      detail: { name, source: source instanceof Table ? 'table' : String(source) },
      run: () => {
        let src: Pivot['source'];
        let sourceName: string;
        if (source instanceof Table) {
          const t = source._must();
          src = { table: t };
          sourceName = t.name;
        } else {
          const w = typeof source === 'string' ? this._at(source) : source._where();
          if (!w) fail('InvalidArgument', 'The PivotTable source is not valid.');
          src = { sheet: w.sheet, rect: w.rect };
          sourceName = w.sheet.name;
        }
        const dest = typeof destination === 'string' ? this._at(destination) : destination._where();
        if (!dest) fail('InvalidArgument', 'The PivotTable destination is not valid.');
        guardProtected(dest.sheet);
        // Names are unique per sheet: two sheets may each hold a "PivotTable1".
        if (book.pivots.some((p) => p.sheet === dest.sheet && p.name.toLowerCase() === name.toLowerCase()))
          fail('ItemAlreadyExists', `A PivotTable named '${name}' already exists on this sheet.`);
        if (
          book.tables.some(
            (t) =>
              t.sheet === dest.sheet &&
              dest.rect.row >= t.rect.row &&
              dest.rect.row < t.rect.row + t.rect.rows &&
              dest.rect.col >= t.rect.col &&
              dest.rect.col < t.rect.col + t.rect.cols,
          )
        )
          fail('InvalidOperation', "A PivotTable report can't overlap a table.");
        made = {
          name,
          sheet: dest.sheet,
          anchor: { row: dest.rect.row, col: dest.rect.col },
          source: src,
          sourceName,
          rows: [],
          columns: [],
          data: [],
          filters: [],
          appliedFilters: [],
          grandTotals: { rows: true, columns: true },
          cache: snapshot(book, { source: src }),
        };
        book.pivots.push(made);
      },
    });
    return new PivotTable(this._ctx, () => made, name);
  }
}
