/**
 * The Excel functions in the shared runtime: one CellBatcher for the page, fed by the pane's
 * connection when there is one, else by the server and token this user remembered (the functions
 * may recalculate before the pane is opened). Registered once Office is ready.
 */
import { ApiError, cellFetcher, endpointOf, GraphQLClient } from '../api';
import { registerFunctions, refreshFunctions } from '../excel';
import { CellBatcher, CellFetchError, notSignedInOutcome } from '../sync';
import * as settings from './settings';

/** Microsoft's batching pattern waits 100 ms for the calls of one recalculation. */
export const BATCH_WINDOW_MS = 100;

let connected: GraphQLClient | null = null;
let origin = '';

/** The pane's connection (null when it disconnects). */
export function setFunctionsClient(client: GraphQLClient | null): void {
  connected = client;
}

function rememberedClient(): GraphQLClient | null {
  const server = settings.lastServer() ?? origin;
  const token = settings.rememberedToken(endpointOf(server, origin));
  return token ? new GraphQLClient({ serverUrl: server, token }) : null;
}

const lang = () => settings.savedLang();
const notSignedIn = () => new CellFetchError(notSignedInOutcome(lang()));
const fetchWith = cellFetcher(() => connected ?? rememberedClient(), notSignedIn);

export const functionsBatcher = new CellBatcher({
  fetch: async (cells) => {
    try {
      return await fetchWith(cells);
    } catch (e) {
      if (e instanceof ApiError && e.kind === 'UNAUTHENTICATED') throw notSignedIn();
      throw e;
    }
  },
  schedule: (flush) => setTimeout(flush, BATCH_WINDOW_MS),
  lang,
});

let registered = false;

/** Associates the functions (once); false where this Excel cannot host them. */
export function setupFunctions(pageOrigin: string): boolean {
  origin = pageOrigin;
  if (!registered) registered = registerFunctions(functionsBatcher, lang);
  return registered;
}

export const functionsRegistered = () => registered;

export const refreshAllFunctions = () => refreshFunctions(functionsBatcher);
