/**
 * Issue 24's table: each part of `npm run bench` notes its headline figures
 * here (one JSON line each, in dist/bench-results.jsonl, which the build
 * empties), and `summary.js`, the last step, prints them side by side: the
 * figure, its baseline from the same run, the target, met or missed.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';

export const RESULTS_FILE = process.env.BENCH_RESULTS ?? 'dist/bench-results.jsonl';

export interface BenchRow {
  /** What was measured, as the issue names it. */
  path: string;
  /** The figure, with its unit. */
  now: string;
  /** The baseline from the same run, with its unit ('-' when the row has none). */
  baseline: string;
  /** Figure over baseline, where that means something. */
  ratio?: number;
  /** The target, in words. */
  target: string;
  met: boolean;
}

export function noteRow(row: BenchRow): void {
  appendFileSync(RESULTS_FILE, `${JSON.stringify(row)}\n`);
}

export function readRows(): BenchRow[] {
  if (!existsSync(RESULTS_FILE)) return [];
  return readFileSync(RESULTS_FILE, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as BenchRow);
}

/** The table, widths fitted to its cells. */
export function formatRows(rows: BenchRow[]): string {
  const cells = [
    ['path', 'now', 'baseline (same run)', 'ratio', 'target', ''],
    ...rows.map((r) => [r.path, r.now, r.baseline, r.ratio === undefined ? '-' : r.ratio.toFixed(2), r.target, r.met ? 'met' : 'MISSED']),
  ];
  const widths = cells[0].map((_, i) => Math.max(...cells.map((c) => c[i].length)));
  return cells
    .map((c) =>
      c
        .map((cell, i) => cell.padEnd(widths[i]))
        .join('   ')
        .trimEnd(),
    )
    .join('\n');
}
