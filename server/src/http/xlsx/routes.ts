import type { ApolloServer } from '@apollo/server';
import express, { Router, type NextFunction, type Request, type Response } from 'express';
import type { Config } from '../../app/config';
import type { Services } from '../../app/services';
import type { RequestContext } from '../../auth/request-context';
import type { inFlightTracker } from '../in-flight';
import { exportComparison, exportProvince, exportTerm, XLSX_TYPE } from './export';
import { callerFor, type Gql } from './gql';
import { importWorkbook } from './import';
import { Refusal, sendRefusal } from './refusal';

export interface XlsxDeps {
  apollo: ApolloServer<RequestContext>;
  services: Services;
  config: Config;
  publicUrl: () => string;
  inFlight: ReturnType<typeof inFlightTracker>;
}

type Handler = (req: Request, res: Response, gql: Gql) => Promise<void>;

/**
 * The spreadsheet routes: GET /export/{province,term,comparison}.xlsx and POST /import. Each runs
 * GraphQL operations as the caller (http/xlsx/gql.ts), so tokens, PUBLIC_READ, scopes, cost caps and
 * budgets are those of /graphql. Errors answer in the one error shape with their HTTP status.
 */
export function xlsxRouter(d: XlsxDeps): Router {
  const router = Router();
  const run = (h: Handler) =>
    d.inFlight.wrap(async (req: Request, res: Response, next: NextFunction) => {
      try {
        const gql = await callerFor(d.apollo, d.services, req);
        await h(req, res, gql);
      } catch (e) {
        if (e instanceof Refusal && !res.headersSent) sendRefusal(res, e);
        else next(e);
      }
    });
  const server = () => d.publicUrl();
  router.get(
    '/export/province.xlsx',
    run((q, s, g) => exportProvince(q, s, g, server())),
  );
  router.get(
    '/export/term.xlsx',
    run((q, s, g) => exportTerm(q, s, g, server())),
  );
  router.get(
    '/export/comparison.xlsx',
    run((q, s, g) => exportComparison(q, s, g, server())),
  );
  router.post(
    '/import',
    // The file as the raw body (BODY_LIMIT); any other type is refused by the handler, after the token.
    express.raw({ type: [XLSX_TYPE, 'application/octet-stream'], limit: d.config.bodyLimit }),
    run(importWorkbook),
  );
  return router;
}
