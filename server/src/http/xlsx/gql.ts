import type { ApolloServer } from '@apollo/server';
import type { Request } from 'express';
import type { Services } from '../../app/services';
import type { Viewer } from '../../auth/auth.types';
import type { RequestContext } from '../../auth/request-context';
import { AppError } from '../../common/errors';
import { isReasonCode, type ErrorCode } from '../../../../schema/contract/reasons';
import { HTTP_STATUS } from '../../graphql/errors';
import { requestContext } from '../context';
import { Refusal } from './refusal';

export type Gql = (<T>(query: string, variables?: Record<string, unknown>) => Promise<T>) & {
  /** The caller (null: anonymous, which only PUBLIC_READ lets read). */
  readonly viewer: Viewer | null;
};

interface GraphQLLikeError {
  message: string;
  extensions?: { code?: unknown; reason?: unknown; http?: { status?: number; headers?: Map<string, string> } };
}

/** A GraphQL error as an AppError, keeping its code and reason. */
function asAppError(e: GraphQLLikeError): AppError {
  const code = String(e.extensions?.code ?? 'INTERNAL') as ErrorCode;
  const reason = String(e.extensions?.reason ?? code);
  return new AppError(code in HTTP_STATUS ? code : 'INTERNAL', e.message, isReasonCode(reason) ? reason : 'INTERNAL');
}

/**
 * Runs GraphQL operations for a spreadsheet route as the caller: the same context (token, scope),
 * the same plugins (access: PUBLIC_READ and writes need a token; cost cap and per-minute budget;
 * HTTP status) and the same resolvers as a request to /graphql, so an export reads exactly what the
 * add-in's pull reads and an upload pushes exactly what the add-in's push does. A refused operation
 * throws a Refusal with the status /graphql would have answered.
 */
export async function callerFor(apollo: ApolloServer<RequestContext>, services: Services, req: Request): Promise<Gql> {
  let contextValue: RequestContext;
  try {
    contextValue = await requestContext(services)({ req, res: req.res! });
  } catch (e) {
    const ge = e as GraphQLLikeError;
    if (!ge.extensions) throw e;
    const headers = Object.fromEntries(ge.extensions.http?.headers ?? []);
    throw new Refusal(asAppError(ge), ge.extensions.http?.status, headers);
  }
  const call = async <T>(query: string, variables: Record<string, unknown> = {}): Promise<T> => {
    // As /graphql receives them: JSON, without undefined (graphql-jit reads a field set to undefined
    // as null where graphql-js reads it as absent, and takes its default).
    const json = JSON.parse(JSON.stringify(variables)) as Record<string, unknown>;
    const response = await apollo.executeOperation<T & Record<string, unknown>>(
      { query, variables: json },
      { contextValue },
    );
    if (response.body.kind !== 'single') throw new Error('Unexpected incremental GraphQL response');
    const { data, errors } = response.body.singleResult;
    if (errors?.length) {
      const first = errors[0] as GraphQLLikeError;
      const error = asAppError(first);
      const status = response.http.status ?? HTTP_STATUS[error.code];
      throw new Refusal(error, status, Object.fromEntries(response.http.headers));
    }
    return data as T;
  };
  return Object.assign(call, { viewer: contextValue.viewer });
}
