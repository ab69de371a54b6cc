/**
 * Resident identity card numbers (GB 11643-1999): 6-digit region code, 8-digit birth date,
 * 3-digit sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

/** The check character for the first 17 digits. */
export function idCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] ?? 0);
  return CHECK_CHARS[sum % 11] ?? '?';
}

/** Birth date (YYYY-MM-DD) carried by an ID number, or null when it is not a real date. */
export function idBirthDate(id: string): string | null {
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
}

export type IdNumberProblem = 'format' | 'birth_date' | 'checksum';

/** Why an ID number is invalid, or null when it is valid. */
export function checkIdNumber(id: string): IdNumberProblem | null {
  if (!/^\d{17}[\dX]$/.test(id)) return 'format';
  if (idBirthDate(id) === null) return 'birth_date';
  if (idCheckChar(id.slice(0, 17)) !== id[17]) return 'checksum';
  return null;
}

/** 'male' when the sequence digit is odd. */
export function idGender(id: string): 'male' | 'female' {
  return Number(id[16]) % 2 === 1 ? 'male' : 'female';
}
