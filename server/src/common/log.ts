import pino from 'pino';

/**
 * The server's log: JSON lines (pino), one per HTTP request (request id, operation name, duration,
 * outcome) plus start-up, shutdown and unexpected errors. It never carries SQL parameters, GraphQL
 * variables, request bodies or tokens: callers log named fields, never whole requests, and the
 * redaction below is a second line of defence for a field that slips through.
 */
export type Log = pino.Logger;

export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export function createLog(level: LogLevel, destination?: pino.DestinationStream): Log {
  return pino(
    {
      level,
      base: { service: 'chitieu', pid: process.pid },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: {
        paths: [
          'authorization',
          'token',
          'variables',
          'body',
          'params',
          'parameters',
          'query',
          '*.authorization',
          '*.token',
          '*.variables',
          '*.body',
          '*.params',
          '*.parameters',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}

/** What a GraphQL request fills in for its request log line. */
export interface RequestTrace {
  operation?: string;
  /** ok: data and no errors; partial: data and errors; error: no data. */
  outcome?: 'ok' | 'partial' | 'error';
  /** The errors' reasons (codes of schema/contract/reasons.ts), never their messages. */
  reasons?: string[];
}

/** Standard error, for logs of programs whose standard output is their answer (the command line). */
export const pinoStderr = (): pino.DestinationStream => pino.destination(2);
