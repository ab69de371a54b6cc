import { assessProof, type ProofInput } from './proofOfVisit';
import { distanceMetres } from './geo';

const home = { lat: 32.25, lng: 120.23 };
/** A point `m` metres north of home. */
const north = (m: number) => ({ lat: home.lat + m / 111_195, lng: home.lng });
const build = (o: Partial<ProofInput> & { at?: number; accuracy?: number } = {}): ProofInput => ({
  fix: { ...north(o.at ?? 0), accuracy: o.accuracy ?? 30 },
  geotag: o.geotag === undefined ? home : o.geotag,
  photoCount: o.photoCount ?? 0,
  customerConfirmed: o.customerConfirmed ?? false,
});

describe('proof of visit', () => {
  it('measures distance in metres', () => {
    expect(Math.round(distanceMetres(home, north(150)))).toBe(150);
  });

  it.each([
    [{ at: 50, accuracy: 30 }, 'located', 50],
    [{ at: 100, accuracy: 30 }, 'located', 100],
    [{ at: 101, accuracy: 30 }, 'unverified', 101],
    [{ at: 180, accuracy: 180 }, 'located', 180],
    [{ at: 201, accuracy: 190 }, 'unverified', 201],
    [{ at: 10, accuracy: 250 }, 'unverified', 10],
    [{ at: 20, accuracy: 20, photoCount: 1 }, 'photographed', 20],
    [{ at: 20, accuracy: 20, photoCount: 1, customerConfirmed: true }, 'confirmed', 20],
    [{ at: 500, accuracy: 20, photoCount: 2 }, 'unverified', 500],
  ])('%o → %s at %i m', (o, level, d) => {
    const p = assessProof(build(o as never));
    expect(p.level).toBe(level);
    expect(p.distanceM).toBe(d);
    expect(p.setsGeotag).toBe(false);
  });

  it('the first good fix sets the geotag; a poor one does not', () => {
    expect(assessProof(build({ geotag: null, accuracy: 60 }))).toMatchObject({ level: 'located', setsGeotag: true, distanceM: null });
    expect(assessProof(build({ geotag: null, accuracy: 150 }))).toMatchObject({ level: 'unverified', setsGeotag: false });
  });

  it('says why in Chinese', () => {
    expect(assessProof(build({ at: 400 })).reasons).toEqual(['距该户400米,超出100米核实范围']);
  });
});
