import type { Models } from '../models';
import type { RegionNames } from '../presenters/presentHousehold';

/**
 * Region names by code. Divisions change about once a year, so they are read once per
 * process and kept (a few hundred rows) instead of joined per request — the database has no
 * $lookup anyway. `refresh()` reloads after an import of divisions.
 */
export class RegionDirectory {
  private cache: Promise<RegionNames> | null = null;

  constructor(private readonly models: Pick<Models, 'Region'>) {}

  names(): Promise<RegionNames> {
    this.cache ??= this.load();
    return this.cache;
  }

  refresh(): void {
    this.cache = null;
  }

  private async load(): Promise<RegionNames> {
    const rows = await this.models.Region.find({}, { name: 1, townCode: 1 }).lean();
    const map: RegionNames = new Map();
    for (const r of rows) map.set(String(r._id), { name: r.name, townCode: r.townCode ?? null });
    if (map.size === 0) this.cache = null; // not seeded yet: try again next time
    return map;
  }
}
