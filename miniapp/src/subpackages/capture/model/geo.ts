import Taro from '@tarojs/taro';
import type { GeoFix } from '@sunshine/shared';

/**
 * A GCJ-02 fix with its accuracy. The weapp gets GCJ-02 from WeChat; a browser only knows
 * WGS-84 (Taro's H5 getLocation refuses gcj02), so H5 converts with the published GCJ-02
 * offset formula — the same datum the household geotags and Tencent maps use.
 */
export async function currentFix(): Promise<GeoFix> {
  const weapp = process.env.TARO_ENV === 'weapp';
  const res = await Taro.getLocation({ type: weapp ? 'gcj02' : 'wgs84', isHighAccuracy: true, highAccuracyExpireTime: 5000 });
  const at = new Date().toISOString();
  const point = weapp ? { lat: res.latitude, lng: res.longitude } : wgs84ToGcj02(res.latitude, res.longitude);
  return { ...point, accuracy: Math.round((res.accuracy ?? 0) * 10) / 10, at };
}

const A = 6378245.0;
const EE = 0.006693421622965943;

function outOfChina(lat: number, lng: number): boolean {
  return lng < 72.004 || lng > 137.8347 || lat < 0.8293 || lat > 55.8271;
}

function tLat(x: number, y: number): number {
  let r = -100 + 2 * x + 3 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(y * Math.PI) + 40 * Math.sin((y / 3) * Math.PI)) * 2) / 3;
  r += ((160 * Math.sin((y / 12) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30)) * 2) / 3;
  return r;
}

function tLng(x: number, y: number): number {
  let r = 300 + x + 2 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20 * Math.sin(6 * x * Math.PI) + 20 * Math.sin(2 * x * Math.PI)) * 2) / 3;
  r += ((20 * Math.sin(x * Math.PI) + 40 * Math.sin((x / 3) * Math.PI)) * 2) / 3;
  r += ((150 * Math.sin((x / 12) * Math.PI) + 300 * Math.sin((x / 30) * Math.PI)) * 2) / 3;
  return r;
}

export function wgs84ToGcj02(lat: number, lng: number): { lat: number; lng: number } {
  if (outOfChina(lat, lng)) return { lat, lng };
  let dLat = tLat(lng - 105, lat - 35);
  let dLng = tLng(lng - 105, lat - 35);
  const radLat = (lat / 180) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - EE * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  dLat = (dLat * 180) / (((A * (1 - EE)) / (magic * sqrtMagic)) * Math.PI);
  dLng = (dLng * 180) / ((A / sqrtMagic) * Math.cos(radLat) * Math.PI);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  return { lat: round(lat + dLat), lng: round(lng + dLng) };
}
