/** Property-based tests of baseline storage: (4) parse ∘ serialise is the identity. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cellKey,
  createBaseline,
  isCanonicalPeriod,
  normalizeText,
  parseBaseline,
  sameBaseline,
  serializeBaseline,
  type Baseline,
} from '../../../addin/src/sync';
import { keyArb, statusArb } from './arbitraries';

const anyText = fc.string({ unit: 'binary', maxLength: 16 });

const baselineArb: fc.Arbitrary<Baseline> = fc
  .record({
    layout: fc.constantFrom('long' as const, 'term' as const),
    scope: fc.record({
      serverUrl: anyText,
      pulledAt: anyText,
      unitCode: fc.option(anyText, { nil: null }),
      termId: fc.option(anyText, { nil: null }),
      query: fc.option(anyText, { nil: null }),
      unitId: fc.option(anyText, { nil: null }),
    }),
    units: fc.array(anyText, { maxLength: 4 }),
    unitRefs: fc.array(
      fc.record({
        code: anyText,
        id: anyText,
        validFrom: fc.option(anyText, { nil: null }),
        validTo: fc.option(anyText, { nil: null }),
      }),
      { maxLength: 4 },
    ),
    indicators: fc.array(fc.tuple(anyText, fc.option(fc.integer({ min: 0, max: 12 }), { nil: null })), {
      maxLength: 4,
    }),
    cells: fc.uniqueArray(
      fc.record({
        key: fc.record({
          unitCode: anyText,
          indicatorCode: anyText,
          period: keyArb.map((k) => k.period),
          unitId: fc.option(fc.string({ minLength: 1, maxLength: 12 }), { nil: undefined }),
        }),
        value: fc.double({ noNaN: true, noDefaultInfinity: true }),
        version: fc.nat(),
        status: statusArb,
        source: fc.option(anyText, { nil: null }),
        note: fc.option(anyText, { nil: null }),
      }),
      { selector: (c) => cellKey(c.key), maxLength: 30 },
    ),
  })
  .map((r) =>
    createBaseline({
      layout: r.layout,
      scope: r.scope,
      units: r.units,
      unitRefs: r.unitRefs,
      indicators: new Map(r.indicators),
      cells: r.cells.map((c) => ({
        ...c.key,
        value: c.value,
        version: c.version,
        status: c.status,
        source: c.source,
        note: c.note,
      })),
    }),
  );

describe('property: baseline', () => {
  it('(4) parse ∘ serialise is the identity', () => {
    fc.assert(
      fc.property(baselineArb, (b) => {
        const text = serializeBaseline(b);
        const r = parseBaseline(text);
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        expect(r.baseline).toEqual(b);
        expect(sameBaseline(r.baseline, b)).toBe(true);
        expect(serializeBaseline(r.baseline)).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('any single-character corruption is rejected or still yields a well-formed baseline', () => {
    fc.assert(
      fc.property(baselineArb, fc.nat(), fc.string({ minLength: 1, maxLength: 1 }), (b, at, ch) => {
        const text = serializeBaseline(b);
        const i = at % text.length;
        const r = parseBaseline(text.slice(0, i) + ch + text.slice(i + 1));
        if (r.ok) {
          for (const c of r.baseline.cells.values()) {
            expect(isCanonicalPeriod(c.period)).toBe(true);
            expect(Number.isFinite(c.value) && Number.isInteger(c.version)).toBe(true);
            expect(normalizeText(c.note) === null || typeof c.note === 'string').toBe(true);
          }
        }
      }),
      { numRuns: 300 },
    );
  });
});
