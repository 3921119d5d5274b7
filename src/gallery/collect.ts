/**
 * What the gallery shows: every asset the job journal knows, plus the media files (and their
 * sidecars) under the output directories it was given. Files that no longer exist are left out.
 */
import { promises as fs, type Dirent } from 'node:fs';
import path from 'node:path';
import type { JobRecord } from '../jobs/journal.js';
import { mediaTypeForExtension } from '../assets/sniff.js';
import type { Kind } from '../kinds.js';
import { reproduceCommand } from './reproduce.js';

export interface GalleryAsset {
  id: string;
  path: string;
  kind: Kind;
  mediaType: string;
  bytes: number;
  prompt?: string;
  provider?: string;
  model?: string;
  seed?: number;
  costUsd?: number;
  createdAt?: string;
  elapsedMs?: number;
  width?: number;
  height?: number;
  durationSeconds?: number;
  /** Assets made by one request to several models (`-m a,b,c`) or one batch share a group. */
  group?: string;
  command?: string;
}

/** How deep a directory is walked: output dirs are shallow; this stops a mistaken `--dir /`. */
const MAX_DEPTH = 4;
const MAX_FILES = 20_000;

export async function collectAssets(jobs: JobRecord[], roots: string[]): Promise<GalleryAsset[]> {
  const byPath = new Map<string, GalleryAsset>();
  for (const job of jobs) {
    for (const out of job.outputs ?? []) {
      if (!out.path || byPath.has(out.path)) continue;
      const asset = await describeFile(out.path, {
        prompt: job.prompt,
        provider: job.provider,
        model: job.model,
        costUsd: job.costUsd,
        createdAt: job.createdAt,
        group: job.groupId ?? job.batchId,
        mediaType: out.mediaType,
      });
      if (asset) byPath.set(out.path, asset);
    }
  }
  for (const root of roots) {
    for (const file of await listMediaFiles(root)) {
      if (byPath.has(file)) continue;
      const asset = await describeFile(file, {});
      if (asset) byPath.set(file, asset);
    }
  }
  const assets = [...byPath.values()].sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? '') || a.path.localeCompare(b.path));
  assets.forEach((a, i) => (a.id = String(i + 1)));
  return assets;
}

/** Media files under root (not following symlinks out of it; sidecars excluded). */
export async function listMediaFiles(root: string): Promise<string[]> {
  const found: string[] = [];
  const realRoot = await fs.realpath(root).catch(() => undefined);
  if (!realRoot) return found;
  async function walk(dir: string, depth: number): Promise<void> {
    if (depth > MAX_DEPTH || found.length >= MAX_FILES) return;
    let entries: Dirent[];
    try {
      entries = await fs.readdir(dir, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full, depth + 1);
      else if ((entry.isFile() || entry.isSymbolicLink()) && mediaTypeOf(full) && !full.endsWith('.json')) found.push(full);
    }
  }
  await walk(realRoot, 0);
  return found;
}

function mediaTypeOf(file: string): string | undefined {
  const ext = path.extname(file).slice(1).toLowerCase();
  return ext ? mediaTypeForExtension(ext) : undefined;
}

function kindOf(mediaType: string): Kind | undefined {
  const top = mediaType.split('/')[0];
  if (top === 'image' || top === 'video' || top === 'audio') return top;
  if (top === 'text' || mediaType === 'application/json' || mediaType === 'application/x-subrip') return 'text';
  return undefined;
}

interface Known {
  prompt?: string;
  provider?: string;
  model?: string;
  costUsd?: number;
  createdAt?: string;
  group?: string;
  mediaType?: string;
}

async function describeFile(file: string, known: Known): Promise<GalleryAsset | undefined> {
  const stat = await fs.stat(file).catch(() => undefined);
  if (!stat?.isFile()) return undefined;
  const sidecar = await readSidecar(file);
  const mediaType = stringOr(sidecar.mediaType) ?? known.mediaType ?? mediaTypeOf(file);
  const kind = mediaType ? kindOf(mediaType) : undefined;
  if (!mediaType || !kind) return undefined;
  const asset: GalleryAsset = {
    id: '',
    path: file,
    kind,
    mediaType,
    bytes: stat.size,
    prompt: stringOr(sidecar.prompt) ?? known.prompt,
    provider: stringOr(sidecar.provider) ?? known.provider,
    model: stringOr(sidecar.model) ?? known.model,
    seed: numberOr(sidecar.seed),
    costUsd: numberOr(sidecar.costUsd) ?? known.costUsd,
    createdAt: stringOr(sidecar.createdAt) ?? known.createdAt ?? stat.mtime.toISOString(),
    elapsedMs: numberOr(sidecar.elapsedMs),
    width: numberOr(sidecar.width),
    height: numberOr(sidecar.height),
    durationSeconds: numberOr(sidecar.durationSeconds),
    group: stringOr(sidecar.groupId) ?? stringOr(sidecar.batchId) ?? known.group,
  };
  asset.command = reproduceCommand(asset, sidecar);
  return asset;
}

async function readSidecar(file: string): Promise<Record<string, unknown>> {
  try {
    const parsed: unknown = JSON.parse(await fs.readFile(`${file}.json`, 'utf8'));
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

function stringOr(v: unknown): string | undefined {
  return typeof v === 'string' && v !== '' ? v : undefined;
}

function numberOr(v: unknown): number | undefined {
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
