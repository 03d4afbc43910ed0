import { describe, expect, it } from 'vitest';
import { PROBLEM_CODES } from '../../../addin/src/sync';
import { explainItem } from '../../../addin/src/taskpane/explain-mark';

describe('explaining the cells the add-in did not send', () => {
  it('every problem code has its own sentence in Vietnamese and English, not the engine’s message', () => {
    for (const code of PROBLEM_CODES) {
      const item = { state: 'LOCAL_PROBLEM' as const, code, message: 'engine detail' };
      for (const lang of ['vi', 'en'] as const) {
        const text = explainItem(item, lang);
        expect(text, `${code} ${lang}`).toMatch(/\.$/);
        expect(text, `${code} ${lang}`).not.toContain('engine detail');
      }
    }
  });

  it('an ambiguous percent names both readings, with a decimal comma in Vietnamese', () => {
    const item = {
      state: 'LOCAL_PROBLEM' as const,
      code: 'PERCENT_AMBIGUOUS',
      message: null,
      candidates: [0.015, 1.5],
    };
    expect(explainItem(item, 'vi')).toContain('0,015 hoặc 1,5');
    expect(explainItem(item, 'en')).toContain('0.015 or 1.5');
  });
});
