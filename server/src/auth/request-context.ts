import type { DependencyContainer } from 'tsyringe';
import type { Log, RequestTrace } from '../common/log';
import type { Viewer } from './auth.types';

/**
 * What every GraphQL request carries: the caller, and the request's own child container in which
 * resolvers and DataLoaders live for the request's length (services are the application's).
 */
export interface RequestContext {
  viewer: Viewer | null;
  container: DependencyContainer;
  /** The client's address (behind a proxy, as TRUST_PROXY lets Express read it): an anonymous caller's budget. */
  clientAddress: string;
  /** The request's log (its lines carry the request id). */
  log: Log;
  /** What the request's log line says about the GraphQL operation (filled in by graphql/plugins.ts). */
  trace: RequestTrace;
}
