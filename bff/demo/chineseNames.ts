import { Faker, base, zh_CN } from '@faker-js/faker';
import { hash32, type Rng, type SeedPart } from './random';

/**
 * Chinese names for the demo bank, from faker's zh_CN locale.
 *
 * faker's zh_CN surname list is uniform over ~1,000 surnames (万俟, 不, 丑...), which reads
 * oddly for a county in central Jiangsu, so most surnames come from a weighted list of the
 * common local ones and faker supplies the long tail. faker's given names are modern; people
 * born before ~1970 mostly get a name of their generation (建国, 桂英) instead.
 *
 * A private Faker instance (not the shared `fakerZH_CN`) is seeded once per generator, so two
 * generators in one process (tests) cannot disturb each other's sequence.
 */
const COMMON_SURNAMES: readonly (readonly [string, number])[] = [
  ['陈', 8],
  ['张', 7],
  ['王', 7],
  ['刘', 5],
  ['李', 4],
  ['朱', 4],
  ['周', 4],
  ['丁', 4],
  ['吴', 3],
  ['徐', 3],
  ['孙', 3],
  ['顾', 3],
  ['杨', 3],
  ['黄', 3],
  ['何', 2],
  ['钱', 2],
  ['鞠', 2],
  ['印', 2],
  ['蒋', 2],
  ['沈', 2],
  ['曹', 2],
  ['赵', 2],
  ['封', 1.5],
  ['祁', 1.5],
  ['季', 1.5],
  ['严', 1.5],
  ['殷', 1.5],
  ['叶', 1.5],
  ['戴', 1.5],
  ['储', 1.5],
  ['胡', 1.5],
  ['许', 1.5],
  ['姜', 1.5],
  ['缪', 1],
  ['卢', 1],
  ['马', 1],
  ['高', 1],
  ['郭', 1],
  ['夏', 1],
  ['范', 1],
  ['于', 1],
  ['包', 1],
  ['管', 1],
  ['仇', 0.8],
  ['焦', 0.8],
  ['翟', 0.8],
];
const OLDER_MALE = [
  '建国',
  '国华',
  '志强',
  '德明',
  '金生',
  '永林',
  '保国',
  '根宝',
  '长林',
  '建华',
  '国平',
  '福生',
  '春生',
  '卫东',
  '红兵',
  '桂林',
  '友才',
  '宝山',
  '如松',
  '鸿章',
];
const OLDER_FEMALE = [
  '桂英',
  '秀兰',
  '玉兰',
  '凤英',
  '秀英',
  '桂兰',
  '素芳',
  '美华',
  '红梅',
  '兰芳',
  '翠萍',
  '小英',
  '月娥',
  '菊芳',
  '金凤',
  '巧云',
  '素珍',
  '玉珍',
];

export class ChineseNames {
  private readonly faker: Faker;

  constructor(...seed: SeedPart[]) {
    this.faker = new Faker({ locale: [zh_CN, base] });
    this.faker.seed(hash32(...seed, 'faker'));
  }

  surname(rng: Rng): string {
    return rng.chance(0.88) ? rng.weighted(COMMON_SURNAMES) : this.faker.person.lastName();
  }

  givenName(rng: Rng, gender: 'male' | 'female', age: number): string {
    if (age >= 55 && rng.chance(0.7)) return rng.pick(gender === 'male' ? OLDER_MALE : OLDER_FEMALE);
    return this.faker.person.firstName(gender);
  }

  fullName(rng: Rng, gender: 'male' | 'female', age: number): string {
    return this.surname(rng) + this.givenName(rng, gender, age);
  }
}
