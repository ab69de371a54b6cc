import type { PortraitFigures, PortraitSeries } from '@sunshine/shared';
import { PRODUCTS } from '@sunshine/shared';
import { PORTRAIT_TAG_RULES } from './tagRules';
import { evaluateTags, matches, renderReason } from './tagEngine';
import { householdFacts, memberFacts, sumFigures, type MemberOds } from './portraitFacts';

function figures(over: { deposit?: number; wealth?: number; loan?: number; loanCount?: number; overdue?: number; mobile?: boolean } = {}) {
  const deposit = over.deposit ?? 0;
  return {
    deposit: { demand: deposit / 2, time: deposit / 2, total: deposit, avg1y: deposit },
    loan: {
      count: over.loanCount ?? (over.loan ? 1 : 0),
      balance: over.loan ?? 0,
      overdueAmount: over.overdue ?? 0,
      overdueDays: over.overdue ? 35 : 0,
    },
    wealth: { balance: over.wealth ?? 0 },
    ebank: { ebank: over.mobile ?? false, mobile: over.mobile ?? false },
  } satisfies PortraitFigures;
}
function member(f: PortraitFigures, extra: Partial<Omit<MemberOds, 'figures'>> = {}): MemberOds {
  return { figures: f, lists: { blacklist: false, graylist: false, dibao: false }, warningScore: 20, ...extra };
}
const flat: PortraitSeries = { dates: ['2026-11-30', '2026-12-01'], deposits: [100, 100], loans: [0, 0], wealth: [0, 0] };

function tagsFor(members: Array<MemberOds | null>, series = flat) {
  return evaluateTags(PORTRAIT_TAG_RULES, {
    household: householdFacts(members, series),
    members: members.map((m, i) => ({ memberId: `m${i}`, facts: memberFacts(m) })),
  });
}
const codes = (members: Array<MemberOds | null>, series = flat) => tagsFor(members, series).map((t) => t.code);

describe('portrait tag rules v1', () => {
  it('every rule names a known product (or none), a unique code, and facts that exist', () => {
    const seen = new Set<string>();
    const facts = { ...householdFacts([member(figures())], flat), ...memberFacts(member(figures())) };
    for (const rule of PORTRAIT_TAG_RULES.rules) {
      expect(seen.has(rule.code)).toBe(false);
      seen.add(rule.code);
      if (rule.product) expect(PRODUCTS).toContain(rule.product);
      expect(() => matches(rule.when, facts)).not.toThrow();
      expect(() => renderReason(rule.reason, facts)).not.toThrow();
    }
  });

  describe('overdue_risk', () => {
    it('fires on any overdue amount, with the amount and days in the reason', () => {
      const tag = tagsFor([member(figures({ loan: 80000, overdue: 12000 }))]).find((t) => t.code === 'overdue_risk');
      expect(tag).toMatchObject({ severity: 'risk', product: null, reason: '贷款逾期1.20万元,最长35天,请先了解还款困难' });
    });
    it('does not fire without arrears', () => expect(codes([member(figures({ loan: 80000 }))])).not.toContain('overdue_risk'));
  });

  describe('listed_risk', () => {
    it.each(['blacklist', 'graylist'] as const)('fires when a member is on the %s', (list) => {
      const m = member(figures(), { lists: { blacklist: list === 'blacklist', graylist: list === 'graylist', dibao: false } });
      expect(codes([member(figures()), m])).toContain('listed_risk');
    });
    it('does not fire for 低保 alone', () => {
      expect(codes([member(figures(), { lists: { blacklist: false, graylist: false, dibao: true } })])).not.toContain('listed_risk');
    });
  });

  describe('warning_score_risk', () => {
    it.each([
      [59, false],
      [60, true],
      [85, true],
    ])('score %d → %s', (score, fires) => {
      expect(codes([member(figures(), { warningScore: score })]).includes('warning_score_risk')).toBe(fires);
    });
  });

  describe('large_deposit_no_mobile', () => {
    it('tags the member with ≥ 5万 and no mobile banking, suggesting 手机银行', () => {
      const tags = tagsFor([member(figures({ deposit: 30000 })), member(figures({ deposit: 50000 }))]).filter(
        (t) => t.code === 'large_deposit_no_mobile',
      );
      expect(tags).toEqual([
        {
          code: 'large_deposit_no_mobile',
          label: '大额存款未开通手机银行',
          severity: 'opportunity',
          product: 'mobile_banking',
          reason: '存款5.00万元,尚未开通手机银行',
          memberId: 'm1',
        },
      ]);
    });
    it('does not fire once mobile banking is signed', () => {
      expect(codes([member(figures({ deposit: 90000, mobile: true }))])).not.toContain('large_deposit_no_mobile');
    });
  });

  describe('deposit_no_wealth', () => {
    it('fires for household deposits ≥ 2万 without wealth management, summing members', () => {
      const tag = tagsFor([member(figures({ deposit: 12000 })), member(figures({ deposit: 8000 }))]).find(
        (t) => t.code === 'deposit_no_wealth',
      );
      expect(tag).toMatchObject({ product: 'wealth', reason: '全户存款2.00万元,没有理财', memberId: null });
    });
    it('does not fire when someone holds wealth products', () => {
      expect(codes([member(figures({ deposit: 60000 })), member(figures({ wealth: 10000 }))])).not.toContain('deposit_no_wealth');
    });
  });

  describe('good_standing_no_loan', () => {
    it('suggests 阳光信贷 to a known customer without loans, arrears or list flags', () => {
      expect(tagsFor([member(figures({ deposit: 5000 }))]).find((t) => t.code === 'good_standing_no_loan')?.product).toBe(
        'sunshine_credit',
      );
    });
    it.each([
      ['a loan', member(figures({ loan: 10000 }))],
      ['a high warning score', member(figures(), { warningScore: 70 })],
      ['a graylist flag', member(figures(), { lists: { blacklist: false, graylist: true, dibao: false } })],
    ])('not with %s', (_label, m) => expect(codes([m])).not.toContain('good_standing_no_loan'));
    it('not for a household the bank has no record of', () => expect(codes([null])).not.toContain('good_standing_no_loan'));
  });

  describe('borrower_online_credit', () => {
    it('suggests 惠E贷 to a borrower without arrears who has mobile banking', () => {
      expect(tagsFor([member(figures({ loan: 100000, mobile: true }))]).find((t) => t.code === 'borrower_online_credit')).toMatchObject({
        product: 'hui_e_dai',
        reason: '贷款余额10.00万元且无逾期,已开通手机银行,可线上用信',
      });
    });
    it('not while overdue', () =>
      expect(codes([member(figures({ loan: 100000, overdue: 1, mobile: true }))])).not.toContain('borrower_online_credit'));
  });

  describe('deposits_falling', () => {
    it.each([
      [[100000, 80000], true, '20%'],
      [[100000, 81000], false, null],
      [[0, 5000], false, null],
    ])('series %j → %s', (deposits, fires, pct) => {
      const series = { ...flat, deposits: deposits as number[] };
      const tag = tagsFor([member(figures({ deposit: 1000 }))], series).find((t) => t.code === 'deposits_falling');
      expect(!!tag).toBe(fires);
      if (pct) expect(tag!.reason).toContain(pct);
    });
    it('needs two dates', () => {
      expect(codes([member(figures())], { dates: ['d'], deposits: [5], loans: [0], wealth: [0] })).not.toContain('deposits_falling');
    });
  });

  describe('no_bank_record', () => {
    it('fires only when no member is known to the ODS', () => {
      expect(codes([null, null])).toEqual(['no_bank_record']);
      expect(codes([null, member(figures())])).not.toContain('no_bank_record');
    });
  });
});

describe('engine', () => {
  it('refuses an unknown fact rather than treating it as false', () => {
    expect(() => matches({ fact: 'nope', op: 'eq', value: true }, { a: 1 })).toThrow('unknown fact nope');
  });
  it('sums figures to fen and takes the longest overdue', () => {
    const s = sumFigures([figures({ deposit: 0.1 }), figures({ deposit: 0.2, overdue: 3, loan: 5 })])!;
    expect(s.deposit.total).toBe(0.3);
    expect(s.loan.overdueDays).toBe(35);
    expect(sumFigures([])).toBeNull();
  });
});
