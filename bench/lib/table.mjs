/** Result rows to a Markdown table (printed and written to bench/results.md). */
export function markdownTable(rows) {
  const header = ['measure', 'automarket', 'baseline', 'ratio', 'target', 'met'];
  const lines = [`| ${header.join(' | ')} |`, `|${header.map(() => '---').join('|')}|`];
  for (const r of rows) lines.push(`| ${[r.measure, r.value, r.baseline ?? '', r.ratio ?? '', r.target ?? '', r.met === undefined ? '' : r.met ? 'yes' : '**no**'].join(' | ')} |`);
  return lines.join('\n');
}

export const fmt = {
  ms: (s) => `${(s * 1000).toFixed(1)} ms`,
  msPer: (ms) => `${ms.toFixed(2)} ms`,
  mib: (kib) => `${(kib / 1024).toFixed(1)} MiB`,
  ratio: (x) => `${x.toFixed(2)}x`,
  pct: (x) => `${(x * 100).toFixed(1)} %`,
};
