/**
 * The slices of the GraphQL contract (schema/schema.graphql) that the sync engine reads and produces.
 * Declared here, structurally, so sync/ depends on no client code: whatever the api/ layer
 * fetches is accepted as long as it has these fields. Optional fields are the ones a query may
 * legitimately not select.
 */

import {
  OBSERVATION_STATUSES,
  ROW_OUTCOMES,
  type ObservationStatus,
  type RowOutcome,
} from '../../../schema/contract/outcomes';

export { OBSERVATION_STATUSES, ROW_OUTCOMES, type ObservationStatus, type RowOutcome };

export type Comparator = 'AT_LEAST' | 'AT_MOST';
export type AchievementBand = 'MET' | 'ABOVE_80' | 'FROM_50_TO_80' | 'BELOW_50' | 'NO_DATA';

export interface ServerObservation {
  readonly unit: { readonly code: string; readonly id?: string | null; readonly name?: string | null };
  readonly indicator: {
    readonly code: string;
    readonly name?: string | null;
    readonly unit?: string | null;
    readonly decimals?: number | null;
  };
  readonly period: string;
  readonly value: number;
  readonly status: ObservationStatus;
  readonly source?: string | null;
  readonly note?: string | null;
  readonly version: number;
  readonly updatedAt?: string | null;
  readonly updatedBy?: string | null;
  /** Boundaries CURRENT: a value combined from the units this one succeeded — computed, read-only. */
  readonly derived?: boolean | null;
  /** False when a derived value misses a contributor or rests on a partial link. */
  readonly complete?: boolean | null;
  /** Codes of the units a derived value combines ("35, 36, 37"). */
  readonly contributors?: string | null;
}

/** `ObservationRowInput`. `baseVersion` is absent (not null) for a value the client believes is new. */
export interface ObservationRowInput {
  readonly unitCode: string;
  /** The unit's global id: which unit, when the code names two in the period. Absent when not known. */
  readonly unitId?: string;
  readonly indicatorCode: string;
  readonly period: string;
  readonly value: number | null;
  readonly status: ObservationStatus;
  readonly source: string | null;
  readonly note: string | null;
  readonly baseVersion?: number;
}

export interface RowResult {
  readonly index: number;
  readonly outcome: RowOutcome;
  readonly observation?: ServerObservation | null;
  readonly current?: ServerObservation | null;
  readonly code?: string | null;
  readonly message?: string | null;
}

export interface PushObservationsPayload {
  readonly batchId?: string | null;
  readonly applied: boolean;
  readonly dryRun: boolean;
  readonly rows: readonly RowResult[];
  readonly userErrors?: readonly {
    readonly code: string;
    readonly field?: readonly string[] | null;
    readonly message: string;
  }[];
}

/** A `Target` as the term sheet needs it (indicator flattened to what the grid shows). */
export interface TargetInfo {
  readonly indicator: {
    readonly code: string;
    readonly name: string;
    readonly unit: string;
    readonly decimals?: number | null;
  };
  readonly period: string;
  readonly value: number;
  readonly comparator: Comparator;
}

/** A `Progress` reduced to what the read-only columns of the term sheet show. */
export interface ProgressInfo {
  readonly indicatorCode: string;
  readonly ratio: number | null;
  readonly band: AchievementBand;
}

export interface TermInfo {
  readonly id: string;
  readonly unitCode: string;
  /** The term's unit's global id (absent from sheets pulled before ids were kept). */
  readonly unitId?: string | null;
  readonly unitName: string;
  readonly startYear: number;
  readonly endYear: number;
  readonly title: string;
}
