// A strict reader of Prometheus's text format (0.0.4), for the /metrics tests: every sample
// belongs to a family declared with # TYPE, labels are quoted and escaped as the format says,
// values are numbers. Anything else throws, naming the line.

export interface PromSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface PromFamily {
  type: 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
  help: string;
  samples: PromSample[];
}

const NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
const SUFFIXES: Record<PromFamily['type'], readonly string[]> = {
  counter: [''],
  gauge: [''],
  untyped: [''],
  histogram: ['_bucket', '_sum', '_count'],
  summary: ['', '_sum', '_count'],
};

function parseValue(text: string, line: string): number {
  // Prometheus reads these as Go's ParseFloat does, in any case (prom-client writes `Nan`).
  if (/^\+?inf$/i.test(text)) return Infinity;
  if (/^-inf$/i.test(text)) return -Infinity;
  if (/^nan$/i.test(text)) return NaN;
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(text)) throw new Error(`bad value: ${line}`);
  return Number(text);
}

function parseLabels(text: string, line: string): Record<string, string> {
  const labels: Record<string, string> = {};
  const label = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\\n]|\\[\\"n])*)"(,|$)/y;
  let at = 0;
  while (at < text.length) {
    label.lastIndex = at;
    const match = label.exec(text);
    if (!match) throw new Error(`bad labels: ${line}`);
    const [, key = '', raw = ''] = match;
    if (key in labels) throw new Error(`label ${key} twice: ${line}`);
    labels[key] = raw.replace(/\\(.)/g, (_all, c: string) => (c === 'n' ? '\n' : c));
    at = label.lastIndex;
  }
  return labels;
}

export function parsePromText(text: string): Map<string, PromFamily> {
  const families = new Map<string, PromFamily>();
  const help = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const comment = /^# (HELP|TYPE) (\S+) (.*)$/.exec(line);
    if (comment) {
      const [, kind, name = '', rest = ''] = comment;
      if (!NAME.test(name)) throw new Error(`bad name: ${line}`);
      if (kind === 'HELP') help.set(name, rest);
      else {
        if (!(rest in SUFFIXES)) throw new Error(`bad type: ${line}`);
        if (families.has(name)) throw new Error(`family declared twice: ${line}`);
        families.set(name, {
          type: rest as PromFamily['type'],
          help: help.get(name) ?? '',
          samples: [],
        });
      }
      continue;
    }
    if (line.startsWith('#')) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)( -?\d+)?$/.exec(line);
    if (!sample) throw new Error(`bad sample: ${line}`);
    const [, name = '', labelText = '', valueText = ''] = sample;
    const family = [...families.entries()].find(([base, f]) =>
      SUFFIXES[f.type].some((suffix) => `${base}${suffix}` === name),
    );
    if (!family) throw new Error(`sample of no declared family: ${line}`);
    family[1].samples.push({
      name,
      labels: parseLabels(labelText, line),
      value: parseValue(valueText, line),
    });
  }
  return families;
}

/** The sum of the samples named `name` whose labels include `labels` (0 when none is). */
export function sampleValue(
  families: Map<string, PromFamily>,
  name: string,
  labels: Record<string, string> = {},
): number {
  const matches = [...families.values()]
    .flatMap((family) => family.samples)
    .filter(
      (sample) =>
        sample.name === name &&
        Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
    );
  return matches.reduce((sum, sample) => sum + sample.value, 0);
}
