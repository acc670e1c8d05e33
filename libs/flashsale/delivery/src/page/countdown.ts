/** `1:05:09` / `4:07`: what is left until `target`, never negative. */
export function countdown(target: string, nowMs: number): string {
  const seconds = Math.max(0, Math.floor((Date.parse(target) - nowMs) / 1000));
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = String(seconds % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
