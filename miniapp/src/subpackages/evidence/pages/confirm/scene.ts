/**
 * The confirmation code from the page's query. WeChat passes a mini-program code's scene
 * URL-encoded as `scene`; a plain link (H5, tests) may carry it as `code`.
 */
export function sceneFromParams(params: Record<string, string | undefined>): string | null {
  const raw = params.scene ?? params.code;
  if (!raw) return null;
  let value = raw;
  try {
    value = decodeURIComponent(raw);
  } catch {
    return null;
  }
  return /^[A-Za-z0-9_-]{16,32}$/.test(value) ? value : null;
}

/** An instant as China time, "12月2日 09:30". */
export function formatChinaTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 8 * 3_600_000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCMonth() + 1}月${d.getUTCDate()}日 ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}
