/** `automarket service list | start | stop | status | logs` (design.md section 6). */
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { numberHint, parsePositiveNumber } from '../generate/options.js';
import { allServices, findService, healthUrl, type ServiceDefinition } from '../services/catalog.js';
import { describeStatus, serviceLogs, serviceStatus, startService, stopService, type ServiceStatus } from '../services/lifecycle.js';
import { probe } from '../services/health.js';
import { DOCKER_PS_FORMAT, parseDockerPs, type LabelledContainer } from '../services/ps.js';
import { projectName } from '../services/compose-cli.js';
import { renderTable } from '../ui/table.js';

async function services(ctx: Context): Promise<ServiceDefinition[]> {
  return allServices((await ctx.config()).config);
}

async function lookup(ctx: Context, name: string): Promise<ServiceDefinition> {
  return findService((await ctx.config()).config, name);
}

/**
 * The state of every service with one `docker ps` and one health probe each, in parallel: cheaper
 * than a Compose call per service. Docker being absent or down is a warning here, not a failure,
 * since the list itself is still worth printing.
 */
async function overview(ctx: Context): Promise<ServiceStatus[]> {
  const defs = await services(ctx);
  let containers: LabelledContainer[] = [];
  const ps = await ctx.exec('docker', ['ps', '-a', '--filter', 'label=com.docker.compose.project', '--format', DOCKER_PS_FORMAT], { timeoutMs: 30_000 });
  if (ps.notFound) ctx.ui.warn('docker is not installed: container states are unknown');
  else if (ps.exitCode !== 0) ctx.ui.warn(`docker ps failed (${ps.stderr.trim().split('\n').pop() ?? ''}): container states are unknown`);
  else containers = parseDockerPs(ps.stdout);
  const probes = await Promise.all(defs.map((d) => probe(ctx.http, healthUrl(d), 1500)));
  return defs.map((def, i) => {
    const own = containers.filter((c) => c.project === projectName(def.name)).map(({ project: _p, ...c }) => c);
    return describeStatus(def, own, probes[i]!.healthy);
  });
}

function printStatuses(ctx: Context, rows: ServiceStatus[]): void {
  if (ctx.options.json) {
    for (const row of rows) ctx.out(JSON.stringify(row));
    return;
  }
  ctx.out(
    renderTable(
      ['NAME', 'STATE', 'URL', 'PROVIDER', 'ORIGIN'],
      rows.map((r) => [r.name, r.state, r.url, r.provider ?? '-', r.origin]),
    ),
  );
}

export async function serviceList(ctx: Context): Promise<void> {
  const rows = await overview(ctx);
  printStatuses(ctx, rows);
}

export async function serviceStatusCommand(ctx: Context, name: string | undefined): Promise<void> {
  if (!name) return serviceList(ctx);
  const def = await lookup(ctx, name);
  const status = await serviceStatus(ctx, def);
  if (ctx.options.json) {
    ctx.out(JSON.stringify(status));
    return;
  }
  const lines = [
    `${status.name}: ${status.state}${status.healthy ? ' (healthy)' : ''}`,
    `  url:       ${status.url}`,
    `  health:    ${status.healthUrl}`,
    ...(status.provider ? [`  provider:  ${status.provider}`] : []),
    `  project:   ${status.project}`,
    ...status.containers.map((c) => `  container: ${c.name} ${c.state}${c.health !== 'none' ? ` (${c.health})` : ''}${c.ports.length ? ` ${c.ports.join(', ')}` : ''}`),
  ];
  ctx.out(lines.join('\n'));
}

export interface StartFlags {
  gpu?: boolean;
  timeout?: string;
  json?: boolean;
}

export async function serviceStart(ctx: Context, name: string, flags: StartFlags): Promise<void> {
  const timeoutSeconds = flags.timeout !== undefined ? parsePositiveNumber('--timeout', flags.timeout, 600) : undefined;
  const def = await lookup(ctx, name);
  const result = await startService(ctx, def, { gpu: flags.gpu, timeoutSeconds });
  ctx.ui.stopStatus();
  if (ctx.options.json) {
    ctx.out(JSON.stringify({ ...result, state: 'running', healthy: true }));
    return;
  }
  ctx.out(result.url);
  const how = result.alreadyRunning ? 'is already running' : `is ready in ${(result.elapsedMs / 1000).toFixed(1)} s`;
  ctx.ui.success(`✔ ${def.name} ${how} at ${result.url}${def.provider ? ` (provider ${def.provider})` : ''}`);
}

export async function serviceStop(ctx: Context, name: string): Promise<void> {
  const def = await lookup(ctx, name);
  await stopService(ctx, def);
  if (ctx.options.json) ctx.out(JSON.stringify({ name: def.name, state: 'stopped' }));
  else ctx.ui.success(`✔ ${def.name} stopped (its named volumes, such as downloaded models, are kept)`);
}

export interface LogsFlags {
  tail?: string;
  follow?: boolean;
  json?: boolean;
}

export async function serviceLogsCommand(ctx: Context, name: string, flags: LogsFlags): Promise<void> {
  const tail = flags.tail === undefined ? 100 : Number(flags.tail);
  if (!Number.isInteger(tail) || tail < 0) throw new UsageError(`Bad --tail "${flags.tail}": expected a whole number of lines`, { hint: numberHint('--tail', 'a whole number of lines, 0 or more', 50) });
  if (flags.follow && ctx.options.json) throw new UsageError('--follow and --json cannot be combined', { hint: 'drop one of them' });
  const def = await lookup(ctx, name);
  // Without containers Compose prints only "Attaching to" (on stdout) and -f returns at once: say why.
  const { containers } = await serviceStatus(ctx, def);
  if (containers.length === 0) {
    ctx.ui.note(`${def.name} has no containers (not started, or stopped): no logs to show; start it with \`automarket service start ${def.name}\``);
    if (ctx.options.json) ctx.out(JSON.stringify({ name: def.name, lines: [] }));
    return;
  }
  const text = await serviceLogs(ctx, def, { tail, follow: Boolean(flags.follow) });
  if (text === undefined) return;
  if (ctx.options.json) ctx.out(JSON.stringify({ name: def.name, lines: text ? text.split('\n') : [] }));
  else if (text) ctx.out(text);
}
