import type { RiskRecord, RisksSection, RiskLevel } from '@fieldwork/core';
import { residualOf, riskLevel } from '@fieldwork/core';

export type HeatMapView = 'inherent' | 'residual';

const CELL = 52;
const LEFT = 84;
const TOP = 12;

/** Risks per (likelihood, impact) cell for one view. */
export function heatMapCounts(risks: readonly RiskRecord[], view: HeatMapView): Map<string, string[]> {
  const cells = new Map<string, string[]>();
  for (const r of risks) {
    const rating = view === 'inherent' ? r.inherent : residualOf(r);
    const k = `${rating.likelihood}x${rating.impact}`;
    cells.set(k, [...(cells.get(k) ?? []), r.id]);
  }
  return cells;
}

const range = (n: number) => Array.from({ length: n }, (_, i) => i + 1);

/**
 * The likelihood × impact heat map as server-rendered SVG: each cell coloured by the level its
 * score falls in (low, medium, high on the workspace thresholds) and labelled with its count. A
 * title and description make it readable to screen readers; the table beside it carries the same
 * numbers for anyone who cannot see the colours.
 */
export function RiskHeatMap(d: { risks: readonly RiskRecord[]; section: RisksSection; view: HeatMapView }) {
  const { likelihood: L, impact: I } = d.section.scale;
  const cells = heatMapCounts(d.risks, d.view);
  const level = (l: number, i: number): RiskLevel => riskLevel({ likelihood: l, impact: i }, d.section);
  const width = LEFT + L * CELL + 8;
  const height = TOP + I * CELL + 48;
  const byLevel = (lv: RiskLevel) => d.risks.filter((r) => riskLevel(d.view === 'inherent' ? r.inherent : residualOf(r), d.section) === lv).length;
  const desc = `${d.risks.length} risks rated ${d.view}: ${byLevel('high')} high, ${byLevel('medium')} medium, ${byLevel('low')} low. Likelihood 1 to ${L} from left to right, impact 1 to ${I} from bottom to top; each cell shows how many risks sit there.`;
  return (
    <figure class="heatmap">
      <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-labelledby="heatmap-title heatmap-desc" viewBox={`0 0 ${width} ${height}`} width={width} height={height}>
        <title id="heatmap-title">{`Risk heat map (${d.view})`}</title>
        <desc id="heatmap-desc">{desc}</desc>
        {range(I).map((i) => range(L).map((l) => {
          const ids = cells.get(`${l}x${i}`) ?? [];
          const x = LEFT + (l - 1) * CELL;
          const y = TOP + (I - i) * CELL;
          return (
            <g>
              <rect x={x} y={y} width={CELL - 2} height={CELL - 2} class={`hm-${level(l, i)}${ids.length ? ' hm-filled' : ''}`}>
                <title>{`likelihood ${l} × impact ${i} = ${l * i} (${level(l, i)}): ${ids.length ? ids.join(', ') : 'no risks'}`}</title>
              </rect>
              {ids.length ? <text x={x + CELL / 2 - 1} y={y + CELL / 2 + 5} text-anchor="middle" class="hm-count">{String(ids.length)}</text> : null}
            </g>
          );
        }))}
        {range(I).map((i) => <text x={LEFT - 8} y={TOP + (I - i) * CELL + CELL / 2 + 4} text-anchor="end" class="hm-axis">{String(i)}</text>)}
        {range(L).map((l) => <text x={LEFT + (l - 1) * CELL + CELL / 2 - 1} y={TOP + I * CELL + 16} text-anchor="middle" class="hm-axis">{String(l)}</text>)}
        <text x={LEFT + (L * CELL) / 2} y={TOP + I * CELL + 38} text-anchor="middle" class="hm-axis">likelihood →</text>
        <text x={12} y={TOP + (I * CELL) / 2} class="hm-axis" transform={`rotate(-90 12 ${TOP + (I * CELL) / 2})`} text-anchor="middle">impact →</text>
      </svg>
      <figcaption class="muted">{desc}</figcaption>
      <details>
        <summary>The heat map as a table</summary>
        <table class="heatmap-table">
          <thead><tr><th scope="col">impact \ likelihood</th>{range(L).map((l) => <th scope="col">{String(l)}</th>)}</tr></thead>
          <tbody>
            {range(I).reverse().map((i) => (
              <tr>
                <th scope="row">{String(i)}</th>
                {range(L).map((l) => {
                  const ids = cells.get(`${l}x${i}`) ?? [];
                  return <td class={`hm-text-${level(l, i)}`}>{ids.length ? `${ids.length} (${ids.join(', ')})` : '·'}</td>;
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
