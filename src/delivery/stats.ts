/** What delivery did, for dashboards and tests (`plugin.stats`). Every drop is in one of these. */
export interface DeliveryStats {
  accepted: number
  delivered: number
  requests: number
  beacons: number
  bytes: number
  retries: number
  splits: number
  /** Dropped, in total and by reason. */
  dropped: number
  rejected: number
  oversize: number
  /** Could not be serialised (made circular or given a BigInt after it was accepted). */
  unserializable: number
  overflow: number
  expired: number
  notPersisted: number
  unreadable: number
  adopted: number
  storageWrites: number
}

export function createStats(): DeliveryStats {
  const stats = {} as DeliveryStats
  for (const k of 'accepted delivered requests beacons bytes retries splits dropped rejected oversize unserializable overflow expired notPersisted unreadable adopted storageWrites'.split(' '))
    stats[k as keyof DeliveryStats] = 0
  return stats
}
