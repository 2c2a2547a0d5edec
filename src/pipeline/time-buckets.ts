/** UTC calendar helpers: ISO week ("2025-W23"), day ("2025-06-03"), month ("2025-06"). Pure. */

export function isoWeek(ms: number): string {
  const d = new Date(ms);
  // Thursday of this week decides the ISO year.
  const day = (d.getUTCDay() + 6) % 7; // Monday = 0
  const thursday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day + 3);
  const t = new Date(thursday);
  const year = t.getUTCFullYear();
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  const week1Monday = jan4 - jan4Day * 86_400_000;
  const week = Math.floor((thursday - 3 * 86_400_000 - week1Monday) / (7 * 86_400_000)) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

export function isoMonth(ms: number): string {
  return new Date(ms).toISOString().slice(0, 7);
}

/** Monday 00:00 UTC of an ISO week string. */
export function weekStart(week: string): number {
  const m = /^(\d{4})-W(\d{2})$/.exec(week);
  if (!m) throw new Error(`not an ISO week: ${week}`);
  const year = Number(m[1]);
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Day = (new Date(jan4).getUTCDay() + 6) % 7;
  return jan4 - jan4Day * 86_400_000 + (Number(m[2]) - 1) * 7 * 86_400_000;
}

/** Months between two "YYYY-MM" strings (b - a). */
export function monthsBetween(a: string, b: string): number {
  const [ay, am] = a.split('-').map(Number) as [number, number];
  const [by, bm] = b.split('-').map(Number) as [number, number];
  return (by - ay) * 12 + (bm - am);
}
