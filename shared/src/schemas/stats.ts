import { z } from 'zod';

/** A manager's own statistics (我的统计) for the home page: `GET /api/v1/me/stats`. */
export const villageCoverageSchema = z.object({
  code: z.string(),
  name: z.string(),
  households: z.number().int(),
  visitedHouseholds: z.number().int(),
});

export const managerStatsSchema = z
  .object({
    /** Visits made by the caller this week (China time, weeks start on Monday). */
    visitsThisWeek: z.number().int(),
    visitsThisMonth: z.number().int(),
    /** Households whose file this manager created. */
    householdsFiled: z.number().int(),
    coverage: z.object({
      villages: z.number().int(),
      visitedVillages: z.number().int(),
      /** visitedVillages / villages, 0..1; 0 when the manager has no grid. */
      ratio: z.number(),
      byVillage: z.array(villageCoverageSchema),
    }),
    /** When the rollup was computed; figures may lag writes by up to a minute. */
    asOf: z.string(),
  })
  .meta({ id: 'ManagerStats' });
export type ManagerStats = z.infer<typeof managerStatsSchema>;
