import { idCheckChar } from '@sunshine/shared';
import { fromDayNumber } from '../ods/isoDate';
import { hash32, type Rng } from './random';

/**
 * Synthetic identities: ID numbers (GB 11643) and mobile phones.
 *
 * ID numbers must be unique across the whole bank (they are the key that links households
 * to the bank's ODS data), yet a random 3-digit sequence collides quickly: a 1M-household
 * bank has ~100 people per birth date and gender. So sequences are handed out by a counter
 * per (birth date, gender) and scrambled by a bijection, so they look random and never repeat.
 * The counters are the only state: at most ~73,000 small entries (100 years × 2 genders).
 */
export const REGION_CODE = '321283';
/** 500 sequences of each parity: 000..999. */
const PER_GENDER = 500;
/** Coprime with 500, so `(n * STRIDE + offset) % 500` is a permutation of 0..499. */
const STRIDE = 211;

export class IdAllocator {
  private readonly used = new Map<string, number>();
  /** Per-date start of the scrambled sequence, so 001 isn't always the first one handed out. */
  private readonly offsets = new Map<string, number>();

  constructor(private readonly seed: string | number) {}

  /**
   * A fresh ID number for someone born on `birthDate`, or null when that date has run out of
   * sequences for the gender (the caller then picks another birth date).
   */
  allocate(birthDate: string, gender: 'male' | 'female'): string | null {
    const ymd = birthDate.slice(0, 4) + birthDate.slice(5, 7) + birthDate.slice(8, 10);
    const key = ymd + (gender === 'male' ? 'm' : 'f');
    const n = this.used.get(key) ?? 0;
    if (n >= PER_GENDER) return null;
    this.used.set(key, n + 1);
    let offset = this.offsets.get(ymd);
    if (offset === undefined) {
      offset = hash32(this.seed, 'id-seq', ymd) % PER_GENDER;
      this.offsets.set(ymd, offset);
    }
    const s = (n * STRIDE + offset) % PER_GENDER;
    const sequence = 2 * s + (gender === 'male' ? 1 : 0);
    const first17 = `${REGION_CODE}${ymd}${String(sequence).padStart(3, '0')}`;
    return first17 + idCheckChar(first17);
  }
}

/** A birth date that makes the person exactly `age` years old on `asOf`. */
export function birthDateForAge(rng: Rng, age: number, asOf: string): string {
  // Born in (asOf - (age + 1) years, asOf - age years]; a 02-29 anniversary in a common year
  // counts as 02-28, so the age is right even when the business date is a leap day.
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const lo = anniversaryDay(y - age - 1, m, d) + 1;
  const hi = anniversaryDay(y - age, m, d);
  return fromDayNumber(rng.int(lo, hi));
}

function anniversaryDay(year: number, month: number, day: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const d = month === 2 && day === 29 && !leap ? 28 : day;
  return Math.round(Date.UTC(year, month - 1, d) / 86_400_000);
}

/** Allocates an ID number, moving the birth date within the same age year if a date is full. */
export function allocateIdentity(
  ids: IdAllocator,
  rng: Rng,
  age: number,
  gender: 'male' | 'female',
  asOf: string,
): { idNumber: string; birthDate: string } {
  for (let attempt = 0; attempt < 50; attempt++) {
    const birthDate = birthDateForAge(rng, age, asOf);
    const idNumber = ids.allocate(birthDate, gender);
    if (idNumber) return { idNumber, birthDate };
  }
  // 50 full dates in a row means ~25,000 people of one gender and age: not a bank of this size.
  throw new Error(`no free ID sequence for age ${age} (${gender}) as of ${asOf}`);
}

/** Mobile number prefixes of the three carriers, weighted roughly by subscribers. */
const MOBILE_PREFIXES: readonly (readonly [string, number])[] = [
  ['139', 5],
  ['138', 5],
  ['137', 3],
  ['136', 3],
  ['135', 3],
  ['134', 2],
  ['150', 3],
  ['151', 3],
  ['152', 2],
  ['157', 2],
  ['158', 3],
  ['159', 3],
  ['182', 2],
  ['183', 2],
  ['187', 3],
  ['188', 2],
  ['198', 2],
  ['130', 2],
  ['131', 2],
  ['132', 2],
  ['155', 2],
  ['156', 2],
  ['185', 2],
  ['186', 3],
  ['166', 1],
  ['133', 2],
  ['153', 2],
  ['180', 2],
  ['181', 2],
  ['189', 3],
  ['177', 1],
  ['199', 2],
];

export function mobilePhone(rng: Rng): string {
  return rng.weighted(MOBILE_PREFIXES) + String(rng.int(0, 99_999_999)).padStart(8, '0');
}
