import { injectable } from 'tsyringe';
import { DataSource } from 'typeorm';

/** A minute: budgets are per caller per minute (fixed windows, aligned to the clock). */
export const BUDGET_WINDOW_MS = 60_000;

export type Charge =
  | { readonly ok: true; readonly spent: number }
  | { readonly ok: false; readonly spent: number; readonly retryAfterSeconds: number };

/**
 * Query budgets over time. Each caller (a token, or an address for anonymous reads) may spend
 * `perMinute` cost units a minute; the spending lives in the database (`query_budget`), so every
 * server behind a load balancer charges the same budget and a restart does not refill it. One
 * conditional UPDATE per charged request (an INSERT the first time); cheap queries are not charged
 * at all (see the plugin), so most requests cost the database nothing.
 */
@injectable()
export class BudgetService {
  constructor(private readonly ds: DataSource) {}

  async charge(subject: string, cost: number, perMinute: number, now = Date.now()): Promise<Charge> {
    const start = Math.floor(now / BUDGET_WINDOW_MS) * BUDGET_WINDOW_MS;
    const spent = await this.add(subject, cost, start);
    if (spent <= perMinute) return { ok: true, spent };
    return { ok: false, spent, retryAfterSeconds: Math.max(1, Math.ceil((start + BUDGET_WINDOW_MS - now) / 1000)) };
  }

  /** Adds `cost` to the subject's current window (a new window starts from zero); returns the total. */
  private async add(subject: string, cost: number, start: number): Promise<number> {
    for (let attempt = 0; ; attempt++) {
      const result = await this.ds
        .createQueryBuilder()
        .update('query_budget')
        .set({
          spent: () => 'CASE WHEN window_start < :start THEN :cost ELSE spent + :cost END',
          window_start: () => 'CASE WHEN window_start < :start THEN :start ELSE window_start END',
        })
        .where('subject = :subject')
        .setParameters({ subject, cost, start })
        .execute();
      if (result.affected) break;
      try {
        await this.ds
          .createQueryBuilder()
          .insert()
          .into('query_budget')
          .values({ subject, window_start: start, spent: cost })
          .execute();
        return cost;
      } catch (e) {
        // Another request of the same caller inserted first: add to its row instead.
        if (attempt > 0) throw e;
      }
    }
    const rows: { spent: string | number }[] = await this.ds.query(
      'SELECT /* primary */ spent FROM query_budget WHERE subject = ?',
      [subject],
    );
    return Number(rows[0]?.spent ?? cost);
  }
}
