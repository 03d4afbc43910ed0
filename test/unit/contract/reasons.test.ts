import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { explainItem, explainWarning } from '../../../addin/src/taskpane/explain-mark';
import { ERROR_CODES, isReasonCode, REASONS, type ReasonCode } from '../../../schema/contract/reasons';

const SERVER = path.resolve(__dirname, '../../../server/src');

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/**
 * Reason codes written as literals where the server emits them: the first argument of the error
 * helpers, and `code:` / `reason:` in row problems and user errors. The type system already
 * rejects a literal outside ReasonCode; this catches one smuggled past it with a cast.
 */
function emittedReasons(): Map<string, string> {
  const found = new Map<string, string>();
  const patterns = [
    /\b(?:badInput|notFound|forbidden|userError|fail|conflict|decide)\([^'()]*?'([A-Z][A-Z0-9_]+)'/g,
    /new AppError\(\s*'[A-Z_]+',[^)]*?'([A-Z][A-Z0-9_]+)'\s*[,)]/g,
    /\b(?:code|reason): '([A-Z][A-Z0-9_]+)'/g,
  ];
  for (const file of sources(SERVER)) {
    const text = fs.readFileSync(file, 'utf8');
    for (const re of patterns) for (const m of text.matchAll(re)) found.set(m[1]!, path.relative(SERVER, file));
  }
  return found;
}

describe('reason codes (schema/contract/reasons.ts)', () => {
  it('every reason the server emits has an explanation', () => {
    const emitted = emittedReasons();
    // The scan must find the server's reasons at all, or it proves nothing.
    expect(emitted.size).toBeGreaterThan(40);
    for (const known of ['INVALID_PERIOD', 'UNKNOWN_UNIT', 'STALE_VERSION', 'DUPLICATE_ROW', 'TOO_MANY_ROWS'])
      expect(emitted.has(known)).toBe(true);
    const unexplained = [...emitted].filter(([code]) => !isReasonCode(code) && code !== 'ASC' && code !== 'DESC');
    expect(unexplained).toEqual([]);
  });

  it('every top-level error code is also a reason', () => {
    for (const code of ERROR_CODES) expect(isReasonCode(code)).toBe(true);
  });

  it('every explanation is a sentence in both languages, distinct between them', () => {
    for (const [code, texts] of Object.entries(REASONS)) {
      expect(texts.vi.trim(), code).not.toBe('');
      expect(texts.en.trim(), code).not.toBe('');
      expect(texts.vi, code).not.toBe(texts.en);
    }
  });

  it('the add-in explains a marked cell with the contract text of its server reason', () => {
    for (const code of Object.keys(REASONS) as ReasonCode[]) {
      const item = { state: 'INVALID' as const, code, message: 'server detail', suggestion: undefined };
      // The contract's text first; a few reasons add what to do in the sheet after it.
      expect(explainItem(item, 'vi')).toMatch(new RegExp(`^${escape(REASONS[code].vi)}[.] ?`));
      expect(explainItem(item, 'en')).toMatch(new RegExp(`^${escape(REASONS[code].en)}[.] ?`));
    }
    expect(explainItem({ state: 'INVALID', code: 'AMBIGUOUS_UNIT', message: null }, 'vi')).toContain('từ 01/07/2025');
  });

  it('the add-in explains a server user error by its code and keeps an unknown one verbatim', () => {
    expect(explainWarning('ATOMIC_PUSH_REJECTED: Nothing was written', 'vi')).toBe(REASONS.ATOMIC_PUSH_REJECTED.vi);
    expect(explainWarning('SOMETHING_NEW: detail', 'en')).toBe('SOMETHING_NEW: detail');
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
