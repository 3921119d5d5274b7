/**
 * The gallery in headless Chromium (Debian's, driven by playwright-core): the grid shows the
 * journal's assets, filters narrow it, the comparison view shows one prompt across three models,
 * a video plays, the keyboard moves between cards, and the page fits a phone. Screenshots of the
 * grid and the comparison view are saved under test-results/gallery/.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { ROOT, startCli, tempDir } from '../helpers/cli.js';
import { buildGalleryFixture } from '../helpers/gallery-fixture.js';

const SCREENSHOTS = path.join(ROOT, 'test-results', 'gallery');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

describe('gallery in a browser', () => {
  let browser: Browser;
  let page: Page;
  let url: string;
  let gallery: ReturnType<typeof startCli>;

  beforeAll(async () => {
    const fixture = await buildGalleryFixture(tempDir('automarket-gallery-'));
    gallery = startCli(['gallery', '--port', '0', '--json'], { env: { AUTOMARKET_HOME: fixture.home }, cwd: fixture.outputDir });
    url = await new Promise<string>((resolve, reject) => {
      let buffered = '';
      gallery.stdout!.on('data', (chunk: Buffer) => {
        buffered += chunk.toString();
        const line = buffered.split('\n')[0];
        if (buffered.includes('\n')) resolve((JSON.parse(line!) as { url: string }).url);
      });
      gallery.catch(reject);
      void gallery.then((r) => reject(new Error(`gallery exited: ${r.stderr}`)));
    });
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--autoplay-policy=no-user-gesture-required'],
    });
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    gallery?.kill('SIGINT');
    const result = await gallery;
    expect(result.exitCode).toBe(0);
  });

  beforeEach(async () => {
    page = await browser.newPage({ viewport: { width: 1200, height: 900 } });
    await page.goto(url);
    await page.waitForSelector('body[data-ready="true"]');
  });

  afterEach(async () => page.close());

  it('shows every asset of the journal in the grid', async () => {
    await expect(page.locator('#grid .card').count()).resolves.toBe(7);
    await expect(page.locator('#count').textContent()).resolves.toBe('7 of 7 assets');
    const first = page.locator('#grid .card', { hasText: 'fal-ai/flux/schnell' });
    await expect(first.locator('.meta').textContent()).resolves.toContain('seed 7');
    await expect(first.locator('.meta').textContent()).resolves.toContain('$0.0030');
    await expect(page.locator('#grid .card img').first().evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).resolves.toBeGreaterThan(0);
    await expect(page.locator('#grid pre').textContent()).resolves.toContain('hello there');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'grid.png'), fullPage: true });
  });

  it('narrows the grid by prompt text, kind, provider and model', async () => {
    await page.fill('#q', 'lighthouse');
    await expect(page.locator('#grid .card').count()).resolves.toBe(3);
    await page.selectOption('#provider', 'fal');
    await expect(page.locator('#grid .card').count()).resolves.toBe(2);
    await page.selectOption('#model', 'fal-ai/flux/dev');
    await expect(page.locator('#grid .card').count()).resolves.toBe(1);
    await page.fill('#q', '');
    await page.selectOption('#provider', '');
    await page.selectOption('#model', '');
    await page.selectOption('#kind', 'audio');
    await expect(page.locator('#grid .card').count()).resolves.toBe(1);
    await expect(page.locator('#grid audio').count()).resolves.toBe(1);
  });

  it('compares one prompt across three models', async () => {
    await page.click('#view-compare');
    await expect(page.locator('#grid').isVisible()).resolves.toBe(false);
    const groups = page.locator('#compare section.group');
    await expect(groups.count()).resolves.toBe(1);
    await expect(groups.locator('h2').textContent()).resolves.toBe('a lighthouse at dusk');
    const labels = await groups.locator('figcaption').allTextContents();
    expect(labels).toEqual(['fal:fal-ai/flux/dev', 'fal:fal-ai/flux/schnell', 'openai:gpt-image-1']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'compare.png'), fullPage: true });
  });

  it('plays a video', async () => {
    const video = page.locator('#grid video');
    await video.scrollIntoViewIfNeeded();
    await video.evaluate((v: HTMLVideoElement) => v.play());
    await page.waitForFunction(() => {
      const v = document.querySelector('#grid video') as HTMLVideoElement;
      return v.currentTime > 0.2 && v.videoWidth === 160;
    });
  });

  it('moves between cards with the arrow keys and opens one with Enter', async () => {
    await page.focus('#grid .card >> nth=0');
    await page.keyboard.press('ArrowRight');
    await expect(page.evaluate(() => document.activeElement?.getAttribute('data-id'))).resolves.toBe('2');
    await page.keyboard.press('Enter');
    await expect(page.locator('#detail').evaluate((d: HTMLDialogElement) => d.open)).resolves.toBe(true);
    await page.keyboard.press('Escape');
    await expect(page.locator('#detail').evaluate((d: HTMLDialogElement) => d.open)).resolves.toBe(false);
    await page.keyboard.press('/');
    await expect(page.evaluate(() => document.activeElement?.id)).resolves.toBe('q');
  });

  it('offers the command that makes an asset again', async () => {
    const button = page.locator('#grid .card', { hasText: 'fal-ai/flux/schnell' }).locator('button.copy');
    await expect(button.getAttribute('data-command')).resolves.toBe("automarket generate image 'a lighthouse at dusk' -m fal:fal-ai/flux/schnell --seed 7 --size 96x64");
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
    await button.click();
    await page.waitForFunction(() => document.querySelector('#count')?.textContent?.startsWith('Command copied'));
    await expect(page.evaluate(() => navigator.clipboard.readText())).resolves.toBe("automarket generate image 'a lighthouse at dusk' -m fal:fal-ai/flux/schnell --seed 7 --size 96x64");
  });

  it('fits a phone’s width without sideways scrolling', async () => {
    await page.setViewportSize({ width: 360, height: 740 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});
