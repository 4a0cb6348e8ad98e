/** Charts of the supervisors' dashboard: plain SVG (no charting library in the bundle), each with its numbers beside it. */

/** Bars for a few series over the same labels; the numbers are also in the table beside it. */
export function Bars({
  title,
  labels,
  series,
}: {
  title: string;
  labels: string[];
  series: { name: string; values: number[]; tone: string }[];
}) {
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const width = Math.max(320, labels.length * series.length * 10 + labels.length * 6);
  const height = 160;
  const band = width / Math.max(1, labels.length);
  const bar = Math.max(2, (band - 4) / series.length);
  return (
    <figure class="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height + 4}`} preserveAspectRatio="none">
        <title>{title}</title>
        {labels.map((label, i) =>
          series.map((s, k) => {
            const h = (s.values[i] / max) * height;
            return (
              <rect key={`${label}-${s.name}`} class={s.tone} x={i * band + 2 + k * bar} y={height - h} width={bar - 1} height={h}>
                <title>{`${label} · ${s.name}: ${s.values[i]}`}</title>
              </rect>
            );
          }),
        )}
      </svg>
      <figcaption>
        {title}:{' '}
        {series.map((s) => (
          <span key={s.name} class={`legend ${s.tone}`}>
            {s.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

const STROKES = ['tone-0', 'tone-1', 'tone-2', 'tone-3', 'tone-4', 'tone-5', 'tone-6', 'tone-7'];

/**
 * Percentages over time, a line per series (a gap where a bucket had nothing to
 * measure); each line has its own colour and dash, so it reads without colour too.
 */
export function Lines(props: { title: string; labels: string[]; series: { name: string; values: (number | null)[] }[]; table: string }) {
  const { title, labels, series } = props;
  const width = 640;
  const height = 160;
  const step = labels.length > 1 ? (width - 20) / (labels.length - 1) : 0;
  const x = (i: number) => 10 + i * step;
  const y = (v: number) => height - (v / 100) * (height - 10);
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
  return (
    <figure class="chart">
      <svg role="img" aria-label={title} viewBox={`0 0 ${width} ${height + 4}`} preserveAspectRatio="none">
        <title>{title}</title>
        {[0, 50, 100].map((v) => (
          <line key={v} class="grid" x1="0" x2={width} y1={y(v)} y2={y(v)} />
        ))}
        {series.map((s, k) =>
          runs(s.values).map((d, r) => (
            <path key={`${s.name}-${r}`} class={`line ${STROKES[k % STROKES.length]}`} d={d}>
              <title>{s.name}</title>
            </path>
          )),
        )}
        {series.map((s, k) =>
          s.values.map((v, i) =>
            v === null ? null : (
              <circle key={`${s.name}-${i}`} class={`dot ${STROKES[k % STROKES.length]}`} cx={x(i)} cy={y(v)} r="3">
                <title>{`${labels[i]} · ${s.name}: ${v}%`}</title>
              </circle>
            ),
          ),
        )}
      </svg>
      <figcaption>
        {title}:{' '}
        {series.map((s, k) => (
          <span key={s.name} class={`legend line ${STROKES[k % STROKES.length]}`}>
            {s.name}
          </span>
        ))}
      </figcaption>
      <details>
        <summary>{props.table}</summary>
        {/* Focusable: on a phone the table scrolls sideways, and the keyboard must reach it. */}
        <table tabIndex={0} aria-label={title}>
          <thead>
            <tr>
              <th scope="col">{title}</th>
              {labels.map((l) => (
                <th key={l} scope="col">
                  {l}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {series.map((s) => (
              <tr key={s.name}>
                <th scope="row">{s.name}</th>
                {s.values.map((v, i) => (
                  <td key={i} class="num">
                    {v === null ? '—' : `${v}%`}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
