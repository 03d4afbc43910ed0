/**
 * The pane's languages: Vietnamese first (the statisticians' language), English second (for
 * support staff and integrators).
 *
 * One translation shape everywhere: `Texts = { vi, en }` from schema/contract/reasons, the shape the
 * server's reason codes already use. Every bilingual table is a record of Texts — sentences by
 * key (words.ts), labels by code (labels.ts), explanations by reason or error (explain-mark.ts,
 * errors.ts) — and is read as TABLE[key][lang]. Both languages of an entry sit side by side, so
 * a missing translation does not compile, and adding a language to Texts flags every table.
 * Sentences with {placeholders} go through `translator`; nothing here depends on React
 * (the context is in lang-context.ts), so non-UI modules can speak the user's language too.
 */
import type { Texts } from '../../../schema/contract/reasons';
import type { MessageKey } from './words';
import { WORDS } from './words';

export type Lang = keyof Texts;
export type { MessageKey };

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export function translator(lang: Lang): Translate {
  return (key, params) => {
    let s: string = WORDS[key][lang];
    for (const [k, v] of Object.entries(params ?? {})) s = s.split(`{${k}}`).join(String(v));
    return s;
  };
}

/** Numbers as the user's language writes them: 1.234,5 in Vietnamese, 1,234.5 in English. */
const NUMBER_LOCALE: Texts = { vi: 'vi-VN', en: 'en-US' };
/** Dates day first in both: 15/1/2024 (British, not American, English). */
const DATE_LOCALE: Texts = { vi: 'vi-VN', en: 'en-GB' };

export function formatNumber(lang: Lang, n: number): string {
  return n.toLocaleString(NUMBER_LOCALE[lang], { maximumFractionDigits: 6 });
}

export function formatDateTime(lang: Lang, iso: string): string {
  return new Date(iso).toLocaleString(DATE_LOCALE[lang]);
}
