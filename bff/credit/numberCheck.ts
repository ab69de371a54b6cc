/**
 * A zod number schema with one custom check. One check instead of chained `.min().max().refine()`:
 * each chained check costs a pass through zod's check runner, and the engine validates 13 numbers
 * per evaluation at ≥100,000 evaluations a second. The messages stay as specific as the chained
 * checks' would be.
 */
import { z } from 'zod';

/** A finite number for which `problem` returns null; otherwise one issue with its message. */
export function numberWhere(problem: (value: number) => string | null) {
  return z.number().check((ctx) => {
    const message = problem(ctx.value);
    if (message !== null) ctx.issues.push({ code: 'custom', message, input: ctx.value });
  });
}
