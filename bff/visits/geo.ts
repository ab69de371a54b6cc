/**
 * Great-circle distance in metres (haversine). GCJ-02 is offset from WGS-84 by a smooth
 * field, so distances between two GCJ-02 points within a village are accurate to a metre
 * or so; no conversion is needed. Done in code because FerretDB 1.x has no geo operators.
 */
const EARTH_RADIUS_M = 6_371_008.8;

export function distanceMetres(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}
