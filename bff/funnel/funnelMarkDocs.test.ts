import { funnelQuerySchema } from '@sunshine/shared';
import { buildFunnelDraft } from '../testing/funnelFactories';
import { addFigures, emptyFigures, funnelMarkDoc, funnelMarkId, rollupFromMarks } from './funnelMarkDocs';
import { monthsBetween, reportPeriod } from './funnelReport';
import { applicationDrafts, evaluatedDraft, v7EventDrafts } from './funnelSources';

const attribution = { branchId: '01', villageCode: '321283100001', managerId: '6560a0000000000000000001' };

describe('funnel marks and rollups (pure)', () => {
  it('names a stage mark by household and stage, a drawdown mark by its drawdown', () => {
    const d = buildFunnelDraft({ kind: 'approved', householdId: '6560a00000000000000000aa' });
    expect(funnelMarkId(d)).toBe('approved:6560a00000000000000000aa');
    expect(funnelMarkId({ ...d, kind: 'drawdown', subject: 'app1:dd1' })).toBe('drawdown:app1:dd1');
    expect(() => funnelMarkId({ ...d, kind: 'drawdown' })).toThrow('subject');
  });

  it.each([
    ['2026-11-30T23:59:59+08:00', '2026-11-30', '2026-11|01|321283100001|6560a0000000000000000001'],
    // 16:00 UTC on the 30th is already 1 December in China: the mark belongs to December.
    ['2026-11-30T16:00:00Z', '2026-12-01', '2026-12|01|321283100001|6560a0000000000000000001'],
  ])('puts a mark at %s on China day %s', (at, day, rollupId) => {
    const doc = funnelMarkDoc(buildFunnelDraft({ at: new Date(at) }), attribution, { rolledUp: false, now: new Date() });
    expect([doc.day, doc.rollupId]).toEqual([day, rollupId]);
  });

  it('counts one per stage mark per day and sums money in fen', () => {
    const rows = [
      { kind: 'visited' as const, day: '2026-11-02', amount: null },
      { kind: 'visited' as const, day: '2026-11-02', amount: null },
      { kind: 'approved' as const, day: '2026-11-02', amount: 0.1 },
      { kind: 'approved' as const, day: '2026-11-02', amount: 0.2 },
      { kind: 'drawdown' as const, day: '2026-11-05', amount: 1234.56 },
      { kind: 'used' as const, day: '2026-11-05', amount: null },
    ];
    const doc = rollupFromMarks('2026-11|01|321283100001|m1', rows, new Date('2026-12-01T00:00:00Z'));
    expect(doc).toMatchObject({ month: '2026-11', branchId: '01', villageCode: '321283100001', managerId: 'm1' });
    expect(doc.days).toEqual([
      { ...emptyFigures(), day: '2026-11-02', visited: 2, approved: 2, approvedLimit: 0.3 },
      { ...emptyFigures(), day: '2026-11-05', used: 1, drawnAmount: 1234.56 },
    ]);
    // A drawdown is money only: it never counts as a household.
    const onlyMoney = rollupFromMarks('2026-11|01|v|m', [{ kind: 'drawdown', day: '2026-11-05', amount: 5 }], new Date());
    expect(onlyMoney.days).toEqual([{ ...emptyFigures(), day: '2026-11-05', drawnAmount: 5 }]);
    const total = emptyFigures();
    for (let i = 0; i < 10; i++) addFigures(total, { approvedLimit: 0.1 });
    expect(total.approvedLimit).toBe(1);
  });

  it('evaluates only decided evaluations: incomplete (V7 down) is not an evaluation result', () => {
    const e = { _id: 'e1', householdId: 'h1', createdAt: new Date(), branchId: '01', managerId: 'm1' };
    expect(evaluatedDraft({ ...e, decision: { decision: 'incomplete' } }, 'v')).toBeNull();
    for (const outcome of ['pass', 'review', 'reject'])
      expect(evaluatedDraft({ ...e, decision: { decision: outcome } }, 'v')?.kind).toBe('evaluated');
  });

  it('marks approval and sync only for a finally approved application', () => {
    const a = { _id: 'a1', householdId: 'h1', branchId: '01', managerId: 'm1', limit: 90_000, decidedAt: new Date('2026-11-03T02:00:00Z') };
    expect(applicationDrafts({ ...a, status: 'pending_level2' })).toEqual([]);
    expect(applicationDrafts({ ...a, status: 'approved', sync: { state: 'pending' } }).map((d) => [d.kind, d.amount])).toEqual([
      ['approved', 90_000],
    ]);
    const synced = applicationDrafts({ ...a, status: 'approved', sync: { state: 'synced', syncedAt: new Date('2026-11-03T02:00:03Z') } });
    expect(synced.map((d) => [d.kind, d.at.toISOString()])).toEqual([
      ['approved', '2026-11-03T02:00:00.000Z'],
      ['synced', '2026-11-03T02:00:03.000Z'],
    ]);
  });

  it('takes the earliest signing and drawdown from V7 events, and one money mark per drawdown', () => {
    const a = { _id: 'a1', householdId: 'h1', branchId: '01', managerId: 'm1', status: 'approved', limit: 90_000 };
    const draw = (id: string, at: string, amount: number) => ({
      _id: `evt_draw_${id}`,
      payload: { type: 'precredit.drawdown', data: { drawdownId: id, loanNo: 'L', amount, usedAmount: amount, drawnAt: at } },
    });
    const drafts = v7EventDrafts(a, [
      draw('d2', '2026-11-06T10:00:00+08:00', 20_000),
      {
        _id: 'evt_sign_a1',
        payload: { type: 'precredit.signed', data: { contractNo: 'HT', signedLimit: 80_000, signedAt: '2026-11-04T09:00:00+08:00' } },
      },
      draw('d1', '2026-11-05T10:00:00+08:00', 10_000),
    ]);
    expect(drafts.map((d) => [funnelMarkId(d), d.amount ?? null, d.at.toISOString()])).toEqual([
      ['signed:h1', 80_000, '2026-11-04T01:00:00.000Z'],
      ['used:h1', null, '2026-11-05T02:00:00.000Z'],
      ['drawdown:a1:d2', 20_000, '2026-11-06T02:00:00.000Z'],
      ['drawdown:a1:d1', 10_000, '2026-11-05T02:00:00.000Z'],
    ]);
  });
});

describe('report period', () => {
  const now = new Date('2026-12-02T18:00:00Z'); // 3 December in China

  it('defaults to this month up to today, China time', () => {
    expect(reportPeriod({}, now)).toEqual({ from: '2026-12-01', to: '2026-12-03' });
    expect(reportPeriod({ to: '2026-11-15' }, now)).toEqual({ from: '2026-11-01', to: '2026-11-15' });
  });

  it('names the bound that was given when the defaulted one contradicts it', () => {
    expect(() => reportPeriod({ from: '2026-12-10' }, now)).toThrow(
      expect.objectContaining({ status: 400, extra: expect.objectContaining({ field: 'from' }) }),
    );
    expect(() => reportPeriod({ from: '2025-01-01' }, now)).toThrow(
      expect.objectContaining({ extra: expect.objectContaining({ field: 'from' }) }),
    );
  });

  it.each([
    [{ from: '2026-02-30' }, 'from'],
    [{ to: '2026/11/01' }, 'to'],
    [{ from: '2026-11-10', to: '2026-11-09' }, 'to'],
    [{ from: '2025-01-01', to: '2026-01-02' }, 'to'],
    [{ branchId: 'x1' }, 'branchId'],
  ])('the query schema refuses %j naming %s', (query, field) => {
    const r = funnelQuerySchema.safeParse(query);
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.path).toEqual([field]);
  });

  it('accepts a full year, leap day included', () => {
    expect(funnelQuerySchema.safeParse({ from: '2028-01-01', to: '2028-12-31' }).success).toBe(true);
    expect(funnelQuerySchema.safeParse({ from: '2028-02-29' }).success).toBe(true);
  });

  it('lists the months a period touches', () => {
    expect(monthsBetween('2026-11-15', '2026-11-20')).toEqual(['2026-11']);
    expect(monthsBetween('2026-11-30', '2027-02-01')).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
  });
});
