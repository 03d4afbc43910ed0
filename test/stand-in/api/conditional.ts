/**
 * Range.conditionalFormats (ExcelApi 1.6), the text kind: add("ContainsText") then
 * textComparison.rule = { operator, text } and textComparison.format.fill.color; clearAll().
 * Other kinds are refused (not modelled); a protected sheet refuses changes.
 */
import type { TextRule } from '../conditional';
import { clearRules, rulesOf } from '../conditional';
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
    if (type !== 'ContainsText')
      fail('InvalidArgument', `The stand-in models conditional formats of type ContainsText only, not '${type}'.`);
    let rule: TextRule | null = null;
    this._range._op('conditionalFormats.add', type, ({ sheet, rect }) => {
      guardProtected(sheet);
      rule = { id: this._ctx.book.newId('cf'), rect, operator: null, text: null, fill: null };
      rulesOf(sheet).push(rule);
    });
    const ctx = this._ctx;
    const later = (op: string, args: unknown, fn: (r: TextRule) => void) =>
      ctx.enqueue({
        op,
        args,
        run: () => {
          if (!rule) fail('ItemNotFound', 'The conditional format does not exist.');
          fn(rule);
        },
      });
    return {
      textComparison: {
        set rule(r: { operator: string; text: string }) {
          if (!(OPERATORS as readonly string[]).includes(r?.operator) || typeof r?.text !== 'string')
            fail('InvalidArgument', 'The text conditional format rule is not valid.');
          later('conditionalFormat.rule', r, (x) => {
            x.operator = r.operator as TextRule['operator'];
            x.text = r.text;
          });
        },
        format: {
          fill: {
            set color(c: string) {
              later('conditionalFormat.fill', c, (x) => (x.fill = c));
            },
          },
        },
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
