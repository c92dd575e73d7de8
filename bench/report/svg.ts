// Small hand-written SVG charts: grouped horizontal bars, one chart per workload.

export interface Series {
  /** Bar label, e.g. the server. */
  name: string;
  colour: string;
}

export interface BarGroup {
  /** Group label, e.g. "50 editors". */
  label: string;
  /** One value per series (null: no bar). */
  values: (number | null)[];
  /** Per value: drawn hatched (the run did not count). */
  invalid?: boolean[];
}

export interface BarChart {
  title: string;
  unit: string;
  series: Series[];
  groups: BarGroup[];
  /** A dashed line for a target, if any. */
  target?: { value: number; label: string };
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function niceMax(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

function short(value: number): string {
  if (value >= 100) return value.toFixed(0);
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

export function barChart(chart: BarChart): string {
  const width = 760;
  const left = 150;
  const right = 70;
  const top = 62;
  const bar = 14;
  const gap = 10;
  const plotWidth = width - left - right;
  const values = chart.groups.flatMap((g) => g.values.filter((v): v is number => v !== null));
  const max = niceMax(Math.max(chart.target?.value ?? 0, ...values, 0));
  const groupHeight = (g: BarGroup) => g.values.length * bar + gap;
  const plotHeight = chart.groups.reduce((sum, g) => sum + groupHeight(g), 0);
  const legendRows = Math.ceil(chart.series.length / 2);
  const height = top + plotHeight + 30 + legendRows * 18 + 10;
  const x = (value: number) => left + (value / max) * plotWidth;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="system-ui, sans-serif" font-size="11">`,
    '<defs><pattern id="hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="6" height="6" fill="#fff"/><line x1="0" y1="0" x2="0" y2="6" stroke="#888" stroke-width="3"/></pattern></defs>',
    `<rect width="${width}" height="${height}" fill="#fff"/>`,
    `<text x="${left}" y="18" font-size="14" font-weight="600">${escape(chart.title)}</text>`,
    `<text x="${left}" y="34" fill="#555">${escape(chart.unit)}; hatched: run discarded</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const value = (max * i) / 4;
    const gx = x(value);
    out.push(
      `<line x1="${gx}" y1="${top - 4}" x2="${gx}" y2="${top + plotHeight}" stroke="#e3e3e3"/>`,
      `<text x="${gx}" y="${top + plotHeight + 14}" text-anchor="middle" fill="#555">${short(value)}</text>`,
    );
  }
  let y = top;
  for (const group of chart.groups) {
    const h = groupHeight(group) - gap;
    out.push(
      `<text x="${left - 8}" y="${y + h / 2 + 4}" text-anchor="end">${escape(group.label)}</text>`,
    );
    group.values.forEach((value, index) => {
      const series = chart.series[index];
      if (!series || value === null) return;
      const by = y + index * bar;
      // A negative reading (measurement noise) gets its number but no bar.
      const w = value > 0 ? Math.max(1, x(value) - left) : 0;
      const fill = group.invalid?.[index] ? 'url(#hatch)' : series.colour;
      if (w > 0)
        out.push(
          `<rect x="${left}" y="${by + 1}" width="${w.toFixed(1)}" height="${bar - 2}" fill="${fill}" stroke="${series.colour}"><title>${escape(`${series.name}: ${short(value)} ${chart.unit}`)}</title></rect>`,
        );
      out.push(`<text x="${left + w + 4}" y="${by + bar - 3}" fill="#333">${short(value)}</text>`);
    });
    y += groupHeight(group);
  }
  if (chart.target) {
    const tx = x(chart.target.value);
    out.push(
      `<line x1="${tx}" y1="${top - 6}" x2="${tx}" y2="${top + plotHeight}" stroke="#c00" stroke-dasharray="4 3"/>`,
      `<text x="${tx + 3}" y="${top - 10}" fill="#c00">${escape(chart.target.label)}</text>`,
    );
  }
  const legendTop = top + plotHeight + 30;
  chart.series.forEach((series, index) => {
    const lx = left + (index % 2) * 280;
    const ly = legendTop + Math.floor(index / 2) * 18;
    out.push(
      `<rect x="${lx}" y="${ly - 9}" width="12" height="10" fill="${series.colour}"/>`,
      `<text x="${lx + 16}" y="${ly}">${escape(series.name)}</text>`,
    );
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
