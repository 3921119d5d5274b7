/** Start-up: `--version`, `--help` and `providers list` against `node -e 0`, medians of repeated runs. */
import { medianWall } from '../lib/measure.mjs';
import { fmt } from '../lib/table.mjs';
import { BIN, workspace } from './workspace.mjs';

export async function startup({ runs }) {
  const ws = workspace('startup');
  try {
    const opts = { env: ws.env, cwd: ws.dir };
    const node = await medianWall(process.execPath, ['-e', '0'], runs, opts);
    const cases = [
      ['--version', ['--version'], 1.3],
      ['--help', ['--help'], 1.6],
      ['providers list', ['providers', 'list', '--json'], undefined],
    ];
    const rows = [{ measure: 'startup: node -e 0 (median)', value: fmt.ms(node) }];
    for (const [label, args, target] of cases) {
      const wall = await medianWall(process.execPath, [BIN, ...args], runs, opts);
      const ratio = wall / node;
      rows.push({ measure: `startup: automarket ${label}`, value: fmt.ms(wall), baseline: fmt.ms(node), ratio: fmt.ratio(ratio), target: target ? `≤ ${target}x` : '', met: target ? ratio <= target : undefined });
    }
    return rows;
  } finally {
    ws.cleanup();
  }
}
