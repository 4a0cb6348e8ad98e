// How a chart's value axis is divided (charts.tsx): plain arithmetic, tested outside the browser.

/** Round figures for a value axis from 0 to at least `max`: 0, step, 2 step, ... (at most 5 ticks beyond 0). */
export function niceTicks(max: number, integer = true): number[] {
  if (!(max > 0)) return [0, 1];
  const raw = max / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  // Counts step by whole numbers: 1, 2, 5, 10... (2,5 only for measures that have fractions).
  const multiples = integer ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const step = Math.max(integer ? 1 : 0, multiples.map((m) => m * magnitude).find((s) => s >= raw) ?? 10 * magnitude);
  const ticks: number[] = [];
  for (let v = 0; v < max + step; v += step) ticks.push(Math.round(v * 1000) / 1000);
  return ticks;
}
