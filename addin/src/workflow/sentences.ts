/**
 * "Nhận định": the report sentences of the term a sheet was pulled from, computed by the server
 * from its own figures (Scorecard.summary), written into a new sheet for the report writer to copy
 * into the report. Only a term sheet has a scorecard.
 */
import type { GraphQLClient } from '../api';
import { fetchReportSentences } from '../api';
import * as excel from '../excel';
import type { BoundSheet } from './sheet';

/** The term a sheet was pulled from, or null when it is not a term sheet. */
export function termOf(sheet: BoundSheet): string | null {
  const key = sheet.binding.scopeKey;
  return typeof key === 'string' && key.startsWith('term:') ? key.slice(5) : null;
}

export interface SentencesWritten {
  readonly sheetName: string;
  readonly count: number;
}

/** The sheet the sentences go to: "Nhận định Hà Trung XXII" (then " (2)", … if taken). */
export const sentencesSheetName = (from: BoundSheet) => `Nhận định ${from.sheetName}`;

export async function insertReportSentences(
  client: GraphQLClient,
  from: BoundSheet,
  language: 'VI' | 'EN',
  signal?: AbortSignal,
): Promise<SentencesWritten> {
  const termId = termOf(from);
  if (!termId) throw new Error(`${from.sheetName} is not a term sheet`);
  const r = await fetchReportSentences(client, termId, language, signal);
  const written = await excel.writeTextSheet(sentencesSheetName(from), [r.title, ...r.sentences]);
  return { sheetName: written.sheetName, count: r.sentences.length };
}
