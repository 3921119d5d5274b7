/**
 * `automarket gallery`: a local web page of everything generated. Serves until Ctrl-C, which is
 * the normal way to stop it (exit 0).
 */
import path from 'node:path';
import { existsSync, statSync } from 'node:fs';
import type { Context } from '../context.js';
import { UsageError, ServiceError } from '../errors.js';
import { numberHint } from '../generate/options.js';
import { collectAssets } from '../gallery/collect.js';
import { AssetAccess } from '../gallery/access.js';
import { startGallery } from '../gallery/server.js';

export interface GalleryFlags {
  port?: string;
  open?: boolean;
  dir?: string[];
  json?: boolean;
}

/** A fixed default so a bookmark keeps working; `--port 0` picks any free port. */
export const DEFAULT_GALLERY_PORT = 7788;

export async function galleryCommand(ctx: Context, flags: GalleryFlags): Promise<void> {
  const port = parsePort(flags.port);
  const roots = await chooseRoots(ctx, flags.dir);
  const jobs = flags.dir?.length ? [] : ctx.journal.all();
  const collected = await collectAssets(jobs, roots);
  const access = await AssetAccess.create(collected, roots);
  const assets = access.filter(collected);

  let gallery;
  try {
    gallery = await startGallery({ assets, access, port });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
      throw new ServiceError(`Port ${port} on 127.0.0.1 is already in use`, { hint: 'choose another with --port <n> (--port 0 picks a free one)' });
    }
    throw err;
  }
  if (ctx.options.json) ctx.out(JSON.stringify({ url: gallery.url, assets: assets.length, roots }));
  else ctx.out(gallery.url);
  ctx.ui.note(`Serving ${assets.length} asset${assets.length === 1 ? '' : 's'} on 127.0.0.1 only. Ctrl-C stops it.`);
  if (flags.open) await openBrowser(ctx, gallery.url);

  await new Promise<void>((resolve) => {
    if (ctx.signal.aborted) return resolve();
    ctx.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  await gallery.close();
}

/** `--dir` given: exactly those. Otherwise the configured output directory, when it exists. */
async function chooseRoots(ctx: Context, dirs: string[] | undefined): Promise<string[]> {
  if (dirs?.length) {
    return dirs.map((d) => {
      const full = path.resolve(ctx.cwd, d);
      if (!existsSync(full)) throw new UsageError(`No such directory: ${d}`, { hint: 'pass an output directory that exists, e.g. --dir automarket-output' });
      if (!statSync(full).isDirectory()) throw new UsageError(`--dir ${d} is a file, not a directory`, { hint: `pass the directory that holds it, e.g. --dir ${path.dirname(d)}` });
      return full;
    });
  }
  const { config } = await ctx.config();
  const outputDir = path.resolve(ctx.cwd, config.output?.dir ?? 'automarket-output');
  return existsSync(outputDir) ? [outputDir] : [];
}

async function openBrowser(ctx: Context, url: string): Promise<void> {
  const [file, args] = process.platform === 'darwin' ? ['open', [url]] : process.platform === 'win32' ? ['cmd', ['/c', 'start', '', url]] : ['xdg-open', [url]];
  const result = await ctx.exec(file, args, { timeoutMs: 10_000, reject: false }).catch(() => undefined);
  if (!result || result.notFound || result.exitCode !== 0) ctx.ui.warn(`could not open a browser (${file}); open ${url} yourself`);
}

function parsePort(value: string | undefined): number {
  if (value === undefined) return DEFAULT_GALLERY_PORT;
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= 0 && n <= 65535)) throw new UsageError(`Bad --port "${value}": expected a port number from 0 to 65535`, { hint: `${numberHint('--port', 'a port from 0 to 65535', DEFAULT_GALLERY_PORT)} (0 takes any free port)` });
  return n;
}
