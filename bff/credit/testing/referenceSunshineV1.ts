/**
 * An independent, literal transcription of the sunshine-v1 spec, used as a test oracle: property
 * tests compare the data-driven engine with it on thousands of generated applicants.
 *
 * It deliberately shares no code with the engine and takes other routes to the same exactness:
 * amounts through `toFixed(2)` strings into BigInt fen, days through `Date.UTC` on the given
 * strings, ages by slicing the strings, debt ratios by BigInt cross-multiplication. If both agree,
 * a transcription slip in the model data or an engine bug would have to be made twice.
 */
import type { ApplicantFacts } from '../schema';

type Outcome = 'reject' | 'incomplete' | 'review';

export interface ReferenceResult {
  decision: Outcome | 'pass';
  reasons: { code: string; outcome: Outcome }[];
  score: number;
  grade: 'AAA' | 'AA' | 'A' | 'B' | 'C';
  factors: { name: string; points: number }[];
  limit: number;
  final: number | null;
  approvalLevels: 0 | 1 | 2;
}

const fen = (yuan: number): bigint => BigInt(yuan.toFixed(2).replace('.', ''));
const day = (iso: string): number => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / 86_400_000;

function age(birth: string, asOf: string): number {
  const years = Number(asOf.slice(0, 4)) - Number(birth.slice(0, 4));
  return asOf.slice(5) >= birth.slice(5) ? years : years - 1;
}

export function referenceSunshineV1(f: ApplicantFacts): ReferenceResult {
  const reasons: { code: string; outcome: Outcome }[] = [];
  const add = (code: string, outcome: Outcome) => reasons.push({ code, outcome });
  const c = f.checks;
  const a = age(f.birthDate, f.asOf);
  const assets = fen(f.totalAssets);
  const debt = fen(f.totalDebt);

  if (c.blacklist) add('R01_BLACKLIST', 'reject');
  if (c.judicial && (c.judicial.dishonestDebtor || c.judicial.enforcement || c.judicial.frozenAssets)) add('R02_JUDICIAL', 'reject');
  if (c.subsistenceAllowance) add('R03_SUBSISTENCE', 'reject');
  if (c.provincialWarning?.level === 'high') add('R04_PROVINCIAL_WARNING', 'reject');
  if (c.provincialWarning?.level === 'medium') add('R04_PROVINCIAL_WARNING', 'review');
  if (c.internalWarningScore >= 80) add('R05_INTERNAL_WARNING', 'reject');
  else if (c.internalWarningScore >= 60) add('R05_INTERNAL_WARNING', 'review');
  if (c.graylist) add('R06_GRAYLIST', 'review');
  if (a < 18 || a > 65) add('R07_AGE', 'reject');
  if (c.currentOverdue || c.overdueCount24m >= 3) add('R08_OVERDUE', 'reject');
  else if (c.overdueCount24m === 1 || c.overdueCount24m === 2) add('R08_OVERDUE', 'review');
  // debt/assets > 4/5  ⇔  5·debt > 4·assets (assets > 0); zero assets: any debt is above all.
  if (assets === 0n ? debt > 0n : 5n * debt > 4n * assets) add('R09_DEBT_RATIO', 'reject');
  else if (assets > 0n && 2n * debt > assets) add('R09_DEBT_RATIO', 'review');
  const stale = (check: { checkedAt: string } | null) => check === null || day(f.asOf) - day(check.checkedAt) > 30;
  if (stale(c.provincialWarning) || stale(c.judicial)) add('R10_CHECK_MISSING', 'incomplete');

  const education = { primary_or_below: 4, junior_high: 8, senior_high: 12, college: 15, bachelor_or_above: 18 }[f.education];
  const marital = { married: 12, single: 6, divorced: 4, widowed: 6 }[f.maritalStatus];
  const agePoints =
    a >= 18 && a <= 25 ? 4 : a >= 26 && a <= 35 ? 10 : a >= 36 && a <= 50 ? 12 : a >= 51 && a <= 60 ? 8 : a >= 61 && a <= 65 ? 4 : 0;
  const net = assets - debt;
  const netPoints = net < 0n ? 0 : net < 10_000_000n ? 4 : net < 30_000_000n ? 10 : net < 60_000_000n ? 15 : net < 100_000_000n ? 20 : 25;
  const income = fen(f.annualIncome);
  const incomePoints = income < 3_000_000n ? 3 : income < 6_000_000n ? 8 : income < 10_000_000n ? 12 : income < 20_000_000n ? 16 : 20;
  const deposit = fen(f.relationship.avgDailyDeposit12m);
  const contribution =
    (deposit < 1_000_000n ? 0 : deposit < 5_000_000n ? 3 : deposit < 20_000_000n ? 6 : 8) +
    (f.relationship.hasEBanking ? 2 : 0) +
    (f.relationship.wealthBalance > 0 ? 1 : 0) +
    (f.relationship.customerSinceYears >= 5 ? 2 : 0);
  const factors = [
    { name: 'education', points: education },
    { name: 'maritalStatus', points: marital },
    { name: 'age', points: agePoints },
    { name: 'netAssets', points: netPoints },
    { name: 'annualIncome', points: incomePoints },
    { name: 'contribution', points: contribution },
  ];
  const score = factors.reduce((sum, factor) => sum + factor.points, 0);
  const grade = score >= 85 ? 'AAA' : score >= 75 ? 'AA' : score >= 65 ? 'A' : score >= 55 ? 'B' : 'C';
  if (grade === 'C') add('S01_SCORE_TOO_LOW', 'reject');

  let final: number | null = null;
  if (!reasons.some((r) => r.outcome === 'reject' || r.outcome === 'incomplete')) {
    // In thousandths of a yuan (厘): 0.10 × fen·10 = fen, 0.30 × fen·10 = 3·fen.
    const base = { AAA: 100_000n, AA: 80_000n, A: 50_000n, B: 20_000n }[grade as 'AAA' | 'AA' | 'A' | 'B'];
    const raw = base * 1000n + assets + 3n * income;
    const capped = raw < 200_000_000n ? raw : 200_000_000n;
    const left = capped - fen(f.existingCreditLoans) * 10n;
    final = left < 0n ? 0 : Number(left / 1_000_000n) * 1000;
    if (final < 10_000) add('L01_LIMIT_TOO_LOW', 'reject');
  }

  const rank = { reject: 0, incomplete: 1, review: 2 };
  reasons.sort((x, y) => rank[x.outcome] - rank[y.outcome] || (x.code < y.code ? -1 : 1));
  const decision = reasons[0]?.outcome ?? 'pass';
  const limit = (decision === 'pass' || decision === 'review') && final !== null ? final : 0;
  const approvalLevels = decision === 'review' ? 2 : decision === 'pass' ? (limit > 100_000 ? 2 : 1) : 0;
  return { decision, reasons, score, grade, factors, limit, final, approvalLevels };
}
