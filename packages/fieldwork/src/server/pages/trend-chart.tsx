/** One line (or band, when stacked) of a chart. */
export interface ChartSeries {
  /** Stable key, also the CSS class `series-<key>` that colours it. */
  key: string;
  label: string;
  /** One value per x label; null where the series has no value (a gap in a line, zero in a stack). */
  values: (number | null)[];
}

export interface TrendChartProps {
  /** Unique in the page: ids of the title and description derive from it. */
  id: string;
  title: string;
  /** What the chart shows, in a sentence (read by screen readers). */
  desc: string;
  /** The x axis: one label per run. */
  labels: string[];
  /** Longer names of the runs for tooltips and the table (default: the labels). */
  names?: string[];
  series: ChartSeries[];
  /** Stacked areas (parts of a whole) instead of lines. */
  stacked?: boolean;
  /** A small multiple (axes with few labels) or a spark line (no axes); neither has a legend or data table. */
  size?: 'big' | 'small' | 'spark';
}

const BIG = { w: 720, h: 260, left: 44, right: 16, top: 14, bottom: 40 };
const SMALL = { w: 220, h: 90, left: 26, right: 6, top: 6, bottom: 16 };
const SPARK = { w: 160, h: 34, left: 3, right: 3, top: 4, bottom: 4 };

/** Tick step of 1, 2 or 5 × 10^k giving at most five intervals up to `max`. */
export function niceStep(max: number): number {
  if (max <= 5) return 1;
  const raw = max / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * p).find((s) => s >= raw) as number;
}

const fmt = (n: number) => (Number.isInteger(n) ? String(n) : n.toFixed(1));

/**
 * A chart drawn on the server as SVG: lines or stacked areas over the runs, coloured by CSS
 * classes (no inline style, so the page's CSP holds), with a title and description for assistive
 * technology, a `<title>` on every point, and the numbers as a table beside it.
 */
export function TrendChart(p: TrendChartProps) {
  const size = p.size ?? 'big';
  const g = size === 'big' ? BIG : size === 'small' ? SMALL : SPARK;
  const small = size !== 'big';
  const n = p.labels.length;
  const plotW = g.w - g.left - g.right;
  const plotH = g.h - g.top - g.bottom;
  const x = (i: number) => g.left + (n <= 1 ? plotW / 2 : (i * plotW) / (n - 1));
  // Stacks are drawn from their running totals; lines from their values.
  const tops = p.series.map((_, k) => p.labels.map((_l, i) => p.series.slice(0, k + 1).reduce((sum, s) => sum + (s.values[i] ?? 0), 0)));
  const max = Math.max(1, ...(p.stacked ? (tops.at(-1) ?? []) : p.series.flatMap((s) => s.values.filter((v): v is number => v !== null))));
  const step = niceStep(max);
  const yMax = Math.ceil(max / step) * step;
  const y = (v: number) => g.top + plotH - (v / yMax) * plotH;
  const ticks = Array.from({ length: yMax / step + 1 }, (_, i) => i * step);
  const every = Math.max(1, Math.ceil(n / 8));
  const titleId = `${p.id}-title`;
  const descId = `${p.id}-desc`;

  const line = (values: (number | null)[]) => {
    let d = '';
    let pen = false;
    values.forEach((v, i) => {
      if (v === null) { pen = false; return; }
      d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(v).toFixed(1)}`;
      pen = true;
    });
    return d;
  };
  // A single run still shows as a narrow band rather than a line of no width.
  const cols = n === 1 ? [{ at: x(0) - 8, i: 0 }, { at: x(0) + 8, i: 0 }] : p.labels.map((_, i) => ({ at: x(i), i }));
  const band = (k: number) => {
    const pt = (at: number, v: number) => `${at.toFixed(1)},${y(v).toFixed(1)}`;
    const top = cols.map((c) => pt(c.at, tops[k][c.i]));
    const bottom = cols.map((c) => pt(c.at, k === 0 ? 0 : tops[k - 1][c.i])).reverse();
    return [...top, ...bottom].join(' ');
  };
  const shown = (i: number) => (small ? i === 0 || i === n - 1 : i % every === 0 || i === n - 1);
  const name = (i: number) => p.names?.[i] ?? p.labels[i];

  return (
    <figure class={`chart chart-${size}`} data-chart={p.id}>
      <svg xmlns="http://www.w3.org/2000/svg" viewBox={`0 0 ${g.w} ${g.h}`} width={g.w} height={g.h} role="img" aria-labelledby={`${titleId} ${descId}`} class="trend-svg">
        <title id={titleId}>{p.title}</title>
        <desc id={descId}>{p.desc}</desc>
        {size === 'spark' ? <g class="grid" aria-hidden="true"><line x1={g.left} x2={g.w - g.right} y1={y(0)} y2={y(0)} /></g> : (
          <g class="grid" aria-hidden="true">
            {ticks.map((t) => (
              <>
                <line x1={g.left} x2={g.w - g.right} y1={y(t)} y2={y(t)} />
                <text x={g.left - 4} y={y(t) + 4} text-anchor="end">{fmt(t)}</text>
              </>
            ))}
            {p.labels.map((l, i) => shown(i) ? <text x={x(i)} y={g.h - (small ? 3 : 22)} text-anchor="middle">{l}</text> : null)}
          </g>
        )}
        {p.series.map((s, k) => (
          <g class={`series series-${s.key}${p.stacked ? ' stacked' : ''}`} data-series={s.key}>
            {p.stacked ? <polygon points={band(k)} /> : <path d={line(s.values)} />}
            {s.values.map((v, i) => v === null ? null : (
              <circle cx={x(i)} cy={y(p.stacked ? tops[k][i] : v)} r={small ? 1.5 : 3}>
                <title>{`${s.label}, ${name(i)}: ${fmt(v)}`}</title>
              </circle>
            ))}
          </g>
        ))}
      </svg>
      {small ? null : (
        <figcaption>
          <ul class="legend">{p.series.map((s) => <li class={`series-${s.key}`}><span class="swatch" aria-hidden="true"></span>{s.label}</li>)}</ul>
          <details>
            <summary>{`${p.title}: the numbers`}</summary>
            <table class="chart-data">
              <thead><tr><th scope="col">Run</th>{p.series.map((s) => <th scope="col">{s.label}</th>)}</tr></thead>
              <tbody>{p.labels.map((_l, i) => <tr><th scope="row">{name(i)}</th>{p.series.map((s) => <td>{s.values[i] === null ? '—' : fmt(s.values[i] as number)}</td>)}</tr>)}</tbody>
            </table>
          </details>
        </figcaption>
      )}
    </figure>
  );
}

const STATUS_WORDS: Record<string, string> = { pass: 'pass', exception: 'exception', insufficient_evidence: 'insufficient evidence', not_tested: 'not tested' };

/** A control's status run by run as a strip of squares, each with its run and status as a title. */
export function StatusStrip(p: { labels: string[]; statuses: (string | null)[]; control: string }) {
  const size = 12;
  return (
    <svg xmlns="http://www.w3.org/2000/svg" class="strip" viewBox={`0 0 ${Math.max(1, p.statuses.length) * (size + 2)} ${size}`} width={Math.max(1, p.statuses.length) * (size + 2)} height={size} role="img" aria-label={`${p.control} by run: ${p.statuses.map((s, i) => `${p.labels[i]} ${s ? STATUS_WORDS[s] ?? s : 'not in scope'}`).join('; ')}`}>
      {p.statuses.map((s, i) => (
        <rect x={i * (size + 2)} y={0} width={size} height={size} rx={2} class={`cell cell-${s ?? 'none'}`}>
          <title>{`${p.labels[i]}: ${s ? STATUS_WORDS[s] ?? s : 'not in scope'}`}</title>
        </rect>
      ))}
    </svg>
  );
}
