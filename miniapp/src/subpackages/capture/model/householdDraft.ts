import { createHouseholdSchema, updateHouseholdSchema, type HouseholdFile } from '@sunshine/shared';
import type { HouseholdDetail } from '../../../services/householdFiles';

/**
 * The household form's state: text as typed (numbers too, so "12." survives a keystroke),
 * converted to the shared schema's input only to validate and submit. The BFF validates the
 * very same schema, so an error shown here is the one the server would answer.
 */
export interface MemberDraft {
  /** Server id of an existing member (editing). */
  id?: string;
  relation: string;
  name: string;
  idNumber: string;
  phone: string;
  education: string;
  maritalStatus: string;
  occupation: string;
  /**
   * The masked values the BFF showed. Left as shown they mean "unchanged" (the BFF keeps the
   * stored values); a corrected value is entered in full.
   */
  masked?: { name: string; idNumber: string; phone: string | null };
}

export interface ItemDraft {
  kind: string;
  count: string;
  value: string;
}

export interface HouseDraft {
  kind: string;
  structure: string;
  rooms: string;
  /** 小区 of a flat. */
  estate: string;
  area: string;
  appraisedValue: string;
}

export interface DebtDraft {
  lender: string;
  kind: string;
  balance: string;
}

export interface HouseholdDraft {
  villageCode: string;
  address: string;
  members: MemberDraft[];
  finance: Record<
    'annualIncome' | 'netIncome' | 'annualSpending' | 'workingCapital' | 'mainBusiness' | 'incomeSource' | 'businessScale',
    string
  >;
  assets: {
    houses: HouseDraft[];
    vehicles: ItemDraft[];
    machinery: ItemDraft[];
    livestock: ItemDraft[];
    landArea: string;
    depositsElsewhere: string;
    otherAssets: string;
  };
  debts: DebtDraft[];
  softInfo: { flags: string[]; notes: string };
}

export type ItemListKey = 'vehicles' | 'machinery' | 'livestock';

export const emptyMember = (relation = 'head'): MemberDraft => ({
  relation,
  name: '',
  idNumber: '',
  phone: '',
  education: '',
  maritalStatus: '',
  occupation: '',
});

export const emptyDraft = (): HouseholdDraft => ({
  villageCode: '',
  address: '',
  members: [emptyMember('head')],
  finance: {
    annualIncome: '',
    netIncome: '',
    annualSpending: '',
    workingCapital: '',
    mainBusiness: '',
    incomeSource: '',
    businessScale: '',
  },
  assets: { houses: [], vehicles: [], machinery: [], livestock: [], landArea: '', depositsElsewhere: '', otherAssets: '' },
  debts: [],
  softInfo: { flags: [], notes: '' },
});

const text = (v: number | undefined | null) => (v === undefined || v === null ? '' : String(v));

/**
 * A draft of the whole file the BFF sent. Personal fields show their masks: saved untouched
 * they keep the stored values, so nothing has to be re-entered to edit, say, the income.
 */
export function draftFromDetail(h: HouseholdDetail): HouseholdDraft {
  const base = emptyDraft();
  return {
    ...base,
    villageCode: h.villageCode,
    address: h.address,
    members: h.members.map((m) => ({
      id: m.id,
      relation: m.relation,
      name: m.name,
      idNumber: m.idNumber,
      phone: m.phone ?? '',
      education: m.education,
      maritalStatus: m.maritalStatus,
      occupation: m.occupation,
      masked: { name: m.name, idNumber: m.idNumber, phone: m.phone },
    })),
    finance: h.finance
      ? {
          annualIncome: text(h.finance.annualIncome),
          netIncome: text(h.finance.netIncome),
          annualSpending: text(h.finance.annualSpending),
          workingCapital: text(h.finance.workingCapital),
          mainBusiness: h.finance.mainBusiness,
          incomeSource: h.finance.incomeSource,
          businessScale: h.finance.businessScale,
        }
      : base.finance,
    assets: h.assets
      ? {
          houses: h.assets.houses.map((x) => ({
            kind: x.kind,
            structure: x.structure,
            rooms: text(x.rooms),
            estate: x.estate ?? '',
            area: text(x.area),
            appraisedValue: text(x.appraisedValue),
          })),
          vehicles: h.assets.vehicles.map(itemFrom),
          machinery: h.assets.machinery.map(itemFrom),
          livestock: h.assets.livestock.map(itemFrom),
          landArea: text(h.assets.landArea),
          depositsElsewhere: text(h.assets.depositsElsewhere),
          otherAssets: text(h.assets.otherAssets),
        }
      : base.assets,
    debts: (h.debts ?? []).map((d) => ({ lender: d.lender, kind: d.kind, balance: text(d.balance) })),
    softInfo: h.softInfo ? { flags: [...h.softInfo.flags], notes: h.softInfo.notes } : base.softInfo,
  };
}

function itemFrom(x: { kind: string; count: number; value: number }): ItemDraft {
  return { kind: x.kind, count: text(x.count), value: text(x.value) };
}

/** Typed text to the schema's number: empty means "not entered" (the schema names it). */
function num(v: string): number | undefined | string {
  const t = v.trim();
  if (!t) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : t;
}
const optionalNum = (v: string) => (v.trim() ? num(v) : undefined);
const choice = (v: string) => (v ? v : undefined);

/** The shape the shared schema parses; unparsable text is passed on for the schema to reject. */
export function draftToInput(d: HouseholdDraft): Record<string, unknown> {
  return {
    villageCode: choice(d.villageCode),
    address: d.address,
    members: d.members.map((m) => ({
      ...(m.id ? { id: m.id } : {}),
      relation: choice(m.relation),
      // A required field emptied by mistake falls back to the stored value; a phone emptied is removed.
      name: m.name.trim() || m.masked?.name || '',
      idNumber: m.idNumber.trim() || m.masked?.idNumber || '',
      phone: m.phone.trim() ? m.phone : null,
      education: choice(m.education),
      maritalStatus: choice(m.maritalStatus),
      occupation: m.occupation,
    })),
    finance: {
      annualIncome: num(d.finance.annualIncome),
      netIncome: num(d.finance.netIncome),
      annualSpending: num(d.finance.annualSpending),
      workingCapital: optionalNum(d.finance.workingCapital),
      mainBusiness: d.finance.mainBusiness,
      incomeSource: d.finance.incomeSource,
      businessScale: d.finance.businessScale,
    },
    assets: {
      houses: d.assets.houses.map((h) => ({
        kind: choice(h.kind),
        structure: h.structure,
        rooms: optionalNum(h.rooms),
        estate: h.estate,
        area: optionalNum(h.area),
        appraisedValue: num(h.appraisedValue),
      })),
      vehicles: d.assets.vehicles.map(itemToInput),
      machinery: d.assets.machinery.map(itemToInput),
      livestock: d.assets.livestock.map(itemToInput),
      landArea: optionalNum(d.assets.landArea),
      depositsElsewhere: optionalNum(d.assets.depositsElsewhere),
      otherAssets: optionalNum(d.assets.otherAssets),
    },
    debts: d.debts.map((x) => ({ lender: x.lender, kind: choice(x.kind), balance: num(x.balance) })),
    softInfo: { flags: d.softInfo.flags, notes: d.softInfo.notes },
  };
}

function itemToInput(x: ItemDraft) {
  return { kind: x.kind, count: optionalNum(x.count), value: num(x.value) };
}

/** Field path (`members.0.idNumber`) → the Chinese message shown next to that field. */
export type FieldErrors = Record<string, string>;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** Messages for generic zod issues the shared schema leaves in English. */
function chineseMessage(message: string, code: string): string {
  if (/[\u4e00-\u9fff]/.test(message)) return message;
  if (code === 'invalid_type') return '请填写';
  if (code === 'too_small') return '请填写';
  if (code === 'too_big') return '超出允许范围';
  if (code === 'invalid_value') return '请选择';
  return '格式不正确';
}

export function fieldErrors(issues: ReadonlyArray<{ path: PropertyKey[]; message: string; code: string }>): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const key = issue.path.map(String).join('.') || '_form';
    errors[key] ??= chineseMessage(issue.message, issue.code);
  }
  return errors;
}

export function validateCreate(d: HouseholdDraft, clientId: string): ValidationResult<HouseholdFile & { clientId: string }> {
  const parsed = createHouseholdSchema.safeParse({ ...draftToInput(d), clientId });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/** An edit: the version read, and the edit's client id (fixed per attempt, so a resend is the same edit). */
export function validateUpdate(
  d: HouseholdDraft,
  version: number,
  clientId: string,
): ValidationResult<HouseholdFile & { version: number; clientId: string }> {
  const parsed = updateHouseholdSchema.safeParse({ ...draftToInput(d), version, clientId });
  return parsed.success ? { ok: true, value: parsed.data } : { ok: false, errors: fieldErrors(parsed.error.issues) };
}

/**
 * A masked value is one unit: the first keystroke on it starts the field afresh (a deletion
 * empties it, typed text replaces it), so a half-edited mask never reaches the schema.
 */
export function editMaskedField(mask: string | null | undefined, shown: string, next: string): string {
  if (!mask || shown !== mask || next === mask) return next;
  if (next.startsWith(mask)) return next.slice(mask.length);
  return next.includes('*') ? '' : next;
}

/** An element id for a field path, e.g. `err-members-0-idNumber`. */
export const errorId = (path: string) => `err-${path.replace(/\./g, '-')}`;
