/**
 * Start, stop, inspect and read the logs of one service through Compose. Each step turns Docker's
 * output into a typed error (docker-errors.ts), so the user reads one line and a fix, not a traceback.
 */
import { existsSync } from 'node:fs';
import type { Context } from '../context.js';
import { ConfigError, ServiceError, UsageError } from '../errors.js';
import { detectCompose, projectName, type ComposeCli } from './compose-cli.js';
import { classifyDockerFailure, lastMeaningfulLines } from './docker-errors.js';
import { healthUrl, type ServiceDefinition } from './catalog.js';
import { isLoopback, probe } from './health.js';
import { parsePsV1, parsePsV2, type ContainerInfo } from './ps.js';

export type ServiceState = 'running' | 'starting' | 'unhealthy' | 'exited' | 'stopped';

export interface ServiceStatus {
  name: string;
  state: ServiceState;
  healthy: boolean;
  url: string;
  healthUrl: string;
  provider?: string;
  origin: 'builtin' | 'config';
  project: string;
  containers: ContainerInfo[];
}

const POLL_MS = 1000;
/** Log lines shown when a start fails. */
const FAILURE_LOG_LINES = 15;

let cached: Promise<ComposeCli> | undefined;
let cachedFor: unknown;

/** Detects Compose once per run (the v1 check alone starts a Python interpreter). */
export function composeFor(ctx: Context): Promise<ComposeCli> {
  if (!cached || cachedFor !== ctx.exec) {
    cachedFor = ctx.exec;
    cached = detectCompose(ctx.exec).then((cli) => {
      ctx.ui.debug(`compose: ${cli.version} (${[cli.file, ...cli.prefix].join(' ')})`);
      return cli;
    });
    cached.catch(() => (cached = undefined));
  }
  return cached;
}

export function composeFiles(def: ServiceDefinition, gpu = false): string[] {
  if (!existsSync(def.compose)) {
    throw new ConfigError(`The compose file of service ${def.name} does not exist: ${def.compose}`, {
      code: 'COMPOSE_FILE',
      hint: def.origin === 'config' ? `fix services.${def.name}.compose in your config (it is relative to the config file)` : 'reinstall automarket',
    });
  }
  if (!gpu) return [def.compose];
  if (!def.gpu) throw new UsageError(`Service ${def.name} has no GPU variant`, { hint: 'start it without --gpu, or declare a `gpu` compose override for it in the config' });
  if (!existsSync(def.gpu)) throw new ConfigError(`The GPU compose file of service ${def.name} does not exist: ${def.gpu}`);
  return [def.compose, def.gpu];
}

function failure(ctx: Context, def: ServiceDefinition, output: string, what: string) {
  return classifyDockerFailure(output, what, { service: def.name, composeFile: def.compose, dockerHost: ctx.env.DOCKER_HOST });
}

function trace(ctx: Context, cli: ComposeCli, project: string, files: string[], args: string[]): void {
  ctx.ui.debug(`exec: ${[cli.file, ...cli.prefix, '-p', project, ...files.flatMap((f) => ['-f', f]), ...args].join(' ')}`);
}

async function runCompose(ctx: Context, cli: ComposeCli, def: ServiceDefinition, files: string[], args: string[], what: string, onLine?: (line: string) => void) {
  const project = projectName(def.name);
  trace(ctx, cli, project, files, args);
  const result = await cli.run(project, files, args, { onStderrLine: onLine, onStdoutLine: onLine });
  if (result.exitCode !== 0) throw failure(ctx, def, `${result.stderr}\n${result.stdout}`, what);
  return result;
}

export async function containersOf(ctx: Context, cli: ComposeCli, def: ServiceDefinition, files = [def.compose]): Promise<ContainerInfo[]> {
  const project = projectName(def.name);
  if (cli.version === 'v2') {
    const r = await runCompose(ctx, cli, def, files, ['ps', '-a', '--format', 'json'], `compose ps failed for ${def.name}`);
    return parsePsV2(r.stdout);
  }
  const r = await runCompose(ctx, cli, def, files, ['ps'], `docker-compose ps failed for ${def.name}`);
  return parsePsV1(r.stdout, project);
}

export async function serviceStatus(ctx: Context, def: ServiceDefinition): Promise<ServiceStatus> {
  const files = composeFiles(def);
  const cli = await composeFor(ctx);
  const [containers, health] = await Promise.all([containersOf(ctx, cli, def, files), probe(ctx.http, healthUrl(def), 3000)]);
  return describeStatus(def, containers, health.healthy);
}

export function describeStatus(def: ServiceDefinition, containers: ContainerInfo[], answering: boolean): ServiceStatus {
  const running = containers.filter((c) => c.state === 'running' || c.state === 'restarting');
  // Without a health path, Compose's own healthcheck (or "running" when it has none) decides.
  const healthy = def.health ? answering : running.length > 0 && running.every((c) => c.health === 'healthy' || c.health === 'none');
  let state: ServiceState;
  if (healthy) state = 'running';
  else if (running.some((c) => c.health === 'unhealthy')) state = 'unhealthy';
  else if (running.length) state = 'starting';
  else if (containers.length) state = 'exited';
  else state = 'stopped';
  const status: ServiceStatus = {
    name: def.name,
    state,
    healthy,
    url: def.url,
    healthUrl: healthUrl(def),
    origin: def.origin,
    project: projectName(def.name),
    containers,
  };
  if (def.provider) status.provider = def.provider;
  return status;
}

export interface StartOptions {
  gpu?: boolean;
  timeoutSeconds?: number;
}

export interface StartResult {
  name: string;
  url: string;
  provider?: string;
  alreadyRunning: boolean;
  elapsedMs: number;
}

export async function startService(ctx: Context, def: ServiceDefinition, options: StartOptions = {}): Promise<StartResult> {
  const started = ctx.clock.now();
  const files = composeFiles(def, options.gpu);
  const cli = await composeFor(ctx);
  const result = (alreadyRunning: boolean): StartResult => ({
    name: def.name,
    url: def.url,
    ...(def.provider ? { provider: def.provider } : {}),
    alreadyRunning,
    elapsedMs: ctx.clock.now() - started,
  });
  await ctx.ui.ready();

  // A broken compose file is the user's to fix (exit 2); say so before Docker does anything.
  ctx.ui.status(`Checking ${def.name}'s compose file`);
  await runCompose(ctx, cli, def, files, ['config', '-q'], `the compose file of ${def.name} is not valid`);

  const before = await probe(ctx.http, healthUrl(def), 2000);
  if (before.healthy && def.health) {
    const containers = await containersOf(ctx, cli, def, files);
    if (!containers.some((c) => c.state === 'running')) ctx.ui.note(`${def.name} already answers at ${def.url} (not started by automarket)`);
    return result(true);
  }
  if (before.listening && isLoopback(def.url)) {
    const containers = await containersOf(ctx, cli, def, files);
    if (!containers.some((c) => c.state === 'running')) {
      const port = new URL(def.url).port || '80';
      throw new ServiceError(`Port ${port} is already taken by another program, so ${def.name} cannot listen on ${def.url}`, {
        code: 'PORT_TAKEN',
        hint: 'stop the program that uses it (`ss -ltnp` or `lsof -i` shows which), or change the port in the compose file and the service url',
        data: { port: Number(port) },
      });
    }
  }

  ctx.ui.status(`Starting ${def.name} (docker compose up)`);
  await runCompose(ctx, cli, def, files, ['up', '-d'], `could not start ${def.name}`, (line) => {
    if (/pull|download|extract|build|creat|start/i.test(line)) ctx.ui.status(`${def.name}: ${line.trim().slice(0, 100)}`);
    ctx.ui.debug(`compose: ${line}`);
  });

  await waitHealthy(ctx, cli, def, files, options.timeoutSeconds ?? def.startTimeout, started);
  return result(false);
}

async function waitHealthy(ctx: Context, cli: ComposeCli, def: ServiceDefinition, files: string[], timeoutSeconds: number, started: number): Promise<void> {
  const deadline = started + timeoutSeconds * 1000;
  const url = healthUrl(def);
  for (let round = 0; ; round++) {
    const waited = Math.round((ctx.clock.now() - started) / 1000);
    ctx.ui.status(`Waiting for ${def.name} at ${url} (${waited} s of ${timeoutSeconds} s)`);
    const answer = def.health ? await probe(ctx.http, url, 2000) : undefined;
    if (answer?.healthy) return;
    // Compose's view every few rounds: a crashed container fails now instead of at the deadline.
    if (!def.health || round % 3 === 2) {
      const status = describeStatus(def, await containersOf(ctx, cli, def, files), false);
      if (!def.health && status.healthy) return;
      const crashed = status.containers.length > 0 && status.containers.every((c) => c.state === 'exited' || c.state === 'dead');
      if (crashed) {
        const code = status.containers[0]?.exitCode;
        throw await withLogs(ctx, cli, def, files, `${def.name} stopped while starting${code !== undefined ? ` (exit code ${code})` : ''}`);
      }
    }
    if (ctx.clock.now() >= deadline) {
      const last = answer?.status ? ` (last answer: HTTP ${answer.status})` : '';
      throw await withLogs(ctx, cli, def, files, `${def.name} did not become healthy within ${timeoutSeconds} s${last}`);
    }
    await ctx.clock.sleep(POLL_MS, ctx.signal);
  }
}

/** A start failure with the service's own last log lines: usually the real reason is there. */
async function withLogs(ctx: Context, cli: ComposeCli, def: ServiceDefinition, files: string[], message: string): Promise<ServiceError> {
  ctx.ui.stopStatus();
  const logs = await cli.run(projectName(def.name), files, ['logs', '--no-color', '--tail', String(FAILURE_LOG_LINES)]);
  const lines = lastMeaningfulLines(`${logs.stdout}\n${logs.stderr}`, FAILURE_LOG_LINES).filter((l) => !/^Attaching to /.test(l));
  const shown = lines.length ? `\nlast log lines of ${def.name}:\n${lines.map((l) => `  ${l}`).join('\n')}` : '';
  return new ServiceError(`${message}${shown}`, {
    code: 'SERVICE_UNHEALTHY',
    hint: `it is left running so you can look: \`automarket service logs ${def.name}\`; stop it with \`automarket service stop ${def.name}\`${def.origin === 'config' ? `; raise services.${def.name}.startTimeout if it only needs longer` : '; --timeout <s> waits longer'}`,
    data: { service: def.name, logs: lines },
  });
}

export async function stopService(ctx: Context, def: ServiceDefinition): Promise<void> {
  const files = composeFiles(def);
  const cli = await composeFor(ctx);
  await ctx.ui.ready();
  ctx.ui.status(`Stopping ${def.name}`);
  // down removes containers and the network; named volumes (downloaded models) stay.
  await runCompose(ctx, cli, def, files, ['down', '--remove-orphans', '-t', '10'], `could not stop ${def.name}`);
  ctx.ui.stopStatus();
}

export interface LogOptions {
  tail: number;
  follow: boolean;
}

/** The service's log tail as text, or (follow) streamed to the terminal until Ctrl-C. */
export async function serviceLogs(ctx: Context, def: ServiceDefinition, options: LogOptions): Promise<string | undefined> {
  const files = composeFiles(def);
  const cli = await composeFor(ctx);
  const args = ['logs', '--no-color', '--tail', String(options.tail), ...(options.follow ? ['-f'] : [])];
  const project = projectName(def.name);
  trace(ctx, cli, project, files, args);
  if (options.follow) {
    const r = await cli.run(project, files, args, { inherit: true });
    if (r.exitCode !== 0) throw failure(ctx, def, r.stderr, `could not read the logs of ${def.name}`);
    return undefined;
  }
  const r = await cli.run(project, files, args);
  if (r.exitCode !== 0) throw failure(ctx, def, `${r.stderr}\n${r.stdout}`, `could not read the logs of ${def.name}`);
  return r.stdout
    .split(/\r?\n/)
    .filter((l) => l.trim() && !/^Attaching to /.test(l))
    .join('\n');
}
