/**
 * Rules: a PivotTable's data fields are aggregated by their function and shown in their number
 * format (conditions and literal text included); grand totals show unless the layout hides them;
 * cell-value conditional formats colour what the pivot shows, compared the way Excel compares.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

describe('stand-in: PivotTable layout, aggregation, number formats and value rules', () => {
  let excel: Driver;
  beforeEach(async () => {
    excel = installStandIn({ apiVersion: '1.12', locale: 'vi-VN' });
    excel.addSheet('Pivot');
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('A1:D6').values = [
        ['Đơn vị', 'Kỳ', 'Mã mức', 'Chỉ tiêu'],
        ['Hà Trung', '2024', 4, 'A'],
        ['Hà Trung', '2025', 2, 'A'],
        ['Hà Trung', '2025', 3, 'B'],
        ['Nga Sơn', '2024', '', 'A'],
        ['Nga Sơn', '2025', 1, 'A'],
      ];
      sheet.tables.add('A1:D6', true).name = 'Nguon';
      await ctx.sync();
    });
  });
  afterEach(() => excel.uninstall());

  const build = (configure?: (p: Excel.PivotTable, d: Excel.DataPivotHierarchy) => void) =>
    Excel.run(async (ctx) => {
      const pivotSheet = ctx.workbook.worksheets.getItem('Pivot');
      const source = ctx.workbook.worksheets.getItem('Sheet1').tables.getItem('Nguon');
      const p = pivotSheet.pivotTables.add('Muc', source, pivotSheet.getRange('A3'));
      p.rowHierarchies.add(p.hierarchies.getItem('Đơn vị'));
      p.columnHierarchies.add(p.hierarchies.getItem('Kỳ'));
      const d = p.dataHierarchies.add(p.hierarchies.getItem('Mã mức'));
      p.filterHierarchies.add(p.hierarchies.getItem('Chỉ tiêu'));
      configure?.(p, d);
      await ctx.sync();
    });
  const cell = (row: string, column: string) =>
    excel.pivot('Muc')!.cells.find((c) => c.kind === 'data' && c.item?.row === row && c.item.column === column)!;
  const at = (address: string) => excel.pivot('Muc')!.cells.find((c) => c.address === address);

  it('sums by default, with grand totals of the records (not of what is shown), filter above the body', async () => {
    await build();
    // The filter at A1 (the row above the destination is blank), the body from A3.
    expect([at('A1')?.value, at('B1')?.value, at('A2')]).toEqual(['Chỉ tiêu', '(All)', undefined]);
    expect([at('A3')?.value, at('B3')?.value, at('A4')?.value, at('B4')?.value, at('D4')?.value]).toEqual([
      'Sum of Mã mức',
      'Column Labels',
      'Row Labels',
      '2024',
      'Grand Total',
    ]);
    expect(cell('Hà Trung', '2025').value).toBe(5); // 2 + 3: both indicators
    expect(cell('Nga Sơn', '2024').value).toBe(0); // a record without a number sums to 0
    expect(at('D5')?.value).toBe(9); // Hà Trung's total
    expect(at('A7')?.value).toBe('Grand Total');
    expect(at('D7')?.value).toBe(10);
  });

  it('aggregates by its function, hides grand totals when told, and shows conditional number formats', async () => {
    await build((p, d) => {
      d.summarizeBy = Excel.AggregationFunction.max;
      d.numberFormat = '[=4]"Đạt";[>0]"Chưa đạt";""';
      p.layout.showRowGrandTotals = false;
      p.layout.showColumnGrandTotals = false;
    });
    expect(at('A3')?.value).toBe('Max of Mã mức');
    expect(cell('Hà Trung', '2025')).toMatchObject({ value: 3, text: 'Chưa đạt' });
    expect(cell('Hà Trung', '2024')).toMatchObject({ value: 4, text: 'Đạt' });
    expect(cell('Nga Sơn', '2024')).toMatchObject({ value: 0, text: '' }); // the empty third section
    const p = excel.pivot('Muc')!;
    expect(p.cells.filter((c) => c.kind === 'total')).toEqual([]);
    expect(p.cells.some((c) => c.value === 'Grand Total')).toBe(false);
  });

  it('colours the cells a cell-value rule matches: a number equal to it, never a text or a blank', async () => {
    await build((_p, d) => (d.summarizeBy = Excel.AggregationFunction.max));
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Pivot');
      for (const [n, colour] of [
        [4, '#C6EFCE'],
        [3, '#DDEBF7'],
      ] as const) {
        const cf = sheet.getRange().conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        cf.cellValue.format.fill.color = colour;
        cf.cellValue.rule = { formula1: `=${n}`, operator: Excel.ConditionalCellValueOperator.equalTo };
      }
      const low = sheet.getRange().conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      low.cellValue.format.fill.color = '#FFC7CE';
      low.cellValue.rule = { formula1: '1', formula2: '2', operator: Excel.ConditionalCellValueOperator.between };
      await ctx.sync();
    });
    expect(cell('Hà Trung', '2024').fill).toBe('#C6EFCE');
    expect(cell('Hà Trung', '2025').fill).toBe('#DDEBF7'); // max(2, 3)
    expect(cell('Nga Sơn', '2025').fill).toBe('#FFC7CE');
    expect(cell('Nga Sơn', '2024').fill).toBeNull(); // 0
    // Labels are text: "2024" is not equal to 4, and text is never between two numbers.
    expect(at('B4')?.fill).toBeNull();
    expect(at('A5')?.fill).toBeNull();
    // Totals are cells like the others: Hà Trung's max is 4.
    expect(at('D5')).toMatchObject({ value: 4, fill: '#C6EFCE' });
  });

  it('a text is greater than any number, a blank counts as 0, and a rule that is not a constant is refused', async () => {
    await Excel.run(async (ctx) => {
      const sheet = ctx.workbook.worksheets.getItem('Sheet1');
      sheet.getRange('F1:F3').values = [['chữ'], [''], [-1]];
      const gt = sheet.getRange('F1:F3').conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      gt.cellValue.format.fill.color = '#111111';
      gt.cellValue.rule = { formula1: '1000', operator: Excel.ConditionalCellValueOperator.greaterThan };
      const zero = sheet.getRange('F1:F3').conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
      zero.cellValue.format.fill.color = '#222222';
      zero.cellValue.rule = { formula1: '0', operator: Excel.ConditionalCellValueOperator.equalTo };
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'F1').conditionalFill).toBe('#111111');
    expect(excel.cell('Sheet1', 'F2').conditionalFill).toBe('#222222');
    expect(excel.cell('Sheet1', 'F3').conditionalFill).toBeNull();
    await expect(
      Excel.run(async (ctx) => {
        const cf = ctx.workbook.worksheets
          .getItem('Sheet1')
          .getRange('F1')
          .conditionalFormats.add(Excel.ConditionalFormatType.cellValue);
        cf.cellValue.rule = { formula1: '=A1*2', operator: Excel.ConditionalCellValueOperator.equalTo };
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('without data fields, shows the row and column labels and an empty data area', async () => {
    await Excel.run(async (ctx) => {
      const pivotSheet = ctx.workbook.worksheets.getItem('Pivot');
      const source = ctx.workbook.worksheets.getItem('Sheet1').tables.getItem('Nguon');
      const p = pivotSheet.pivotTables.add('Muc', source, pivotSheet.getRange('A3'));
      p.rowHierarchies.add(p.hierarchies.getItem('Đơn vị'));
      p.columnHierarchies.add(p.hierarchies.getItem('Kỳ'));
      await ctx.sync();
    });
    const p = excel.pivot('Muc')!;
    // One column per column item (no data field to span), the "Grand Total" headings, no value cell.
    expect(p.cells.map((c) => [c.address, c.value])).toEqual([
      ['A3', null],
      ['B3', 'Column Labels'],
      ['A4', 'Row Labels'],
      ['B4', '2024'],
      ['C4', '2025'],
      ['D4', 'Grand Total'],
      ['A5', 'Hà Trung'],
      ['A6', 'Nga Sơn'],
      ['A7', 'Grand Total'],
    ]);
    expect(p.cells.filter((c) => c.kind === 'data' || c.kind === 'total')).toEqual([]);
    expect(p.shown.rows).toEqual([
      { label: 'Hà Trung', values: [null, null] },
      { label: 'Nga Sơn', values: [null, null] },
    ]);
  });

  it('an aggregation it does not model is refused, and the layout needs ExcelApi 1.8', async () => {
    await expect(build((_p, d) => (d.summarizeBy = Excel.AggregationFunction.varianceP))).rejects.toMatchObject({
      code: 'InvalidArgument',
    });
    excel.setApiVersion('1.7');
    await expect(
      Excel.run(async (ctx) => {
        ctx.workbook.pivotTables.getItem('Muc').layout.showRowGrandTotals = false;
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'ApiNotFound' });
  });
});
