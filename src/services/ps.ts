/**
 * Reads `compose ps` output into one shape. Compose v2 prints JSON (`--format json`: a JSON array
 * before 2.21, one object per line since); Compose v1 only prints a text table, whose State column
 * ("Up (healthy)", "Exit 1") we pick out after the two-space column gaps.
 */
export type ContainerState = 'running' | 'exited' | 'restarting' | 'paused' | 'created' | 'dead' | 'removing' | 'unknown';
export type ContainerHealth = 'healthy' | 'unhealthy' | 'starting' | 'none';

export interface ContainerInfo {
  name: string;
  service?: string;
  state: ContainerState;
  health: ContainerHealth;
  exitCode?: number;
  /** Published ports, as `host:port->container/proto` text. */
  ports: string[];
}

export function parsePsV2(stdout: string): ContainerInfo[] {
  const text = stdout.trim();
  if (!text) return [];
  let items: unknown[];
  if (text.startsWith('[')) items = JSON.parse(text) as unknown[];
  else items = text.split(/\r?\n/).filter((l) => l.trim().startsWith('{')).map((l) => JSON.parse(l) as unknown);
  return items.map((raw) => {
    const item = raw as Record<string, unknown>;
    const state = normaliseState(String(item.State ?? ''));
    const health = normaliseHealth(String(item.Health ?? ''), String(item.Status ?? ''));
    const publishers = Array.isArray(item.Publishers) ? (item.Publishers as Array<Record<string, unknown>>) : [];
    const ports = publishers
      .filter((p) => Number(p.PublishedPort) > 0)
      .map((p) => `${String(p.URL ?? '0.0.0.0')}:${String(p.PublishedPort)}->${String(p.TargetPort)}/${String(p.Protocol ?? 'tcp')}`);
    const info: ContainerInfo = { name: String(item.Name ?? ''), state, health, ports };
    if (item.Service !== undefined) info.service = String(item.Service);
    if (typeof item.ExitCode === 'number' && state === 'exited') info.exitCode = item.ExitCode;
    return info;
  });
}

const V1_ROW = /^(\S+)\s{2,}.*?\s{2,}(Up(?: \([^)]*\))?|Exit -?\d+|Restarting|Paused|Created|Dead|Removing)(?:\s{2,}(.*?))?\s*$/;

/** `project` lets us take the service name out of v1's `<project>_<service>_<n>` container names. */
export function parsePsV1(stdout: string, project?: string): ContainerInfo[] {
  const lines = stdout.split(/\r?\n/);
  const rule = lines.findIndex((l) => /^-{5,}\s*$/.test(l));
  const rows = rule === -1 ? lines : lines.slice(rule + 1);
  const out: ContainerInfo[] = [];
  for (const line of rows) {
    const m = V1_ROW.exec(line);
    if (!m) continue;
    const stateText = m[2]!;
    const info: ContainerInfo = {
      name: m[1]!,
      state: normaliseState(stateText),
      health: normaliseHealth('', stateText),
      ports: (m[3] ?? '').split(/,\s*/).map((p) => p.trim()).filter(Boolean),
    };
    const rest = project && info.name.startsWith(`${project}_`) ? info.name.slice(project.length + 1) : info.name.replace(/^[^_]+_/, '');
    const service = /^(.+)_\d+$/.exec(rest)?.[1];
    if (service) info.service = service;
    const exit = /^Exit (-?\d+)/.exec(stateText);
    if (exit) info.exitCode = Number(exit[1]);
    out.push(info);
  }
  return out;
}

function normaliseState(text: string): ContainerState {
  const t = text.toLowerCase();
  if (t.startsWith('up') || t === 'running') return 'running';
  if (t.startsWith('exit')) return 'exited';
  for (const s of ['restarting', 'paused', 'created', 'dead', 'removing'] as const) if (t.startsWith(s)) return s;
  return 'unknown';
}

function normaliseHealth(health: string, status: string): ContainerHealth {
  const h = health.toLowerCase() || (/\((healthy|unhealthy|health: starting)\)/i.exec(status)?.[1] ?? '').toLowerCase();
  if (h === 'healthy') return 'healthy';
  if (h === 'unhealthy') return 'unhealthy';
  if (h === 'starting' || h === 'health: starting') return 'starting';
  return 'none';
}

/** One container as `docker ps` sees it, with the Compose labels that name its project. */
export interface LabelledContainer extends ContainerInfo {
  project: string;
}

/** The format `docker ps` is run with for `service list` (one call for every project at once). */
export const DOCKER_PS_FORMAT = '{{.Label "com.docker.compose.project"}}\t{{.Label "com.docker.compose.service"}}\t{{.Names}}\t{{.Status}}';

/** Parses `docker ps -a --format DOCKER_PS_FORMAT`; Status reads "Up 3 minutes (healthy)", "Exited (1) 2 hours ago". */
export function parseDockerPs(stdout: string): LabelledContainer[] {
  return stdout
    .split(/\r?\n/)
    .filter((l) => l.includes('\t'))
    .map((line) => {
      const [project = '', service = '', name = '', status = ''] = line.split('\t');
      const state = normaliseState(status);
      const info: LabelledContainer = { project, name, state, health: normaliseHealth('', status), ports: [] };
      if (service) info.service = service;
      const exit = /^Exited \((-?\d+)\)/.exec(status);
      if (exit) info.exitCode = Number(exit[1]);
      return info;
    });
}
