/** The report sentences of a term's scorecard (Scorecard.summary), in the pane's language. */
import type { GraphQLClient } from './client';

export interface ReportSentences {
  readonly title: string;
  readonly sentences: readonly string[];
}

export async function fetchReportSentences(
  client: GraphQLClient,
  termId: string,
  language: 'VI' | 'EN',
  signal?: AbortSignal,
): Promise<ReportSentences> {
  const d = await client.request<{ term: { title: string; scorecard: { summary: string[] } } | null }>(
    'query($id: ID!, $l: Language) { term(id: $id) { title scorecard { summary(language: $l) } } }',
    { id: termId, l: language },
    signal,
  );
  if (!d.term) throw new Error(`Term ${termId} not found`);
  return { title: d.term.title, sentences: d.term.scorecard.summary };
}
