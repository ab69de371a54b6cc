import { checkIdNumber, idBirthDate, idCheckChar, idGender } from './idNumber';
import { maskIdNumber, maskName, maskPhone, maskBankCard } from './mask';

describe('ID numbers (GB 11643)', () => {
  // A published example of a valid check character.
  it('computes the MOD 11-2 check character', () => {
    expect(idCheckChar('11010519491231002')).toBe('X');
    expect(checkIdNumber('11010519491231002X')).toBeNull();
  });

  it.each([
    ['11010519491231002Y', 'format'],
    ['1101051949123100', 'format'],
    ['110105194902300021', 'birth_date'],
    ['110105194912310021', 'checksum'],
  ])('rejects %s as %s', (id, problem) => {
    expect(checkIdNumber(id)).toBe(problem);
  });

  it('reads birth date and gender', () => {
    expect(idBirthDate('11010519491231002X')).toBe('1949-12-31');
    expect(idGender('11010519491231002X')).toBe('female');
    expect(idGender('110105194912310011'.slice(0, 16) + '1X')).toBe('male');
  });
});

describe('masks', () => {
  it.each([
    [maskPhone, '13812345678', '138****5678'],
    [maskIdNumber, '321283199001011234', '3212**********1234'],
    [maskName, '张三', '张*'],
    [maskName, '欧阳娜娜', '欧***'],
    [maskBankCard, '6228480402564890018', '622848*********0018'],
  ])('%p(%s) = %s', (fn, input, out) => {
    expect((fn as (s: string) => string)(input)).toBe(out);
  });
});
