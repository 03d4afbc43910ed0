/**
 * Rules: charts (ExcelApi 1.1) draw their source as it is now, series by columns, categories from
 * the first text column; a point past the end fails at sync; a protected sheet refuses adding and
 * deleting charts. Text conditional formats (ExcelApi 1.6) colour the cells whose text matches,
 * case-insensitively, and are refused below 1.6 and on a protected sheet.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Driver } from '.';
import { installStandIn } from '.';

const fill = (sheet = 'Sheet1') =>
  Excel.run(async (ctx) => {
    ctx.workbook.worksheets.getItem(sheet).getRange('A1:B4').values = [
      ['Đơn vị', 'Giá trị'],
      ['Hà Trung', 7.34],
      ['Nga Sơn', 7.34],
      ['Cẩm Thủy', 5.7],
    ];
    await ctx.sync();
  });

const addChart = (colour: { point: number; color: string } | null = null) =>
  Excel.run(async (ctx) => {
    const sheet = ctx.workbook.worksheets.getItem('Sheet1');
    const chart = sheet.charts.add('ColumnClustered', sheet.getRange('A1:B4'), 'Columns');
    chart.title.text = 'Xếp hạng';
    if (colour) chart.series.getItemAt(0).points.getItemAt(colour.point).format.fill.setSolidColor(colour.color);
    await ctx.sync();
  });

describe('stand-in: charts', () => {
  let excel: Driver;
  beforeEach(async () => {
    excel = installStandIn({ apiVersion: '1.12' });
    await fill();
  });
  afterEach(() => excel.uninstall());

  it('a chart over a range: categories, one series named by its header, a point fill; it follows its cells', async () => {
    await addChart({ point: 1, color: '#2E7D32' });
    const [c] = excel.charts('Sheet1');
    expect(c).toMatchObject({ name: 'Chart 1', type: 'ColumnClustered', title: 'Xếp hạng', source: 'Sheet1!A1:B4' });
    expect(c!.series).toEqual([
      {
        name: 'Giá trị',
        categories: ['Hà Trung', 'Nga Sơn', 'Cẩm Thủy'],
        values: [7.34, 7.34, 5.7],
        fills: [null, '#2E7D32', null],
      },
    ]);
    excel.type('Sheet1', 'B4', 6);
    expect(excel.charts('Sheet1')[0]!.series[0]!.values).toEqual([7.34, 7.34, 6]);
  });

  it('a point past the end fails the sync with ItemNotFound', async () => {
    await expect(addChart({ point: 3, color: '#000000' })).rejects.toMatchObject({ code: 'ItemNotFound' });
  });

  it('a protected sheet refuses a new chart and deleting one', async () => {
    await addChart();
    excel.protect('Sheet1');
    await expect(addChart()).rejects.toMatchObject({ code: 'AccessDenied' });
    await expect(
      Excel.run(async (ctx) => {
        const charts = ctx.workbook.worksheets.getItem('Sheet1').charts;
        charts.load('items/name');
        await ctx.sync();
        charts.items[0]!.delete();
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'AccessDenied' });
    expect(excel.charts('Sheet1')).toHaveLength(1);
  });

  it('a chart type the stand-in does not draw is refused rather than silently drawn as bars', async () => {
    await expect(
      Excel.run(async (ctx) => {
        const sheet = ctx.workbook.worksheets.getItem('Sheet1');
        sheet.charts.add('Pie', sheet.getRange('A1:B4'));
        await ctx.sync();
      }),
    ).rejects.toMatchObject({ code: 'InvalidArgument' });
  });
});

describe('stand-in: text conditional formats', () => {
  let excel: Driver;
  afterEach(() => excel.uninstall());

  const colour = () =>
    Excel.run(async (ctx) => {
      const range = ctx.workbook.worksheets.getItem('Sheet1').getRange('A2:A4');
      const cf = range.conditionalFormats.add('ContainsText');
      cf.textComparison.format.fill.color = '#C6EFCE';
      cf.textComparison.rule = { operator: 'BeginsWith', text: 'hà' };
      await ctx.sync();
    });

  it('colours the cells whose text begins with the rule text (case-insensitive), over their own fill', async () => {
    excel = installStandIn({ apiVersion: '1.12' });
    await fill();
    await colour();
    expect(excel.cell('Sheet1', 'A2').conditionalFill).toBe('#C6EFCE');
    expect(excel.cell('Sheet1', 'A3').conditionalFill).toBeNull();
    expect(excel.cell('Sheet1', 'A1').conditionalFill).toBeNull(); // outside the rule's range
    excel.type('Sheet1', 'A3', 'Hà Nội');
    expect(excel.cell('Sheet1', 'A3').conditionalFill).toBe('#C6EFCE');
    await Excel.run(async (ctx) => {
      ctx.workbook.worksheets.getItem('Sheet1').getRange('A:A').conditionalFormats.clearAll();
      await ctx.sync();
    });
    expect(excel.cell('Sheet1', 'A2').conditionalFill).toBeNull();
  });

  it('is refused below ExcelApi 1.6 and on a protected sheet', async () => {
    excel = installStandIn({ apiVersion: '1.5' });
    await fill();
    await expect(colour()).rejects.toMatchObject({ code: 'ApiNotFound' });
    excel.setApiVersion('1.12');
    excel.protect('Sheet1');
    await expect(colour()).rejects.toMatchObject({ code: 'AccessDenied' });
  });
});
