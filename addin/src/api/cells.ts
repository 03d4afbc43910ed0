/**
 * `cellValues`: the Excel functions' cells in one request, the cells as variables (a document of
 * 1,000 aliased lookups would pass the server's 10,000-token limit; variables do not count).
 */
import type { CellFetcher, CellRequest, ServerCell } from '../sync';
import type { GraphQLClient } from './client';

export const CELL_VALUES = 'query Cells($cells: [CellQuery!]!) { cellValues(cells: $cells) { value code message } }';

export async function fetchCells(client: GraphQLClient, cells: readonly CellRequest[]): Promise<ServerCell[]> {
  const d = await client.request<{ cellValues: ServerCell[] }>(CELL_VALUES, { cells });
  return d.cellValues;
}

/** A CellFetcher over a client, or over none yet (the pane not signed in): `client()` is asked at each request. */
export const cellFetcher =
  (client: () => GraphQLClient | null, notSignedIn: () => Error): CellFetcher =>
  async (cells) => {
    const c = client();
    if (!c) throw notSignedIn();
    return fetchCells(c, cells);
  };
