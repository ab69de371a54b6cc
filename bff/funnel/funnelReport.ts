import mongoose, { Types } from 'mongoose';
import { FUNNEL_MAX_DAYS, type FunnelFigures, type FunnelQuery, type FunnelReport } from '@sunshine/shared';
import type { AuthUser, Services } from '../src/context';
import type { FunnelRollupDoc } from '../models/FunnelRollup';
import { ForbiddenError, ValidationError } from '../src/errors';
import { chinaDay } from '../stats/chinaCalendar';
import { addFigures, emptyFigures } from './funnelMarkDocs';
import { settleFunnelMarks } from './funnelMarks';
import { flushFunnel } from './funnelRollup';

type ReportServices = Pick<Services, 'models' | 'redis' | 'config' | 'regions' | 'logger'>;

/** Pending marks a report read counts in itself before reading; the rest wait for the background flush. */
const FLUSH_ON_READ = 5_000;

/**
 * The funnel report for the caller's scope: head office all branches (or the one it names),
 * a branch president their own branch. Reads only FunnelRollup documents, one query per month
 * of the period (an equality on `month`, which FerretDB serves from an index), and cuts the
 * period's days out of them; it never scans households or visits.
 */
export async function readFunnelReport(
  services: ReportServices,
  user: AuthUser,
  query: FunnelQuery,
  now = new Date(),
): Promise<FunnelReport> {
  const { models } = services;
  const branchId = reportBranch(user, query);
  const { from, to } = reportPeriod(query, now);

  // Read-your-writes: marks this process is still writing, then the pending ones, are counted first.
  await settleFunnelMarks(models);
  await flushFunnel({ models, redis: services.redis, redisPrefix: services.config.redisPrefix }, { max: FLUSH_ON_READ }).catch(
    (err: unknown) => services.logger.warn({ err: String(err) }, 'funnel flush before a report failed; reporting the rollups as they are'),
  );
  const asOf = new Date();

  const months = monthsBetween(from, to);
  const docs = (
    await Promise.all(
      months.map((month) => models.FunnelRollup.find({ month, ...(branchId ? { branchId } : {}) }).lean<FunnelRollupDoc[]>()),
    )
  ).flat();

  const totals = emptyFigures();
  const byBranch = new Map<string, FunnelFigures>();
  const byVillage = new Map<string, FunnelFigures>();
  const byManager = new Map<string, FunnelFigures>();
  const row = (map: Map<string, FunnelFigures>, key: string) => {
    let f = map.get(key);
    if (!f) map.set(key, (f = emptyFigures()));
    return f;
  };
  for (const doc of docs) {
    for (const day of doc.days) {
      if (day.day < from || day.day > to) continue;
      addFigures(totals, day);
      addFigures(row(byBranch, doc.branchId), day);
      addFigures(row(byVillage, `${doc.branchId}|${doc.villageCode}`), day);
      addFigures(row(byManager, `${doc.branchId}|${doc.managerId}`), day);
    }
  }

  const [branchNames, regionNames, managerNames] = await Promise.all([
    models.Branch.find({}, { name: 1 })
      .lean()
      .then((rows) => new Map(rows.map((b) => [String(b._id), b.name]))),
    services.regions.names(),
    namesOfManagers(
      services,
      [...byManager.keys()].map((k) => k.split('|')[1]!),
    ),
  ]);
  const split = (key: string) => key.split('|') as [string, string];

  return {
    from,
    to,
    scope: { level: branchId ? 'branch' : 'all', branchId, branchName: branchId ? (branchNames.get(branchId) ?? branchId) : null },
    totals,
    byBranch: [...byBranch]
      .map(([id, figures]) => ({ branchId: id, name: branchNames.get(id) ?? id, figures }))
      .sort((a, b) => a.branchId.localeCompare(b.branchId)),
    byVillage: [...byVillage]
      .map(([key, figures]) => {
        const [b, code] = split(key);
        const region = regionNames.get(code);
        return {
          branchId: b,
          villageCode: code,
          name: region?.name ?? code,
          townName: region?.townCode ? (regionNames.get(region.townCode)?.name ?? null) : null,
          figures,
        };
      })
      .sort((a, b) => a.branchId.localeCompare(b.branchId) || a.villageCode.localeCompare(b.villageCode)),
    byManager: [...byManager]
      .map(([key, figures]) => {
        const [b, id] = split(key);
        return { branchId: b, managerId: id, name: managerNames.get(id) ?? '已删除的用户', figures };
      })
      .sort(
        (a, b) => a.branchId.localeCompare(b.branchId) || a.name.localeCompare(b.name, 'zh-CN') || a.managerId.localeCompare(b.managerId),
      ),
    asOf: asOf.toISOString(),
  };
}

/** Head office: all, or the branch it asks for. A branch president: their own, and only that. */
function reportBranch(user: AuthUser, query: FunnelQuery): string | null {
  if (user.scope === 'all') return query.branchId ?? null;
  const own = user.branchId ?? '__none__';
  if (query.branchId && query.branchId !== own) throw new ForbiddenError('只能查看本支行的报表');
  return own;
}

/** The period with its defaults (this month up to today, China time), checked like the schema checks a full one. */
export function reportPeriod(query: FunnelQuery, now: Date): { from: string; to: string } {
  const to = query.to ?? chinaDay(now);
  const from = query.from ?? `${to.slice(0, 7)}-01`;
  // Only reachable with one bound defaulted (the schema checks two given bounds): name the one given.
  const field = query.from ? 'from' : 'to';
  if (from > to) throw new ValidationError(`${field}: 开始日期不能晚于结束日期`, [field]);
  if (dayNumber(to) - dayNumber(from) + 1 > FUNNEL_MAX_DAYS)
    throw new ValidationError(`${field}: 统计区间不能超过${FUNNEL_MAX_DAYS}天`, [field]);
  return { from, to };
}

const dayNumber = (d: string) => Date.parse(`${d}T00:00:00Z`) / 86_400_000;

/** `YYYY-MM` of every month the period touches. */
export function monthsBetween(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    out.push(month);
    if (month >= last) return out;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

async function namesOfManagers(services: ReportServices, ids: string[]): Promise<Map<string, string>> {
  const valid = [...new Set(ids)].filter((id) => Types.ObjectId.isValid(id)).map((id) => new Types.ObjectId(id));
  if (!valid.length) return new Map();
  // A `$in` over a few hundred staff accounts: the users collection is small.
  const rows = await services.models.User.find({ _id: mongoose.trusted({ $in: valid }) }, { name: 1 }).lean();
  return new Map(rows.map((u) => [String(u._id), u.name]));
}
