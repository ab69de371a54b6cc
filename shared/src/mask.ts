/**
 * Display masking of personal financial information, as JR/T 0171-2020 asks for C2 data.
 * The formats are the bank's: phone 138****5678, ID 3210**********1234, name 张*.
 */

/** 13812345678 → 138****5678. */
export function maskPhone(phone: string): string {
  if (phone.length < 7) return '*'.repeat(phone.length);
  return `${phone.slice(0, 3)}${'*'.repeat(phone.length - 7)}${phone.slice(-4)}`;
}

/** 321283199001011234 → 3212**********1234 (first 4, last 4). */
export function maskIdNumber(id: string): string {
  if (id.length <= 8) return '*'.repeat(id.length);
  return `${id.slice(0, 4)}${'*'.repeat(id.length - 8)}${id.slice(-4)}`;
}

/** 张三 → 张*, 欧阳娜娜 → 欧***: keep the first character only. */
export function maskName(name: string): string {
  const chars = Array.from(name);
  if (chars.length <= 1) return name;
  return `${chars[0]}${'*'.repeat(chars.length - 1)}`;
}

/** Bank card: first 6 + last 4. */
export function maskBankCard(card: string): string {
  if (card.length <= 10) return '*'.repeat(card.length);
  return `${card.slice(0, 6)}${'*'.repeat(card.length - 10)}${card.slice(-4)}`;
}
