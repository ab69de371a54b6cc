import { Types, type Model } from 'mongoose';
import type { AuthUser } from '../src/context';

/**
 * Data scope, applied in one place (domain.md "Data scope follows the tree"):
 * head office sees everything, a branch president their branch, a manager their own
 * customers. Routes never query scoped collections directly: they go through
 * `scope.households` (and later siblings), which AND the caller's scope into every filter,
 * so a route cannot forget it. Out-of-scope reads look exactly like missing documents (404).
 */
export type ScopeFilter = { branchId?: string; managerId?: Types.ObjectId };

export function scopeFilterFor(user: AuthUser): ScopeFilter {
  switch (user.scope) {
    case 'all':
      return {};
    case 'branch':
      // A branch-scoped account without a branch sees nothing rather than everything.
      return { branchId: user.branchId ?? '__none__' };
    case 'own':
      return { managerId: new Types.ObjectId(user.id) };
  }
}

/** Read operations on one collection with the caller's scope merged into every filter. */
export class ScopedCollection<T> {
  constructor(
    private readonly model: Model<T>,
    private readonly scope: ScopeFilter,
  ) {}

  private merge(filter: Record<string, unknown>): Record<string, unknown> {
    return { ...filter, ...this.scope };
  }

  find(filter: Record<string, unknown> = {}) {
    return this.model.find(this.merge(filter));
  }

  findById(id: string) {
    if (!Types.ObjectId.isValid(id)) return this.model.findOne({ _id: null, ...this.scope });
    return this.model.findOne(this.merge({ _id: new Types.ObjectId(id) }));
  }

  countDocuments(filter: Record<string, unknown> = {}) {
    return this.model.countDocuments(this.merge(filter));
  }

  distinct(field: string, filter: Record<string, unknown> = {}) {
    return this.model.distinct(field, this.merge(filter));
  }
}

export interface DataScope {
  level: AuthUser['scope'];
  filter: ScopeFilter;
  households: ScopedCollection<unknown>;
  grids: ScopedCollection<unknown>;
  visits: ScopedCollection<unknown>;
}

export function createDataScope(user: AuthUser, models: { Household: Model<any>; Grid: Model<any>; Visit: Model<any> }): DataScope {
  const filter = scopeFilterFor(user);
  return {
    level: user.scope,
    filter,
    households: new ScopedCollection(models.Household, filter),
    grids: new ScopedCollection(models.Grid, filter),
    visits: new ScopedCollection(models.Visit, filter),
  };
}
