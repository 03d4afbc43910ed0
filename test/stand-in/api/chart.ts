/**
 * Excel.ChartCollection, Chart, ChartSeries and ChartPoint (all ExcelApi 1.1): add a chart over a
 * range, name, title, legend, position, a point's fill, delete. Everything is queued and happens at
 * sync; a series or point past the end fails there with ItemNotFound.
 */
import { parseAddress } from '../address';
import type { ChartModel } from '../charts';
import { addChart, chartsOf, deleteChart, seriesOf } from '../charts';
import { fail } from '../errors';
import type { Sheet } from '../model';
import type { Batch } from './context';
import { Binding, ClientObject, Collection } from './context';
import { Range } from './range';

export class Chart extends ClientObject {
  protected readonly _defaults = ['name'];
  private readonly _bound: Binding<ChartModel>;

  constructor(
    ctx: Batch,
    find: () => ChartModel | null,
    private readonly _label: string,
  ) {
    super(ctx);
    ctx.requires('1.1', 'Chart');
    this._bound = new Binding(ctx, find);
  }

  _chart(): ChartModel {
    const c = this._bound.get();
    if (!c) fail('ItemNotFound', `The chart '${this._label}' does not exist.`);
    return c;
  }

  protected _read(p: string): unknown {
    if (p === 'isNullObject') return this._bound.get() === null;
    if (p === 'name') return this._chart().name;
    return fail('InvalidArgument', `The stand-in does not model Chart.${p}.`);
  }

  get isNullObject(): boolean {
    return this._get('isNullObject') as boolean;
  }
  get name(): string {
    return this._get('name') as string;
  }
  set name(v: string) {
    this._remember('name', v);
    this._ctx.enqueue({ op: 'chart.name', args: v, run: () => (this._chart().name = v) });
  }

  readonly title = ((self: Chart) => ({
    set text(v: string) {
      self._ctx.enqueue({ op: 'chart.title.text', args: v, run: () => (self._chart().title = v) });
    },
  }))(this);

  readonly legend = ((self: Chart) => ({
    set visible(v: boolean) {
      self._ctx.enqueue({ op: 'chart.legend.visible', args: v, run: () => (self._chart().legendVisible = v) });
    },
  }))(this);

  setPosition(startCell: string, endCell?: string): void {
    if (!parseAddress(startCell) || (endCell !== undefined && !parseAddress(endCell)))
      fail('InvalidArgument', 'The chart position is not a valid cell address.');
    this._ctx.enqueue({
      op: 'chart.setPosition',
      args: [startCell, endCell ?? null],
      run: () => (this._chart().position = { start: startCell, end: endCell ?? null }),
    });
  }

  readonly series = ((self: Chart) => ({
    getItemAt: (index: number) => new ChartSeries(self._ctx, () => self._chart(), index),
  }))(this);

  delete(): void {
    this._ctx.enqueue({ op: 'chart.delete', run: () => deleteChart(this._ctx.book, this._chart()) });
  }
}

class ChartSeries {
  constructor(
    private readonly _ctx: Batch,
    private readonly _chart: () => ChartModel,
    private readonly _index: number,
  ) {}

  _check(): ChartModel {
    const c = this._chart();
    if (this._index < 0 || this._index >= seriesOf(this._ctx.book, c).length)
      fail('ItemNotFound', `The chart has no series at index ${this._index}.`);
    return c;
  }

  readonly points = {
    getItemAt: (point: number) => ({
      format: {
        fill: {
          setSolidColor: (color: string) =>
            this._ctx.enqueue({
              op: 'chart.point.fill',
              args: [this._index, point, color],
              run: () => {
                const c = this._check();
                const n = seriesOf(this._ctx.book, c)[this._index]!.values.length;
                if (point < 0 || point >= n) fail('ItemNotFound', `The series has no point at index ${point}.`);
                const fills = c.pointFills.get(this._index) ?? new Map<number, string>();
                fills.set(point, color);
                c.pointFills.set(this._index, fills);
              },
            }),
        },
      },
    }),
  };
}

export class ChartCollection extends Collection<Chart> {
  constructor(
    ctx: Batch,
    private readonly _sheet: () => Sheet,
  ) {
    super(ctx);
    ctx.requires('1.1', 'ChartCollection');
  }

  protected _list(): Chart[] {
    return chartsOf(this._ctx.book, this._sheet()).map(
      (c) => new Chart(this._ctx, () => (chartsOf(this._ctx.book).includes(c) ? c : null), c.name),
    );
  }

  getItem(name: string): Chart {
    return new Chart(
      this._ctx,
      () => chartsOf(this._ctx.book, this._sheet()).find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? null,
      name,
    );
  }

  add(type: string, sourceData: Range, seriesBy?: string): Chart {
    let made: ChartModel | null = null;
    this._ctx.enqueue({
      op: 'charts.add',
      args: { type, seriesBy },
      detail: type,
      run: () => {
        const w = sourceData._where();
        if (!w) fail('InvalidArgument', 'The chart source range is not valid.');
        made = addChart(this._ctx.book, this._sheet(), type, w, seriesBy);
      },
    });
    return new Chart(this._ctx, () => made, '(new chart)');
  }
}
