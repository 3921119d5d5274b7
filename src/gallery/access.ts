/**
 * What the gallery may serve: the exact files it listed, and nothing else. A request names a
 * path; it is served only when its real path (symlinks resolved) is one of the listed assets, so
 * `..`, absolute paths and symlinks that point out of the output directories are all refused.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { GalleryAsset } from './collect.js';

export class AssetAccess {
  private readonly allowed = new Map<string, GalleryAsset>();
  private readonly realRoots: string[] = [];

  static async create(assets: GalleryAsset[], roots: string[]): Promise<AssetAccess> {
    const access = new AssetAccess();
    for (const root of roots) {
      const real = await fs.realpath(root).catch(() => undefined);
      if (real) access.realRoots.push(real);
    }
    for (const asset of assets) {
      const real = await fs.realpath(asset.path).catch(() => undefined);
      if (!real) continue;
      // A directory file that is a symlink out of its root is not an asset of that root.
      const fromRoot = roots.length > 0 && access.realRoots.some((r) => asset.path.startsWith(r + path.sep));
      if (fromRoot && !access.realRoots.some((r) => real.startsWith(r + path.sep))) continue;
      access.allowed.set(real, asset);
    }
    return access;
  }

  /** The asset a requested path names, or undefined when it is not one of ours. */
  async resolve(requested: string): Promise<{ real: string; asset: GalleryAsset } | undefined> {
    if (!requested || requested.includes('\0') || !path.isAbsolute(requested)) return undefined;
    const real = await fs.realpath(path.resolve(requested)).catch(() => undefined);
    if (!real) return undefined;
    const asset = this.allowed.get(real);
    return asset ? { real, asset } : undefined;
  }

  /** The assets left after dropping any that are not servable (symlinks out). */
  filter(assets: GalleryAsset[]): GalleryAsset[] {
    const servable = new Set(this.allowed.values());
    return assets.filter((a) => servable.has(a));
  }
}
