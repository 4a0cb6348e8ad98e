import type { ComponentChildren } from 'preact';
import { useRef, useState } from 'preact/hooks';
import { formatIdNumber } from '../i18n/numbers.js';
import { niceTicks } from '../i18n/axis.js';
import { useLang } from './i18n.js';

/**
 * Charts of the supervisors' dashboard: plain HTML and SVG (no charting
 * library in the bundle). Every chart has its axes and labels, says its
 * values on hover and on keyboard focus (arrow keys move between points),
 * and carries its data as a table beside it: what a screen reader reads and
 * what prints.
 */

/** A point on the category axis: the short label under the axis and the long one read out and shown on focus. */
export interface AxisLabel {
  short: string;
  long: string;
}

/** Moving focus between a chart's points with the arrow keys, Home and End; one tab stop per chart. */
function useRovingFocus(count: number) {
  const [active, setActive] = useState(0);
  const area = useRef<HTMLDivElement>(null);
  const onKeyDown = (e: KeyboardEvent) => {
    const next =
      e.key === 'ArrowRight' || e.key === 'ArrowDown'
        ? active + 1
        : e.key === 'ArrowLeft' || e.key === 'ArrowUp'
          ? active - 1
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? count - 1
              : null;
    if (next === null) return;
    e.preventDefault();
    const i = Math.min(count - 1, Math.max(0, next));
    setActive(i);
    area.current?.querySelectorAll<HTMLElement>('[data-point]')[i]?.focus();
  };
  return { active, setActive, area, onKeyDown };
}

function Legend({ series }: { series: { name: string; tone: string }[] }) {
  return (
    <p class="legend-list" aria-hidden="true">
      {series.map((s) => (
        <span key={s.name} class={`legend ${s.tone}`}>
          {s.name}
        </span>
      ))}
    </p>
  );
}

/** The value axis, tick labels at their heights. */
function ValueAxis({ ticks, format }: { ticks: number[]; format: (v: number) => string }) {
  const top = ticks[ticks.length - 1];
  return (
    <div class="y-axis" aria-hidden="true">
      {ticks.map((v) => (
        <span key={v} style={{ bottom: `${(v / top) * 100}%` }}>
          {format(v)}
        </span>
      ))}
    </div>
  );
}

/** The category axis: every label when they fit, else every k-th so none overlaps. */
function CategoryAxis({ labels, positions }: { labels: AxisLabel[]; positions?: (i: number) => string }) {
  const every = Math.max(1, Math.ceil(labels.length / 10));
  return (
    <div
      class={positions ? 'x-axis placed' : 'x-axis'}
      aria-hidden="true"
      style={{ '--n': String(labels.length) } as Record<string, string>}
    >
      {labels.map((l, i) => (
        <span key={l.long} style={positions ? { left: positions(i) } : undefined}>
          {i % every === 0 || i === labels.length - 1 ? l.short : ''}
        </span>
      ))}
    </div>
  );
}

/**
 * The chart's numbers as a table: a row per category and a column per series
 * (beside the chart), or, with many series, a row per series and a column per
 * category (under it, scrolling sideways).
 */
function DataTable(props: {
  title: string;
  corner: string;
  labels: AxisLabel[];
  series: { name: string; values: (number | null)[] }[];
  format: (v: number) => string;
  bySeries?: boolean;
}) {
  const { t } = useLang();
  const { labels, series } = props;
  const label = (l: AxisLabel) => <abbr title={l.long}>{l.short}</abbr>;
  // The one table, either way round: its column heads, and its rows (a head and a value per column).
  const [heads, rows] = props.bySeries
    ? [labels.map(label), series.map((s) => ({ key: s.name, head: s.name as ComponentChildren, values: s.values }))]
    : [series.map((s) => s.name), labels.map((l, i) => ({ key: l.long, head: label(l), values: series.map((s) => s.values[i]) }))];
  const caption = t('chartData', { title: props.title });
  return (
    // Focusable: the table scrolls inside its box, and the keyboard must reach it.
    <div class={props.bySeries ? 'chart-data wide' : 'chart-data'} tabIndex={0} role="region" aria-label={caption}>
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{props.corner}</th>
            {heads.map((h, k) => (
              <th key={k} scope="col" class="num">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.key}>
              <th scope="row">{r.head}</th>
              {r.values.map((v, k) => (
                <td key={k} class="num">
                  {v === null ? '—' : props.format(v)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One point of a chart (a date's columns, a bucket of lines): read out whole, its values shown on hover and focus. */
function Point(props: {
  kind: 'column' | 'slice';
  label: AxisLabel;
  said: string;
  lines: string[];
  focusable: boolean;
  onFocus: () => void;
  tipLeft: boolean;
  left?: string;
  children?: ComponentChildren;
}) {
  return (
    <div
      class={`point ${props.kind}`}
      data-point
      role="img"
      aria-label={props.said}
      tabIndex={props.focusable ? 0 : -1}
      onFocus={props.onFocus}
      style={props.left ? { left: props.left } : undefined}
    >
      {props.children}
      <span class={props.tipLeft ? 'tip left' : 'tip'} aria-hidden="true">
        <strong>{props.label.long}</strong>
        {props.lines.map((line) => (
          <span key={line} class="block">
            {line}
          </span>
        ))}
      </span>
    </div>
  );
}

/** A chart's frame: title, legend, plot, and the table beside it (or under it). */
function Frame(props: { title: string; legend: ComponentChildren; plot: ComponentChildren; table: ComponentChildren; below?: boolean }) {
  return (
    <figure class="chart">
      <figcaption>{props.title}</figcaption>
      {props.legend}
      <div class={props.below ? 'chart-body below' : 'chart-body'}>
        <div class="chart-plot">{props.plot}</div>
        {props.table}
      </div>
    </figure>
  );
}

/** Counts over time (dates): a group of columns per date, with a value axis, dates under it, values on hover and focus. */
export function Columns(props: {
  title: string;
  corner: string;
  labels: AxisLabel[];
  series: { name: string; values: number[]; tone: string }[];
}) {
  const { title, labels, series } = props;
  const format = (v: number) => formatIdNumber(v);
  const ticks = niceTicks(Math.max(0, ...series.flatMap((s) => s.values)));
  const top = ticks[ticks.length - 1];
  const { active, setActive, area, onKeyDown } = useRovingFocus(labels.length);
  const said = (i: number) => `${labels[i].long}: ${series.map((s) => `${s.name} ${format(s.values[i])}`).join(', ')}`;
  return (
    <Frame
      title={title}
      legend={<Legend series={series} />}
      plot={
        <>
          <div class="plot">
            <ValueAxis ticks={ticks} format={format} />
            <div
              class="area columns-area"
              ref={area}
              role="group"
              aria-label={title}
              onKeyDown={onKeyDown}
              style={{ '--n': String(labels.length) } as Record<string, string>}
            >
              {ticks.map((v) => (
                <span key={v} class="gridline" style={{ bottom: `${(v / top) * 100}%` }} />
              ))}
              {labels.map((l, i) => (
                <Point
                  key={l.long}
                  kind="column"
                  label={l}
                  said={said(i)}
                  lines={series.map((s) => `${s.name}: ${format(s.values[i])}`)}
                  focusable={i === active}
                  onFocus={() => setActive(i)}
                  tipLeft={i > labels.length / 2}
                >
                  {series.map((s) => (
                    <span key={s.name} class={`bar ${s.tone}`} style={{ height: `${(s.values[i] / top) * 100}%` }} />
                  ))}
                </Point>
              ))}
            </div>
          </div>
          <CategoryAxis labels={labels} />
        </>
      }
      table={<DataTable title={title} corner={props.corner} labels={labels} series={series} format={format} />}
    />
  );
}

/**
 * Values per named category (desks): a row each, the name before its bars and
 * every bar's value printed at its end. Being a table, it is its own data table.
 */
export function BarRows(props: {
  title: string;
  corner: string;
  rows: { label: string; values: (number | null)[] }[];
  series: { name: string; tone: string }[];
  format?: (v: number) => string;
}) {
  const format = props.format ?? ((v: number) => formatIdNumber(v));
  const ticks = niceTicks(Math.max(0, ...props.rows.flatMap((r) => r.values.map((v) => v ?? 0))));
  const top = ticks[ticks.length - 1];
  return (
    <figure class="chart">
      <table class="bar-rows">
        <caption>{props.title}</caption>
        <thead>
          <tr>
            <th scope="col">{props.corner}</th>
            {props.series.map((s) => (
              <th key={s.name} scope="col">
                <span class={`legend ${s.tone}`}>{s.name}</span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              {r.values.map((v, k) => (
                <td key={props.series[k].name} class="bar-cell">
                  <div>
                    <span class={`bar ${props.series[k].tone}`} style={{ width: `${((v ?? 0) / top) * 100}%` }} aria-hidden="true" />
                    <span class="value">{v === null ? '—' : format(v)}</span>
                  </div>
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

const STROKES = ['tone-0', 'tone-1', 'tone-2', 'tone-3', 'tone-4', 'tone-5', 'tone-6', 'tone-7'];

/**
 * Percentages over time, a line per series (a gap where a bucket had nothing to
 * measure); each line has its own colour and dash, so it reads without colour
 * too. The axis runs 0-100 %, the buckets under it; a bucket's values show on
 * hover and focus.
 */
export function Lines(props: {
  title: string;
  corner: string;
  labels: AxisLabel[];
  series: { name: string; values: (number | null)[] }[];
}) {
  const { title, labels, series } = props;
  const width = 640;
  const height = 160;
  const pad = 8;
  const step = labels.length > 1 ? (width - 2 * pad) / (labels.length - 1) : 0;
  const x = (i: number) => pad + i * step;
  const y = (v: number) => height - (v / 100) * height;
  const percent = (v: number) => `${formatIdNumber(v)}%`;
  const { active, setActive, area, onKeyDown } = useRovingFocus(labels.length);
  /** Runs of consecutive measured points, each drawn as one path. */
  const runs = (values: (number | null)[]) => {
    const out: string[] = [];
    let run: string[] = [];
    values.forEach((v, i) => {
      if (v === null) {
        if (run.length) out.push(run.join(' '));
        run = [];
      } else run.push(`${run.length ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`);
    });
    if (run.length) out.push(run.join(' '));
    return out;
  };
  const tones = series.map((s, k) => ({ name: s.name, tone: `line ${STROKES[k % STROKES.length]}` }));
  const at = (i: number) => `${((x(i) / width) * 100).toFixed(2)}%`;
  const said = (i: number) =>
    `${labels[i].long}: ${series.map((s) => `${s.name} ${s.values[i] === null ? '—' : percent(s.values[i]!)}`).join(', ')}`;
  return (
    <Frame
      title={title}
      legend={<Legend series={tones} />}
      plot={
        <>
          <div class="plot">
            <ValueAxis ticks={[0, 25, 50, 75, 100]} format={percent} />
            <div class="area lines-area" ref={area} role="group" aria-label={title} onKeyDown={onKeyDown}>
              <svg viewBox={`0 0 ${width} ${height}`} preserveAspectRatio="none" aria-hidden="true">
                {[0, 25, 50, 75, 100].map((v) => (
                  <line key={v} class="grid" x1="0" x2={width} y1={y(v)} y2={y(v)} />
                ))}
                {series.map((s, k) =>
                  runs(s.values).map((d, r) => <path key={`${s.name}-${r}`} class={`line ${STROKES[k % STROKES.length]}`} d={d} />),
                )}
                {series.map((s, k) =>
                  s.values.map((v, i) =>
                    v === null ? null : (
                      <circle key={`${s.name}-${i}`} class={`dot ${STROKES[k % STROKES.length]}`} cx={x(i)} cy={y(v)} r="3" />
                    ),
                  ),
                )}
              </svg>
              {labels.map((l, i) => (
                <Point
                  key={l.long}
                  kind="slice"
                  label={l}
                  said={said(i)}
                  lines={series.map((s) => `${s.name}: ${s.values[i] === null ? '—' : percent(s.values[i]!)}`)}
                  focusable={i === active}
                  onFocus={() => setActive(i)}
                  tipLeft={i > labels.length / 2}
                  left={at(i)}
                />
              ))}
            </div>
          </div>
          <CategoryAxis labels={labels} positions={at} />
        </>
      }
      below
      table={<DataTable title={title} corner={props.corner} labels={labels} series={series} format={percent} bySeries />}
    />
  );
}
