import type { Response } from 'express';
import { AppError } from '../../common/errors';
import { httpErrorBody, httpStatusOf } from '../../graphql/errors';

/** A refusal of a spreadsheet route: the one error shape (code + reason), with its HTTP status. */
export class Refusal extends Error {
  constructor(
    readonly error: AppError,
    readonly status: number = httpStatusOf(error),
    readonly headers: Readonly<Record<string, string>> = {},
  ) {
    super(error.message);
  }
}

export function sendRefusal(res: Response, r: Refusal): void {
  res.status(r.status).set(r.headers).json(httpErrorBody(r.error));
}
