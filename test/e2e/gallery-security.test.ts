/**
 * The gallery serves its assets and nothing else, to this machine only: `..`, absolute paths,
 * relative paths and symlinks pointing out are refused, foreign Host headers are refused, and the
 * socket listens on 127.0.0.1 alone (read from /proc/net/tcp, not from our own code).
 */
import { mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import sharp from 'sharp';
import { startCli, tempDir } from '../helpers/cli.js';

function get(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      })
      .on('error', reject);
  });
}

/** Local addresses of the listening TCP sockets on a port (IPv4 and IPv6 tables). */
function listeners(port: number): string[] {
  const found: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let text = '';
    try {
      text = readFileSync(table, 'utf8');
    } catch {
      continue;
    }
    for (const line of text.split('\n').slice(1)) {
      const cols = line.trim().split(/\s+/);
      if (cols.length < 4 || cols[3] !== '0A') continue; // 0A = LISTEN
      const [addr, hexPort] = cols[1]!.split(':');
      if (parseInt(hexPort!, 16) === port) found.push(addr!);
    }
  }
  return found;
}

describe('gallery server boundaries', () => {
  const root = tempDir('automarket-gallery-sec-');
  const out = path.join(root, 'out');
  const secret = path.join(root, 'secret.png');
  let base: string;
  let gallery: ReturnType<typeof startCli>;

  beforeAll(async () => {
    mkdirSync(out);
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#ff0000' } }).png().toFile(path.join(out, 'ok.png'));
    await sharp({ create: { width: 8, height: 8, channels: 3, background: '#000000' } }).png().toFile(secret);
    writeFileSync(path.join(root, 'notes.txt'), 'private');
    symlinkSync(secret, path.join(out, 'link-out.png'));
    symlinkSync(path.join(root), path.join(out, 'dir-link'));
    gallery = startCli(['gallery', '--port', '0', '--dir', out, '--json'], { cwd: root });
    base = await new Promise<string>((resolve, reject) => {
      gallery.stdout!.once('data', (chunk: Buffer) => resolve((JSON.parse(chunk.toString().split('\n')[0]!) as { url: string }).url));
      void gallery.then((r) => reject(new Error(r.stderr)));
    });
  });

  afterAll(async () => {
    gallery.kill('SIGINT');
    await gallery;
  });

  const file = (p: string) => `${base}file?path=${encodeURIComponent(p)}`;

  it('serves its own asset', async () => {
    const res = await get(file(path.join(out, 'ok.png')));
    expect(res.status).toBe(200);
  });

  it('lists only the assets inside the directory', async () => {
    const assets = JSON.parse((await get(`${base}api/assets`)).body) as Array<{ path: string }>;
    expect(assets.map((a) => path.basename(a.path))).toEqual(['ok.png']);
  });

  it.each([
    ['.. out of the directory', () => path.join(out, '..', 'secret.png')],
    ['a raw ../ in the path', () => `${out}/../notes.txt`],
    ['an absolute path elsewhere', () => '/etc/passwd'],
    ['a relative path', () => 'out/ok.png'],
    ['a symlink pointing out', () => path.join(out, 'link-out.png')],
    ['a symlinked directory pointing out', () => path.join(out, 'dir-link', 'secret.png')],
    ['a NUL byte', () => `${path.join(out, 'ok.png')}\0`],
  ])('refuses %s', async (_name, requested) => {
    const res = await get(file(requested()));
    expect(res.status).toBe(404);
    expect(res.body).not.toContain('private');
  });

  it('refuses a path smuggled past the router', async () => {
    expect((await get(`${base}../../etc/passwd`)).status).toBe(404);
    expect((await get(`${base}file/..%2f..%2fetc%2fpasswd`)).status).toBe(404);
  });

  it('refuses requests for another host name (DNS rebinding)', async () => {
    const res = await get(`${base}api/assets`, { Host: 'evil.example:80' });
    expect(res.status).toBe(403);
  });

  it('listens on 127.0.0.1 only', () => {
    const port = Number(new URL(base).port);
    expect(new URL(base).hostname).toBe('127.0.0.1');
    expect(listeners(port)).toEqual(['0100007F']); // 127.0.0.1, little-endian hex
  });
});
