import DataLoader from 'dataloader';

/** The most keys one batch hands to a service (services chunk further under the database's limits). */
export const MAX_BATCH = 5000;

/**
 * A DataLoader over a batch fetch that returns a Map; missing keys load as `fallback`. `keyOf` turns
 * an object key into the Map's (and the cache's) key, so callers load by `{ unitId, … }`, never by
 * hand-built strings.
 */
export function mapLoader<K, V, C = K>(
  fetch: (keys: readonly K[]) => Promise<Map<C, V>>,
  fallback: V,
  keyOf?: (key: K) => C,
): DataLoader<K, V, C>;
export function mapLoader<K, V, C = K>(fetch: (keys: readonly K[]) => Promise<Map<C, V>>): DataLoader<K, V | null, C>;
export function mapLoader<K, V, C = K>(
  fetch: (keys: readonly K[]) => Promise<Map<C, V>>,
  fallback: V | null = null,
  keyOf: (key: K) => C = (k) => k as unknown as C,
) {
  return new DataLoader<K, V | null, C>(
    async (keys) => {
      const found = await fetch(keys);
      return keys.map((k) => found.get(keyOf(k)) ?? fallback);
    },
    { maxBatchSize: MAX_BATCH, cacheKeyFn: keyOf },
  );
}
