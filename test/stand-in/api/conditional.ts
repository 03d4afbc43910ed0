/**
 * Range.conditionalFormats (ExcelApi 1.6), two kinds: add("ContainsText") then
 * textComparison.rule = { operator, text } and textComparison.format.fill.color; add("CellValue")
 * then cellValue.rule = { formula1, formula2?, operator } (constants only: "4" or "=4") and
 * cellValue.format.fill.color; clearAll(). Other kinds are refused (not modelled); a protected sheet
 * refuses changes.
 */
import type { Rule, TextRule, ValueRule } from '../conditional';
import { clearRules, rulesOf, VALUE_OPERATORS } from '../conditional';
import { fail } from '../errors';
import { guardProtected } from '../tables';
import type { Batch } from './context';
import type { Range } from './range';

const OPERATORS = ['BeginsWith', 'Contains', 'EndsWith', 'NotContains'] as const;

export class ConditionalFormatCollection {
  constructor(
    private readonly _ctx: Batch,
    private readonly _range: Range,
  ) {
    _ctx.requires('1.6', 'Range.conditionalFormats');
  }

  add(type: string) {
    if (type !== 'ContainsText' && type !== 'CellValue')
      fail(
        'InvalidArgument',
        `The stand-in models conditional formats of type ContainsText and CellValue only, not '${type}'.`,
      );
    let rule: Rule | null = null;
    this._range._op('conditionalFormats.add', type, ({ sheet, rect }) => {
      guardProtected(sheet);
      const id = this._ctx.book.newId('cf');
      rule =
        type === 'CellValue'
          ? { kind: 'value', id, rect, operator: null, bounds: [], fill: null }
          : { kind: 'text', id, rect, operator: null, text: null, fill: null };
      rulesOf(sheet).push(rule);
    });
    const ctx = this._ctx;
    const later = <R extends Rule>(kind: R['kind'], op: string, args: unknown, fn: (r: R) => void) =>
      ctx.enqueue({
        op,
        args,
        run: () => {
          if (!rule) fail('ItemNotFound', 'The conditional format does not exist.');
          // Excel: the other kind's property of a conditional format is a null object.
          if (rule.kind !== kind) fail('InvalidArgument', `The conditional format is not of the ${kind} kind.`);
          fn(rule as R);
        },
      });
    const fill = <R extends Rule>(kind: R['kind']) => ({
      fill: {
        set color(c: string) {
          later<R>(kind, 'conditionalFormat.fill', c, (x) => (x.fill = c));
        },
      },
    });
    return {
      cellValue: {
        set rule(r: { formula1: string; formula2?: string; operator: string }) {
          const num = (f: unknown) => {
            const m = typeof f === 'string' ? /^=?\s*(-?\d+(?:\.\d+)?)\s*$/.exec(f) : null;
            return m ? Number(m[1]) : null;
          };
          const bounds = [num(r?.formula1), ...(r?.formula2 !== undefined ? [num(r.formula2)] : [])];
          const between = r?.operator === 'Between' || r?.operator === 'NotBetween';
          if (
            !(VALUE_OPERATORS as readonly string[]).includes(r?.operator) ||
            bounds.some((b) => b === null) ||
            bounds.length !== (between ? 2 : 1)
          )
            fail('InvalidArgument', 'The cell value conditional format rule is not valid (or not a constant).');
          later<ValueRule>('value', 'conditionalFormat.rule', r, (x) => {
            x.operator = r.operator as ValueRule['operator'];
            x.bounds = bounds as number[];
          });
        },
        format: fill<ValueRule>('value'),
      },
      textComparison: {
        set rule(r: { operator: string; text: string }) {
          if (!(OPERATORS as readonly string[]).includes(r?.operator) || typeof r?.text !== 'string')
            fail('InvalidArgument', 'The text conditional format rule is not valid.');
          later<TextRule>('text', 'conditionalFormat.rule', r, (x) => {
            x.operator = r.operator as TextRule['operator'];
            x.text = r.text;
          });
        },
        format: fill<TextRule>('text'),
      },
    };
  }

  clearAll(): void {
    this._range._op('conditionalFormats.clearAll', undefined, ({ sheet, rect }) => {
      guardProtected(sheet);
      clearRules(sheet, rect);
    });
  }
}
