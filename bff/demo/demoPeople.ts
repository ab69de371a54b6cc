import { loadDivisions, type Divisions } from './divisions';
import { ChineseNames } from './chineseNames';
import { HouseholdFactory, type DemoHousehold, type FactoryContext } from './householdFactory';
import { IdAllocator } from './identity';
import { buildOrgPlan, villageQuotas, type OrgPlan } from './orgPlan';
import { WALK_IN_PER_HOUSEHOLD, buildWalkInCustomer, type WalkInCustomer } from './walkInCustomers';

/**
 * The demo bank's population as a stream: households village by village, then the walk-in
 * customers. Both the database seeder and the ODS-only writer consume this same stream, so
 * for a given (seed, households, business date) they describe exactly the same people.
 *
 * The only state that grows is the ID-sequence counter (bounded by birth dates, not people).
 */
export interface DemoPopulation {
  divisions: Divisions;
  plan: OrgPlan;
  ctx: FactoryContext;
  households(): Generator<DemoHousehold>;
  walkIns(): Generator<WalkInCustomer>;
  walkInCount: number;
}

export function demoPopulation(seed: string | number, householdCount: number, asOf: string): DemoPopulation {
  if (!Number.isInteger(householdCount) || householdCount < 0) throw new Error('households must be a non-negative integer');
  const divisions = loadDivisions();
  const names = new ChineseNames(seed, 'names');
  const plan = buildOrgPlan(divisions, names, seed);
  const ctx: FactoryContext = {
    seed,
    asOf,
    names,
    ids: new IdAllocator(seed),
    towns: new Map(divisions.towns.map((t) => [t.code, t])),
  };
  const villages = divisions.villages;
  const quotas = villageQuotas(villages, plan, householdCount, seed);
  const factory = new HouseholdFactory(ctx);
  const walkInCount = Math.round(householdCount * WALK_IN_PER_HOUSEHOLD);

  return {
    divisions,
    plan,
    ctx,
    walkInCount,
    *households() {
      let index = 0;
      for (let v = 0; v < villages.length; v++) {
        const village = villages[v]!;
        const branchId = plan.villageBranch.get(village.code);
        const managerUsername = plan.gridManager.get(village.code);
        if (!branchId || !managerUsername) throw new Error(`village ${village.code} has no grid manager`);
        for (let seq = 1; seq <= (quotas[v] ?? 0); seq++) {
          yield factory.build({ index: index++, village, seqInVillage: seq, branchId, managerUsername });
        }
      }
    },
    *walkIns() {
      for (let k = 0; k < walkInCount; k++) yield buildWalkInCustomer(ctx, k);
    },
  };
}
