/**
 * Statuses and free text as typed in a spreadsheet cell: the add-in's status drop-down shows the
 * Vietnamese labels, and either a label or the enum name is read back (case and diacritics
 * ignored). Shared by the add-in (sync/model.ts) and the server's .xlsx upload.
 */
import { OBSERVATION_STATUSES, type ObservationStatus } from './outcomes';

export const STATUS_LABELS_VI: Readonly<Record<ObservationStatus, string>> = {
  ESTIMATED: 'Ước đạt',
  PRELIMINARY: 'Sơ bộ',
  OFFICIAL: 'Chính thức',
  FORECAST: 'Dự báo',
};

export type StatusCell =
  | { readonly kind: 'empty' }
  | { readonly kind: 'ok'; readonly status: ObservationStatus }
  | { readonly kind: 'bad'; readonly text: string };

function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[\s_]+/g, ' ')
    .trim();
}

const STATUS_BY_FOLDED = new Map<string, ObservationStatus>();
for (const s of OBSERVATION_STATUSES) {
  STATUS_BY_FOLDED.set(foldVietnamese(s), s);
  STATUS_BY_FOLDED.set(foldVietnamese(STATUS_LABELS_VI[s]), s);
}

/** Accepts the enum names and the Vietnamese labels, ignoring case and diacritics. */
export function parseStatusCell(raw: unknown): StatusCell {
  if (raw === null || raw === undefined) return { kind: 'empty' };
  const text = typeof raw === 'string' ? raw.trim() : String(raw);
  if (text === '') return { kind: 'empty' };
  const status = STATUS_BY_FOLDED.get(foldVietnamese(text));
  return status ? { kind: 'ok', status } : { kind: 'bad', text };
}

/** Free text (source, note): trimmed, and empty means none — on both sides of every comparison. */
export function normalizeText(raw: unknown): string | null {
  if (raw === null || raw === undefined) return null;
  const text = (typeof raw === 'string' ? raw : String(raw)).trim();
  return text === '' ? null : text;
}
