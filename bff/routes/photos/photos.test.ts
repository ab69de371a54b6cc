import { createHash } from 'node:crypto';
import { PHOTO_MAX_BYTES } from '@sunshine/shared';
import { startTestApp, type TestApp } from '../../testing/testApp';
import { buildHousehold, buildUser, TEST_PASSWORD } from '../../testing/factories';
import { buildJpeg, buildPhotoFields, buildPng, postPhoto } from '../../testing/evidenceFactories';
import { createPhotoUrlSigner } from '../../photos/photoUrls';

describe('photos', () => {
  let t: TestApp;
  const tok: Record<string, string> = {};
  let mine: string;
  let other: string;

  beforeAll(async () => {
    t = await startTestApp();
    const m1 = await buildUser(t.db.models, { username: 'p.m1', role: 'manager', branchId: '01' });
    const m2 = await buildUser(t.db.models, { username: 'p.m2', role: 'manager', branchId: '01' });
    await buildUser(t.db.models, { username: 'p.bp', role: 'branch_president', branchId: '01' });
    await buildUser(t.db.models, { username: 'p.bp2', role: 'branch_president', branchId: '02' });
    mine = String((await buildHousehold(t.db.models, t.crypto, { managerId: m1._id })).id);
    other = String((await buildHousehold(t.db.models, t.crypto, { managerId: m2._id })).id);
    for (const u of ['p.m1', 'p.m2', 'p.bp', 'p.bp2']) tok[u] = (await t.api.login(u, TEST_PASSWORD)).accessToken;
  });
  afterAll(() => t.stop());

  it('stores a photo with the server’s SHA-256 and is idempotent on clientId', async () => {
    const bytes = buildJpeg(4096, 3);
    const fields = buildPhotoFields(mine);
    const first = await postPhoto(t, tok['p.m1'], fields, bytes);
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      householdId: mine,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      size: 4096,
      contentType: 'image/jpeg',
      takenAt: '2026-11-28T01:25:00.000Z',
    });
    expect(first.body.url).toMatch(new RegExp(`^/api/v1/photos/${first.body.id}/content\\?exp=\\d+&sig=`));
    const again = await postPhoto(t, tok['p.m1'], fields, bytes);
    expect(again.status).toBe(200);
    expect(again.body.id).toBe(first.body.id);
    const changed = await postPhoto(t, tok['p.m1'], fields, buildJpeg(4096, 4));
    expect(changed.status).toBe(422);
    expect(changed.body.error.field).toBe('clientId');
    expect(await t.db.models.Photo.countDocuments({ householdId: first.body.householdId })).toBe(1);
  });

  it('serves the bytes through the signed URL only', async () => {
    const bytes = buildPng(2000, 5);
    const up = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), bytes);
    expect(up.body.contentType).toBe('image/png');
    const res = await fetch(`${t.baseUrl}${up.body.url}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await res.arrayBuffer()).equals(bytes)).toBe(true);

    const tampered = up.body.url.replace(/sig=(.)/, (_: string, c: string) => `sig=${c === 'A' ? 'B' : 'A'}`);
    expect((await fetch(`${t.baseUrl}${tampered}`)).status).toBe(403);
    const later = up.body.url.replace(/exp=(\d+)/, (_: string, e: string) => `exp=${Number(e) + 60}`);
    expect((await fetch(`${t.baseUrl}${later}`)).status).toBe(403);
    expect((await fetch(`${t.baseUrl}/api/v1/photos/${up.body.id}/content`)).status).toBe(403);
    // Another photo's signature does not open this one.
    const otherPhoto = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), buildPng(2000, 6));
    const crossed = `/api/v1/photos/${up.body.id}/content?${otherPhoto.body.url.split('?')[1]}`;
    expect((await fetch(`${t.baseUrl}${crossed}`)).status).toBe(403);
  });

  it('refuses an expired URL with 403 and a signed URL of a missing photo with 404', async () => {
    const signer = createPhotoUrlSigner(t.config.jwtSecret);
    const up = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), buildJpeg(1000, 7));
    const expired = signer.sign(up.body.id, new Date(Date.now() - 11 * 60_000));
    const res = await t.api.get(expired.url);
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe('照片链接已过期,请刷新页面');
    expect((await t.api.get(signer.sign('0123456789abcdef01234567').url)).status).toBe(404);
  });

  it('hands out fresh URLs for a photo within scope', async () => {
    const up = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), buildJpeg(1000, 8));
    const byBp = await t.api.get(`/api/v1/photos/${up.body.id}`, tok['p.bp']);
    expect(byBp.status).toBe(200);
    expect(byBp.body.sha256).toBe(up.body.sha256);
    expect((await fetch(`${t.baseUrl}${byBp.body.url}`)).status).toBe(200);
    expect((await t.api.get(`/api/v1/photos/${up.body.id}`, tok['p.m2'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/photos/${up.body.id}`, tok['p.bp2'])).status).toBe(404);
    expect((await t.api.get(`/api/v1/photos/${up.body.id}`)).status).toBe(401);
  });

  it('requires auth, the responsible manager and a household in scope', async () => {
    expect((await postPhoto(t, undefined, buildPhotoFields(mine), buildJpeg())).status).toBe(401);
    expect((await postPhoto(t, tok['p.m2'], buildPhotoFields(mine), buildJpeg())).status).toBe(404);
    expect((await postPhoto(t, tok['p.m1'], buildPhotoFields(other), buildJpeg())).status).toBe(404);
    expect((await postPhoto(t, tok['p.bp'], buildPhotoFields(mine), buildJpeg())).status).toBe(403);
  });

  it.each([
    ['clientId', { clientId: 'not-a-uuid' }],
    ['householdId', { householdId: 'xyz' }],
    ['takenAt', { takenAt: '2026-11-28 09:25' }],
    ['takenAt', { takenAt: undefined }],
  ])('names the bad field %s', async (field, overrides) => {
    const res = await postPhoto(t, tok['p.m1'], { ...buildPhotoFields(mine), ...overrides }, buildJpeg());
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe(field);
  });

  it('refuses a missing file, a non-image and a JSON body with 400 naming file', async () => {
    const noFile = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), null);
    expect([noFile.status, noFile.body.error.field]).toEqual([400, 'file']);
    const text = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), Buffer.from('GIF89a not allowed here'));
    expect([text.status, text.body.error.field]).toEqual([400, 'file']);
    const json = await t.api.post('/api/v1/photos', buildPhotoFields(mine), tok['p.m1']);
    expect([json.status, json.body.error.field]).toEqual([400, 'file']);
  });

  it('refuses a photo over 5 MB with 413 naming file, and accepts one of exactly 5 MB', async () => {
    const big = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), buildJpeg(PHOTO_MAX_BYTES + 1));
    expect(big.status).toBe(413);
    expect(big.body.error.field).toBe('file');
    const edge = await postPhoto(t, tok['p.m1'], buildPhotoFields(mine), buildJpeg(PHOTO_MAX_BYTES, 9));
    expect(edge.status).toBe(201);
    const res = await fetch(`${t.baseUrl}${edge.body.url}`);
    expect(Buffer.from(await res.arrayBuffer()).length).toBe(PHOTO_MAX_BYTES);
  }, 30_000);
});
