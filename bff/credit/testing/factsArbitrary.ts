/**
 * fast-check arbitrary of valid `ApplicantFacts`, biased towards the spec's edges: band bounds
 * ± one fen, ages around birthdays (29 February included), checks 29..32 days old, debt ratios
 * of exactly 1/2 and 4/5, zero assets. Flags are mostly false so that pass and review occur, not
 * only reject.
 */
import fc from 'fast-check';
import { addDays, dayNumber, formatCalendarDate, fromDayNumber, parseCalendarDate } from '../calendarDate';
import type { ApplicantFacts } from '../schema';

const rarely = (weight = 15) => fc.oneof({ arbitrary: fc.constant(false), weight }, { arbitrary: fc.constant(true), weight: 1 });

/** Yuan amounts: zero, whole fen, whole yuan, and band edges ± 0.01. */
function amount(maxYuan: number, edges: readonly number[] = []): fc.Arbitrary<number> {
  const nearEdges = edges.flatMap((edge) => [edge - 0.01, edge, edge + 0.01]).filter((x) => x >= 0);
  return fc.oneof(
    { arbitrary: fc.constant(0), weight: 1 },
    { arbitrary: fc.integer({ min: 0, max: maxYuan * 100 }).map((fen) => fen / 100), weight: 4 },
    { arbitrary: fc.integer({ min: 0, max: maxYuan }), weight: 2 },
    ...(nearEdges.length > 0 ? [{ arbitrary: fc.constantFrom(...nearEdges), weight: 2 }] : []),
  );
}

const FIRST_AS_OF = dayNumber({ year: 2016, month: 1, day: 1 });
const LAST_AS_OF = dayNumber({ year: 2034, month: 12, day: 31 });
const asOf = fc.integer({ min: FIRST_AS_OF, max: LAST_AS_OF }).map((days) => formatCalendarDate(fromDayNumber(days)));

/** A birth date some whole years before asOf ± a few days (mostly ages 18..65), or a 29 February. */
function birthDate(asOfText: string): fc.Arbitrary<string> {
  const on = parseCalendarDate(asOfText);
  if (on === null) throw new Error('bad asOf');
  const years = fc.oneof(
    { arbitrary: fc.integer({ min: 18, max: 65 }), weight: 4 },
    { arbitrary: fc.integer({ min: 10, max: 80 }), weight: 1 },
  );
  const aroundBirthday = fc.tuple(years, fc.integer({ min: -2, max: 2 })).map(([years, shift]) => {
    const day = Math.min(on.day, 28); // the same day of month exists in every year
    return addDays(formatCalendarDate({ year: on.year - years, month: on.month, day }), shift);
  });
  const leapDay = fc
    .integer({ min: 0, max: 20 })
    .map((k) => `${String(1944 + 4 * k)}-02-29`)
    .filter((text) => text < asOfText);
  const anyDay = fc.integer({ min: 17 * 365, max: 67 * 366 }).map((days) => addDays(asOfText, -days));
  return fc.oneof({ arbitrary: aroundBirthday, weight: 3 }, { arbitrary: leapDay, weight: 1 }, { arbitrary: anyDay, weight: 3 });
}

/** A check dated mostly 0..30 days before asOf, with the 30/31 edge likely, sometimes after it. */
function checkedAt(asOfText: string): fc.Arbitrary<string> {
  return fc
    .oneof(
      { arbitrary: fc.integer({ min: 0, max: 30 }), weight: 6 },
      { arbitrary: fc.integer({ min: -3, max: 45 }), weight: 1 },
      { arbitrary: fc.constantFrom(29, 30, 31, 32), weight: 1 },
    )
    .map((daysBefore) => addDays(asOfText, -daysBefore));
}

const warningScore = fc.oneof(
  { arbitrary: fc.integer({ min: 0, max: 59 }), weight: 6 },
  { arbitrary: fc.integer({ min: 0, max: 100 }), weight: 2 },
  { arbitrary: fc.double({ min: 0, max: 100, noNaN: true }), weight: 1 },
  { arbitrary: fc.constantFrom(59, 59.99, 60, 79, 79.99, 80, 100), weight: 1 },
);

/** Debt as a function of assets: independent, none, or an exact tenth-multiple of assets. */
function debtFor(totalAssets: number): fc.Arbitrary<number> {
  const assetsFen = Math.round(totalAssets * 100);
  return fc.oneof(
    amount(3_000_000),
    fc.constant(0),
    fc.integer({ min: 0, max: 10 }).map((tenths) => Math.floor((assetsFen * tenths) / 10) / 100),
    fc
      .tuple(fc.constantFrom(5, 8), fc.integer({ min: -1, max: 1 }))
      .map(([tenths, fen]) => Math.max(0, Math.floor((assetsFen * tenths) / 10) + fen) / 100),
  );
}

export const applicantFactsArbitrary: fc.Arbitrary<ApplicantFacts> = asOf.chain((asOfText) =>
  fc
    .record({
      asOf: fc.constant(asOfText),
      birthDate: birthDate(asOfText),
      education: fc.constantFrom('primary_or_below', 'junior_high', 'senior_high', 'college', 'bachelor_or_above'),
      maritalStatus: fc.constantFrom('married', 'single', 'divorced', 'widowed'),
      annualIncome: amount(500_000, [30_000, 60_000, 100_000, 200_000]),
      totalAssets: amount(3_000_000, [100_000, 300_000, 600_000, 1_000_000]),
      existingCreditLoans: fc.oneof(fc.constant(0), amount(250_000)),
      relationship: fc.record({
        avgDailyDeposit12m: amount(400_000, [10_000, 50_000, 200_000]),
        hasEBanking: fc.boolean(),
        wealthBalance: fc.oneof(fc.constant(0), amount(100_000, [0])),
        customerSinceYears: fc.integer({ min: 0, max: 30 }),
      }),
      checks: fc.record({
        blacklist: rarely(),
        graylist: rarely(),
        subsistenceAllowance: rarely(),
        provincialWarning: fc.oneof(
          { arbitrary: fc.constant(null), weight: 1 },
          {
            arbitrary: fc.record({
              level: fc.constantFrom('none', 'none', 'none', 'none', 'none', 'none', 'low', 'medium', 'high'),
              checkedAt: checkedAt(asOfText),
            }),
            weight: 15,
          },
        ),
        internalWarningScore: warningScore,
        judicial: fc.oneof(
          { arbitrary: fc.constant(null), weight: 1 },
          {
            arbitrary: fc.record({
              dishonestDebtor: rarely(),
              enforcement: rarely(),
              frozenAssets: rarely(),
              checkedAt: checkedAt(asOfText),
            }),
            weight: 15,
          },
        ),
        currentOverdue: rarely(),
        overdueCount24m: fc.oneof({ arbitrary: fc.constant(0), weight: 4 }, { arbitrary: fc.integer({ min: 0, max: 5 }), weight: 1 }),
      }),
    })
    .chain((partial) => debtFor(partial.totalAssets).map((totalDebt) => ({ ...partial, totalDebt }) as ApplicantFacts)),
);
