import DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader, MAX_BATCH } from '../common/loaders';
import { AdminUnitService, type LinkTo } from './admin-unit.service';
import type { AdminUnit } from './admin-unit.types';

/** A province's districts (or a unit's communes) on a date (ISO, yyyy-mm-dd; null: all of them). */
export interface DistrictsKey {
  provinceId: number;
  activeOn: string;
}
export interface CommunesKey {
  parentId: number;
  activeOn: string | null;
}

/** Per-request batching of unit reads, so nested fields never run one query per parent. */
@scoped(Lifecycle.ContainerScoped)
export class AdminUnitLoaders {
  readonly byId: DataLoader<number, AdminUnit | null>;
  readonly districts: DataLoader<DistrictsKey, AdminUnit[], string>;
  readonly communes: DataLoader<CommunesKey, AdminUnit[], string>;
  readonly successors: DataLoader<number, LinkTo[]>;
  readonly predecessors: DataLoader<number, LinkTo[]>;
  readonly districtSuccessors: DataLoader<number, LinkTo[]>;

  constructor(units: AdminUnitService) {
    this.byId = mapLoader((ids: readonly number[]) => units.byIds(ids));
    this.districts = byDate(
      (ids, date) => units.districtsOf(ids, date),
      (k: DistrictsKey) => [k.provinceId, k.activeOn],
    );
    this.communes = byDate(
      (ids, date) => units.communesOf(ids, date),
      (k: CommunesKey) => [k.parentId, k.activeOn],
    );
    this.successors = mapLoader((ids: readonly number[]) => units.links(ids, 'successors'), []);
    this.predecessors = mapLoader((ids: readonly number[]) => units.links(ids, 'predecessors'), []);
    this.districtSuccessors = mapLoader((ids: readonly number[]) => units.districtSuccessors(ids), []);
  }
}

/** A loader of children per parent on a date: one fetch per distinct date in the batch. */
function byDate<K>(
  fetch: (ids: number[], date: string | null) => Promise<Map<number, AdminUnit[]>>,
  parts: (k: K) => [number, string | null],
): DataLoader<K, AdminUnit[], string> {
  const cacheKey = (k: K) => parts(k).join('@');
  return new DataLoader(
    async (keys: readonly K[]) => {
      const groups = new Map<string | null, number[]>();
      for (const k of keys) {
        const [id, date] = parts(k);
        groups.set(date, [...(groups.get(date) ?? []), id]);
      }
      const found = new Map<string, AdminUnit[]>();
      for (const [date, ids] of groups) {
        for (const [id, list] of await fetch(ids, date)) found.set([id, date].join('@'), list);
      }
      return keys.map((k) => found.get(cacheKey(k)) ?? []);
    },
    { maxBatchSize: MAX_BATCH, cacheKeyFn: cacheKey },
  );
}
