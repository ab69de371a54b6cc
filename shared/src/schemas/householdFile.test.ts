import { idCheckChar } from '../idNumber';
import { createHouseholdSchema, updateHouseholdSchema } from './householdFile';

const id17 = '32128319800704123';
const ID = id17 + idCheckChar(id17);
const MEMBER_ID = 'bbbbbbbbbbbbbbbbbbbbbbbb';

function file(member: Record<string, unknown>) {
  return {
    villageCode: '321283100001',
    address: '新街村3组12号',
    members: [{ relation: 'head', education: 'junior_high', maritalStatus: 'married', ...member }],
    finance: { annualIncome: 1, netIncome: 1, annualSpending: 1 },
    assets: {},
  };
}
const edit = (member: Record<string, unknown>) => ({ ...file(member), version: 2, clientId: '11111111-1111-4111-8111-111111111111' });
const create = (member: Record<string, unknown>) => ({ ...file(member), clientId: '11111111-1111-4111-8111-111111111111' });
const fieldsOf = (r: { success: boolean; error?: { issues: Array<{ path: PropertyKey[]; message: string }> } }) =>
  Object.fromEntries((r.error?.issues ?? []).map((i) => [i.path.join('.'), i.message]));

describe('masked values in the household file schema', () => {
  const masked = { name: '张*', idNumber: '3212**********123X', phone: '138****5678' };

  it('an edit accepts the masks for an existing member (they stand for the stored values)', () => {
    expect(updateHouseholdSchema.safeParse(edit({ id: MEMBER_ID, ...masked })).success).toBe(true);
  });

  it('an edit refuses masks for a new member, naming each field', () => {
    expect(fieldsOf(updateHouseholdSchema.safeParse(edit(masked)))).toEqual({
      'members.0.name': '请录入完整姓名',
      'members.0.idNumber': '请录入完整身份证号',
      'members.0.phone': '请录入完整手机号',
    });
  });

  it('an edit still checks a full ID number and a full phone', () => {
    const bad = ID.slice(0, 17) + (ID[17] === '1' ? '2' : '1');
    expect(fieldsOf(updateHouseholdSchema.safeParse(edit({ id: MEMBER_ID, name: '张三', idNumber: bad, phone: '1234' })))).toEqual({
      'members.0.idNumber': '身份证号校验位错误',
      'members.0.phone': '请输入11位手机号',
    });
  });

  it('filing a new household never accepts a mask', () => {
    expect(Object.keys(fieldsOf(createHouseholdSchema.safeParse(create({ id: MEMBER_ID, ...masked })))).sort()).toEqual([
      'members.0.idNumber',
      'members.0.name',
      'members.0.phone',
    ]);
    expect(createHouseholdSchema.safeParse(create({ name: '张三', idNumber: ID, phone: '13812345678' })).success).toBe(true);
  });

  it('an edit requires the client id of the edit', () => {
    const { clientId: _omit, ...body } = edit({ id: MEMBER_ID, ...masked });
    expect(Object.keys(fieldsOf(updateHouseholdSchema.safeParse(body)))).toEqual(['clientId']);
  });
});
