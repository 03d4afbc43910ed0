import DataLoader from 'dataloader';
import { Lifecycle, scoped } from 'tsyringe';
import { mapLoader, MAX_BATCH } from '../common/loaders';
import { AdminUnitService } from './admin-unit.service';
import type { AdminUnit } from './admin-unit.types';

/** A province's districts on a date (ISO, yyyy-mm-dd). */
export interface DistrictsKey {
  provinceId: number;
  activeOn: string;
}

/** Per-request batching of unit reads, so nested fields never run one query per parent. */
@scoped(Lifecycle.ContainerScoped)
export class AdminUnitLoaders {
  readonly byId: DataLoader<number, AdminUnit | null>;
  readonly districts: DataLoader<DistrictsKey, AdminUnit[], string>;

  constructor(units: AdminUnitService) {
    this.byId = mapLoader((ids: readonly number[]) => units.byIds(ids));
    this.districts = new DataLoader(
      async (keys: readonly DistrictsKey[]) => {
        const byDate = new Map<string, number[]>();
        for (const k of keys) byDate.set(k.activeOn, [...(byDate.get(k.activeOn) ?? []), k.provinceId]);
        const found = new Map<string, AdminUnit[]>();
        for (const [date, ids] of byDate) {
          for (const [id, list] of await units.districtsOf(ids, date))
            found.set(districtsCacheKey({ provinceId: id, activeOn: date }), list);
        }
        return keys.map((k) => found.get(districtsCacheKey(k)) ?? []);
      },
      { maxBatchSize: MAX_BATCH, cacheKeyFn: districtsCacheKey },
    );
  }
}

const districtsCacheKey = (k: DistrictsKey) => `${k.provinceId}@${k.activeOn}`;
