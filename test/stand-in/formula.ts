/**
 * A tiny formula evaluator: numbers, strings, + - * / ^ & %, parentheses, A1 references on the
 * same sheet and SUM. Anything else — unknown names, words, Vietnamese text after a minus — is
 * #NAME?, as Excel shows for a formula it cannot resolve; two operands side by side are #NULL!.
 */
import { colIndex } from './address';
import type { Value } from './model';
import { CellError } from './model';

export type CellLookup = (row: number, col: number) => Value | null;

type Tok =
  | { t: 'num'; v: number }
  | { t: 'str'; v: string }
  | { t: 'ref'; r0: number; c0: number; r1: number; c1: number }
  | { t: 'op'; v: string }
  | { t: 'name'; v: string }
  | { t: 'sp' };

const REF = /^\$?([A-Z]{1,3})\$?(\d+)(?::\$?([A-Z]{1,3})\$?(\d+))?/;

function tokenize(src: string): Tok[] | CellError {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const rest = src.slice(i);
    const ch = src[i]!;
    if (ch === ' ') {
      out.push({ t: 'sp' });
      i++;
      continue;
    }
    const num = /^\d+(\.\d+)?([eE][+-]?\d+)?/.exec(rest) ?? /^\.\d+/.exec(rest);
    if (num) {
      out.push({ t: 'num', v: Number(num[0]) });
      i += num[0].length;
      continue;
    }
    if (ch === '"') {
      const end = src.indexOf('"', i + 1);
      if (end < 0) return new CellError('#NAME?');
      out.push({ t: 'str', v: src.slice(i + 1, end) });
      i = end + 1;
      continue;
    }
    const ref = REF.exec(rest.toUpperCase());
    if (ref && !/^[A-Za-z0-9_(]/.test(rest.slice(ref[0].length))) {
      const r0 = Number(ref[2]) - 1;
      const c0 = colIndex(ref[1]!);
      out.push({ t: 'ref', r0, c0, r1: ref[3] ? Number(ref[4]) - 1 : r0, c1: ref[3] ? colIndex(ref[3]) : c0 });
      i += ref[0].length;
      continue;
    }
    if ('+-*/^&%(),'.includes(ch)) {
      out.push({ t: 'op', v: ch });
      i++;
      continue;
    }
    const name = /^[\p{L}_][\p{L}\p{N}_.]*/u.exec(rest);
    if (name) {
      out.push({ t: 'name', v: name[0] });
      i += name[0].length;
      continue;
    }
    return new CellError('#NAME?');
  }
  return out;
}

class Stop {
  constructor(readonly error: CellError) {}
}

function toNumber(v: Value | null): number {
  if (v instanceof CellError) throw new Stop(v);
  if (v === null || v === '') return 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return v;
  const n = Number(v.trim());
  if (v.trim() === '' || Number.isNaN(n)) throw new Stop(new CellError('#VALUE!'));
  return n;
}

export function evaluate(formula: string, lookup: CellLookup): Value {
  const toks = tokenize(formula.replace(/^=/, ''));
  if (toks instanceof CellError) return toks;
  let p = 0;
  const skip = () => {
    while (toks[p]?.t === 'sp') p++;
  };
  const peekOp = (): string | null => {
    skip();
    const t = toks[p];
    return t && t.t === 'op' ? t.v : null;
  };
  const binary = (next: () => Value, ops: string, apply: (op: string, a: Value, b: Value) => Value) => (): Value => {
    let a = next();
    for (let op = peekOp(); op && ops.includes(op); op = peekOp()) {
      p++;
      a = apply(op, a, next());
    }
    return a;
  };
  const arith = (op: string, a: Value, b: Value): Value => {
    const x = toNumber(a);
    const y = toNumber(b);
    if (op === '+') return x + y;
    if (op === '-') return x - y;
    if (op === '*') return x * y;
    if (op === '^') return x ** y;
    if (y === 0) throw new Stop(new CellError('#DIV/0!'));
    return x / y;
  };
  const primary = (): Value => {
    skip();
    const t = toks[p++];
    if (!t) throw new Stop(new CellError('#NAME?'));
    if (t.t === 'num') return t.v;
    if (t.t === 'str') return t.v;
    if (t.t === 'ref') {
      if (t.r0 !== t.r1 || t.c0 !== t.c1) throw new Stop(new CellError('#VALUE!'));
      return lookup(t.r0, t.c0) ?? 0;
    }
    if (t.t === 'op' && t.v === '(') {
      const v = expr();
      if (peekOp() !== ')') throw new Stop(new CellError('#NAME?'));
      p++;
      return v;
    }
    if (t.t === 'op' && (t.v === '-' || t.v === '+')) {
      const v = toNumber(postfix());
      return t.v === '-' ? -v : v;
    }
    if (t.t === 'name' && t.v.toUpperCase() === 'SUM' && peekOp() === '(') {
      p++;
      let sum = 0;
      for (;;) {
        skip();
        const a = toks[p];
        if (a?.t === 'ref') {
          p++;
          for (let r = Math.min(a.r0, a.r1); r <= Math.max(a.r0, a.r1); r++)
            for (let c = Math.min(a.c0, a.c1); c <= Math.max(a.c0, a.c1); c++) {
              const v = lookup(r, c);
              if (v instanceof CellError) throw new Stop(v);
              if (typeof v === 'number') sum += v;
            }
        } else sum += toNumber(expr());
        const op = peekOp();
        p++;
        if (op === ')') return sum;
        if (op !== ',') throw new Stop(new CellError('#NAME?'));
      }
    }
    throw new Stop(new CellError('#NAME?'));
  };
  const postfix = (): Value => {
    let v = primary();
    while (peekOp() === '%') {
      p++;
      v = toNumber(v) / 100;
    }
    return v;
  };
  const power = binary(postfix, '^', arith);
  const product = binary(power, '*/', arith);
  const sum = binary(product, '+-', arith);
  const concat = binary(sum, '&', (_op, a, b) => {
    if (a instanceof CellError) throw new Stop(a);
    if (b instanceof CellError) throw new Stop(b);
    return `${a}${b}`;
  });
  function expr(): Value {
    return concat();
  }
  try {
    const v = expr();
    skip();
    if (p < toks.length)
      return new CellError(toks[p]!.t === 'name' ? '#NAME?' : toks[p]!.t === 'op' ? '#NAME?' : '#NULL!');
    if (typeof v === 'number' && !Number.isFinite(v)) return new CellError('#NUM!');
    return v;
  } catch (e) {
    if (e instanceof Stop) return e.error;
    throw e;
  }
}
