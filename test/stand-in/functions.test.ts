/** The stand-in's custom-functions host follows Microsoft's documented rules (docs/excel-behaviours.md). */
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { installStandIn, type Driver } from '.';
import { metadataProblems, parseFormula, type MetadataFile } from './api/functions';

const META: MetadataFile = {
  functions: [
    {
      id: 'HALVE',
      name: 'NUATRI',
      result: { type: 'number' },
      parameters: [
        { name: 'so', type: 'number' },
        { name: 'them', type: 'number', optional: true },
      ],
    },
    { id: 'FAIL.NA', name: 'LOINA', result: {}, parameters: [] },
  ],
};
const EN: MetadataFile = {
  functions: [
    { ...META.functions[0]!, name: 'HALF' },
    { ...META.functions[1]!, name: 'FAILNA' },
  ],
};

let excel: Driver | null = null;
afterEach(() => {
  excel?.uninstall?.();
  excel = null;
});

const g = () => globalThis as unknown as { CustomFunctions: any; Office: any; Excel: any };

function install(
  opts: { runtimeVersion?: string | null; sharedRuntime?: string | null; locale?: 'vi-VN' | 'en-US' } = {},
) {
  excel = installStandIn({
    locale: opts.locale,
    functions: {
      metadata: { 'vi-VN': META, 'en-US': EN },
      namespace: 'THU',
      runtimeVersion: opts.runtimeVersion === undefined ? '1.3' : opts.runtimeVersion,
      sharedRuntime: opts.sharedRuntime === undefined ? '1.1' : opts.sharedRuntime,
    },
  });
  return excel.book.functions!;
}

describe('metadata rules (custom-functions-naming, custom-functions-json)', () => {
  it('accepts the add-in’s own functions.json and functions-en.json', () => {
    for (const f of ['functions.json', 'functions-en.json']) {
      const file = JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../addin/public', f), 'utf8'));
      expect(metadataProblems(file), f).toEqual([]);
    }
  });

  it('refuses ids with lowercase or other characters, short names, cell-like or macro names, duplicates', () => {
    const fn = (id: string, name: string) => ({ id, name, result: {}, parameters: [] });
    expect(metadataProblems({ functions: [fn('Add', 'ADD')] })[0]).toMatch(/id must/);
    expect(metadataProblems({ functions: [fn('A-B', 'ADD')] })[0]).toMatch(/id must/);
    expect(metadataProblems({ functions: [fn('AB', 'AB')] })).toHaveLength(2);
    expect(metadataProblems({ functions: [fn('XFD1', 'GOOD')] })[0]).toMatch(/cell reference/);
    expect(metadataProblems({ functions: [fn('GOOD', 'R1C1')] })).not.toEqual([]);
    expect(metadataProblems({ functions: [fn('RUN', 'RUN')] })[0]).toMatch(/macro/);
    expect(metadataProblems({ functions: [fn('ABC', 'ABC'), fn('ABC', 'ABD')] })).toContain(
      'function "ABC": duplicate id',
    );
    expect(metadataProblems({ functions: [fn('ABC', 'GIÁTRỊ')] })).toEqual([]); // any Unicode letters
    expect(metadataProblems({ functions: [{ id: 'ABC', name: 'ABC', parameters: [] }] })).toContain(
      'function "ABC": result is required',
    );
  });

  it('parses formulas with the locale’s list separator', () => {
    expect(parseFormula('=CHITIEU.GIATRI("16"; "A01"; 2024)', 'vi-VN')).toEqual({
      name: 'CHITIEU.GIATRI',
      args: ['16', 'A01', 2024],
    });
    expect(parseFormula('=X.Y(1,5;"a""b")', 'vi-VN')).toEqual({ name: 'X.Y', args: [1.5, 'a"b'] });
    expect(parseFormula('=X.Y(1.5,"a")', 'en-US')).toEqual({ name: 'X.Y', args: [1.5, 'a'] });
    expect(parseFormula('=X.Y(1,"a")', 'vi-VN')).toBeNull();
  });
});

describe('running functions', () => {
  it('calls by the localized name, passes null for an omitted optional argument and an Invocation last', async () => {
    const host = install();
    const seen: unknown[][] = [];
    g().CustomFunctions.associate('HALVE', (...a: unknown[]) => {
      seen.push(a);
      return (a[0] as number) / 2 + ((a[1] as number | null) ?? 0);
    });
    host.enter(['=THU.NUATRI(3)', '=thu.nuatri(3; 1)', '=THU.HALF(3)', '=THU.LOINA()']);
    expect(await host.recalculate()).toEqual([1.5, 2.5, { error: '#NAME?' }, { error: '#NAME?' }]);
    expect(seen[0]).toEqual([3, null, { functionName: 'HALVE' }]);
  });

  it('English Excel knows the functions by their English names', async () => {
    const host = install({ locale: 'en-US' });
    g().CustomFunctions.associate('HALVE', (a: number) => a / 2);
    host.enter(['=THU.HALF(3)', '=THU.NUATRI(3)']);
    expect(await host.recalculate()).toEqual([1.5, { error: '#NAME?' }]);
  });

  it('maps CustomFunctions.Error to its error value; messages only on #N/A and #VALUE!; other throws are #VALUE!', async () => {
    const host = install();
    const CF = g().CustomFunctions;
    let next: () => unknown = () => 0;
    CF.associate('FAIL.NA', () => next());
    host.enter(['=THU.LOINA()']);
    const run = async (f: () => unknown) => {
      next = f;
      return (await host.recalculate())[0];
    };
    expect(await run(() => Promise.reject(new CF.Error(CF.ErrorCode.notAvailable, 'Không có đơn vị mã 999')))).toEqual({
      error: '#N/A',
      message: 'Không có đơn vị mã 999',
    });
    expect(
      await run(() => {
        throw new CF.Error(CF.ErrorCode.invalidValue, 'bad');
      }),
    ).toEqual({ error: '#VALUE!', message: 'bad' });
    expect(
      await run(() => {
        throw new CF.Error(CF.ErrorCode.invalidNumber, 'ignored');
      }),
    ).toEqual({ error: '#NUM!' });
    expect(
      await run(() => {
        throw new Error('boom');
      }),
    ).toEqual({ error: '#VALUE!' });
  });

  it('calls every cell before any answer is awaited, in groups when Excel hands them over so', async () => {
    const host = install();
    const started: number[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    g().CustomFunctions.associate('HALVE', async (a: number) => {
      started.push(a);
      await gate;
      return a;
    });
    host.enter(Array.from({ length: 10 }, (_, i) => `=THU.NUATRI(${i})`));
    const done = host.recalculate({ callsPerTick: 4 });
    await new Promise((r) => setTimeout(r, 0));
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toHaveLength(10);
    release();
    expect(await done).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('requirement sets: CustomFunctions from CustomFunctionsRuntime 1.1, its Error from 1.2; SharedRuntime probed', () => {
    install({ runtimeVersion: '1.1', sharedRuntime: null });
    expect(g().CustomFunctions.ErrorCode).toBeUndefined();
    expect(() => new (g().CustomFunctions.Error)('#N/A')).toThrow(/ApiNotFound|CustomFunctionsRuntime 1.2/);
    expect(g().Office.context.requirements.isSetSupported('CustomFunctionsRuntime', '1.1')).toBe(true);
    expect(g().Office.context.requirements.isSetSupported('CustomFunctionsRuntime', '1.2')).toBe(false);
    expect(g().Office.context.requirements.isSetSupported('SharedRuntime', '1.1')).toBe(false);
    excel!.uninstall!();
    install({ runtimeVersion: null });
    expect(g().CustomFunctions).toBeUndefined();
  });

  it('Application.calculate(full) recalculates the function cells; a bad type is InvalidArgument', async () => {
    const host = install();
    let n = 0;
    g().CustomFunctions.associate('HALVE', () => ++n);
    host.enter(['=THU.NUATRI(1)']);
    await host.recalculate();
    await g().Excel.run(async (ctx: any) => {
      ctx.workbook.application.calculate(g().Excel.CalculationType.full);
      await ctx.sync();
    });
    await Promise.all(excel!.book.calculations);
    expect(host.cells.get('A1')!.value).toBe(2);
    await expect(
      g().Excel.run(async (ctx: any) => {
        ctx.workbook.application.calculate('Sometimes');
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});
