/**
 * The request context: every property set and method call is queued and reaches the workbook
 * only at `context.sync()`, in order; loaded properties are readable only after that sync. A
 * sync's request is measured as UTF-8 JSON and, on Excel on the web, refused whole above 5 MB;
 * so is a response above 5 MB. An operation that fails rejects the sync with its RichApi.Error;
 * what the batch did before it stays done, what follows is dropped.
 */
import { fail, RichApiError } from '../errors';
import type { Workbook } from '../model';

export const PAYLOAD_LIMIT = 5 * 1024 * 1024;
/** What each queued action costs besides its arguments (ids, action type, object path). */
const ACTION_BYTES = 64;

const encoder = new TextEncoder();
export function jsonBytes(v: unknown): number {
  const s = JSON.stringify(v);
  return s === undefined ? 4 : encoder.encode(s).length;
}

export interface Action {
  op: string;
  sheet?: string;
  address?: string;
  /** Arguments as sent (measured as JSON). */
  args?: unknown;
  detail?: unknown;
  run: () => void;
}

/**
 * What an object path stands for (a sheet, table, pivot, range), found on first use in a sync and
 * forgotten when the sync ends, as Office.js resolves object paths per request.
 */
export class Binding<T> {
  private value: T | null | undefined;

  constructor(
    private readonly batch: Batch,
    private readonly find: () => T | null,
  ) {}

  get(): T | null {
    if (this.value === undefined) {
      this.value = this.find();
      this.batch.bound.add(this);
    }
    return this.value;
  }

  unbind(): void {
    this.value = undefined;
  }
}

export class Batch {
  private queue: (Action & { bytes: number })[] = [];
  private responseBytes = 0;
  /** Objects resolved during the current sync (an object path binds on first use). */
  readonly bound = new Set<{ unbind(): void }>();

  constructor(readonly book: Workbook) {}

  enqueue(a: Action): void {
    const bytes = ACTION_BYTES + (a.address?.length ?? 0) + (a.args === undefined ? 0 : jsonBytes(a.args));
    this.queue.push({ ...a, bytes });
    this.book.calls.push({ op: a.op, sheet: a.sheet, address: a.address, bytes, detail: a.detail });
  }

  /** A method of a requirement set above what this Excel supports fails at sync, as the host has no such API. */
  requires(version: string, api: string): void {
    if (!this.book.supports(version))
      this.enqueue({
        op: `unsupported:${api}`,
        run: () =>
          fail('ApiNotFound', `${api} needs ExcelApi ${version}; this Excel supports ${this.book.apiVersion}.`),
      });
  }

  /** Whether actions wait for a sync. */
  get pending(): boolean {
    return this.queue.length > 0;
  }

  /** Counts what a load returns, for the response limit. */
  respond(v: unknown): void {
    this.responseBytes += jsonBytes(v);
  }

  async sync(): Promise<void> {
    const actions = this.queue;
    this.queue = [];
    this.responseBytes = 0;
    const bytes = actions.reduce((a, x) => a + x.bytes, 0);
    const record = { calls: actions.length, bytes, responseBytes: 0, error: undefined as string | undefined };
    this.book.syncLog.push(record);
    const web = this.book.platform === 'OfficeOnline';
    // Let the caller's code run on before the answer comes, as a real round trip does.
    await new Promise((r) => setTimeout(r, 0));
    try {
      if (this.book.cellEditMode)
        fail('InvalidOperationInCellEditMode', "The operation isn't available while Excel is in Edit cell mode.");
      if (web && bytes > PAYLOAD_LIMIT)
        fail('RequestPayloadSizeLimitExceeded', `The request payload size has exceeded the limit (${bytes} bytes).`);
      for (const a of actions) a.run();
      record.responseBytes = this.responseBytes;
      if (web && this.responseBytes > PAYLOAD_LIMIT)
        fail(
          'ResponsePayloadSizeLimitExceeded',
          `The response payload size has exceeded the limit (${this.responseBytes} bytes).`,
        );
    } catch (e) {
      record.error = e instanceof RichApiError ? e.code : String(e);
      throw e;
    } finally {
      for (const b of this.bound) b.unbind();
      this.bound.clear();
      this.book.onChange?.();
    }
  }
}

type LoadArg = string | string[] | { select?: string | string[] } | undefined;

export function loadList(props: LoadArg, defaults: string[]): string[] {
  if (props === undefined) return defaults;
  const raw =
    typeof props === 'string' ? props : Array.isArray(props) ? props.join(',') : [props.select ?? ''].flat().join(',');
  const list = raw
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean);
  return list.length ? list : defaults;
}

/** An Office.js proxy object: loaded properties are snapshots taken at sync. */
export abstract class ClientObject {
  protected readonly _snap = new Map<string, unknown>();
  protected abstract readonly _defaults: string[];

  constructor(protected readonly _ctx: Batch) {}

  /** Reads a property from the workbook, at sync. */
  protected abstract _read(prop: string): unknown;

  load(props?: LoadArg): this {
    const list = loadList(props, this._defaults);
    this._ctx.enqueue({
      op: 'load',
      args: list,
      run: () => this._fill(list),
    });
    return this;
  }

  /** Takes the snapshot of `props` (all defaults when null), during a sync. */
  _fill(props: string[] | null): void {
    for (const p of props ?? this._defaults) {
      const v = this._read(p);
      this._ctx.respond(v);
      this._snap.set(p, v);
    }
  }

  /** *OrNullObject results: Office loads isNullObject at every sync without being asked. */
  _autoLoadNullState(): this {
    this._ctx.enqueue({ op: 'load', args: ['isNullObject'], run: () => this._fill(['isNullObject']) });
    return this;
  }

  protected _get(p: string): unknown {
    if (!this._snap.has(p))
      throw new RichApiError(
        'PropertyNotLoaded',
        `The property '${p}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
      );
    return this._snap.get(p);
  }

  /** Office.js keeps a value you set on the proxy, so reading it back needs no load. */
  protected _remember(p: string, v: unknown): void {
    this._snap.set(p, v);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._snap);
  }
}

/** A collection whose `items` are readable after load + sync; `items/name` loads that property of each item. */
export abstract class Collection<T extends ClientObject> {
  private _items: T[] | null = null;

  constructor(protected readonly _ctx: Batch) {}

  protected abstract _list(): T[];

  get items(): T[] {
    if (!this._items)
      throw new RichApiError(
        'PropertyNotLoaded',
        "The property 'items' is not available. Before reading the property's value, call the load method on the containing object and call \"context.sync()\" on the associated request context.",
      );
    return this._items;
  }

  load(props?: LoadArg): this {
    const list = loadList(props, ['items']);
    const sub = list.filter((p) => p.startsWith('items/')).map((p) => p.slice(6));
    this._ctx.enqueue({
      op: 'load',
      args: list,
      run: () => {
        const items = this._list();
        for (const it of items) it._fill(sub.length ? sub : null);
        this._items = items;
      },
    });
    return this;
  }

  getCount(): { value: number } {
    const result = { value: 0 };
    this._ctx.enqueue({ op: 'getCount', run: () => (result.value = this._list().length) });
    return result;
  }
}
