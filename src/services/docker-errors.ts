/**
 * Turns Docker's and Compose's error output into one clear line and a fix. The messages differ
 * between the docker CLI, Compose v2 (Go) and Compose v1 (a Python traceback), so each case matches
 * every spelling we know of.
 */
import { AutomarketError, ConfigError, ServiceError } from '../errors.js';

const ENGINE_DOWN = [
  /Cannot connect to the Docker daemon/i,
  /Couldn't connect to Docker daemon/i,
  /Error while fetching server API version/i,
  /error during connect/i,
  /Is the docker daemon running/i,
  /docker\.sock: connect: (no such file|connection refused|permission denied)/i,
];

const PORT_TAKEN = [/port is already allocated/i, /address already in use/i, /bind: address already in use/i];

const PULL_FAILED = [
  /pull access denied/i,
  /manifest unknown/i,
  /manifest for \S+ not found/i,
  /repository does not exist/i,
  /failed to resolve reference/i,
  /error pulling image/i,
  /toomanyrequests/i,
  /Get "?https?:\/\/[^\s"]+"?: (dial tcp|net\/http|context deadline)/i,
  /no such host/i,
  /TLS handshake timeout/i,
];

const FILE_INVALID = [/is invalid because/i, /yaml\.(parser|scanner)\./i, /yaml: line \d+/i, /validating .*docker-compose/i, /Unsupported config option/i, /additional properties? .* not allowed/i];

export interface FailureContext {
  service?: string;
  composeFile?: string;
  dockerHost?: string;
}

/** The most telling lines of a failure: tracebacks and blank lines removed, the last few kept. */
export function lastMeaningfulLines(output: string, count = 3): string[] {
  const lines = output
    .split(/\r?\n/)
    .map((l) => l.trimEnd())
    .filter((l) => l.trim() && !/^\s*(Traceback|File "|\^+$|During handling)/.test(l) && !/^\s{2,}\S/.test(l));
  return lines.slice(-count);
}

export function classifyDockerFailure(output: string, fallback: string, context: FailureContext = {}): AutomarketError {
  const where = context.service ? ` for ${context.service}` : '';
  if (ENGINE_DOWN.some((re) => re.test(output))) {
    const host = context.dockerHost ? ` at ${context.dockerHost}` : '';
    return new ServiceError(`The Docker engine is not running or not reachable${host}`, {
      code: 'DOCKER_DOWN',
      hint: context.dockerHost
        ? 'start Docker there, or fix DOCKER_HOST (unset it to use the local engine)'
        : 'start Docker (`sudo systemctl start docker`, or open Docker Desktop), or point DOCKER_HOST / `docker context use` at a running engine',
    });
  }
  if (PORT_TAKEN.some((re) => re.test(output))) {
    const port = /(?:[\d.]+:)?(\d{2,5})(?: failed|: bind|\b.*already allocated)/.exec(output)?.[1];
    return new ServiceError(`Port ${port ?? '(unknown)'} is already taken by another program${where}`, {
      code: 'PORT_TAKEN',
      hint: 'stop the program that uses it (`ss -ltnp` or `lsof -i` shows which), or change the published port in the compose file and the service url',
      data: port ? { port: Number(port) } : undefined,
    });
  }
  if (PULL_FAILED.some((re) => re.test(output))) {
    const image = [/Pulling \S+ \(([^)]+)\)/, /pull access denied for ([^\s,]+)/, /manifest for (\S+) not found/, /failed to resolve reference "([^"]+)"/, /error pulling image "?([^\s":]+(?::[^\s"]+)?)/]
      .map((re) => re.exec(output)?.[1])
      .find(Boolean);
    return new ServiceError(`The image ${image ?? ''}${image ? ' ' : ''}cannot be pulled${where}: ${lastMeaningfulLines(output, 1)[0] ?? ''}`.trim(), {
      code: 'IMAGE_PULL',
      hint: 'check the network and the image name; for a private registry run `docker login` first',
      data: image ? { image } : undefined,
    });
  }
  if (FILE_INVALID.some((re) => re.test(output))) {
    const detail = lastMeaningfulLines(output, 2).join(' ');
    const file = context.composeFile && !detail.includes(context.composeFile) ? ` (${context.composeFile})` : '';
    return new ConfigError(`The compose file${where}${file} is not valid: ${detail}`, {
      code: 'COMPOSE_FILE',
      hint: 'fix the compose file (`docker compose config` shows the problem)',
    });
  }
  const detail = lastMeaningfulLines(output, 3).join(' | ');
  return new ServiceError(`${fallback}${detail ? `: ${detail}` : ''}`, { code: 'COMPOSE', hint: 'run with --verbose to see the compose command' });
}
