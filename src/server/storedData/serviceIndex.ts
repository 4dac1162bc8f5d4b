/** What is stored about one service point that an Accounts and Assets row can contradict. */
export interface StoredService {
  servicePointId: string;
  /** The account holding it; null when none does (or holders were not loaded). */
  holder: string | null;
  /** The latest effective date of its configuration history (YYYY-MM-DD); null when it has none dated. */
  latest: string | null;
}

/**
 * Stored service points by Location_ID, then Service_Point_ID. Looked up by the row's two cells as they are, with no
 * joined key to build and hash for every row (that cost more than the rest of a row's checks), and with one entry
 * rather than a map for the common location of a single service.
 */
export class ServiceIndex {
  private readonly byLocation = new Map<string, StoredService | Map<string, StoredService>>();

  get size(): number {
    return this.byLocation.size;
  }

  get(locationId: string, servicePointId: string): StoredService | undefined {
    const entry = this.byLocation.get(locationId);
    if (entry === undefined) return undefined;
    if (entry instanceof Map) return entry.get(servicePointId);
    return entry.servicePointId === servicePointId ? entry : undefined;
  }

  /** The entry for a service point, made when it is first asked for; loading fills in what it knows. */
  entry(locationId: string, servicePointId: string): StoredService {
    const found = this.get(locationId, servicePointId);
    if (found) return found;
    const made: StoredService = { servicePointId, holder: null, latest: null };
    const entry = this.byLocation.get(locationId);
    if (entry === undefined) this.byLocation.set(locationId, made);
    else if (entry instanceof Map) entry.set(servicePointId, made);
    else this.byLocation.set(locationId, new Map([[entry.servicePointId, entry], [servicePointId, made]]));
    return made;
  }
}
