import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { existsSync, mkdirSync } from 'node:fs';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'];

/**
 * Headless system Chromium with a working WebGPU adapter and no background network. The adapter is
 * SwiftShader (software, in every test) unless `gpu` asks for the machine's real GPU through Vulkan
 * (the GPU benchmark on a machine with no display).
 */
export async function launchChromium(options: { gpu?: boolean } = {}): Promise<Browser> {
  const executablePath = process.env.CHROMIUM_PATH ?? CANDIDATES.find((p) => existsSync(p));
  if (!executablePath) throw new Error('No Chromium found: install it with `apt-get install -y chromium` (npm test does this)');
  const adapter = options.gpu
    ? ['--enable-features=Vulkan,VulkanFromANGLE', '--use-angle=vulkan', '--use-vulkan', '--ignore-gpu-blocklist', '--disable-vulkan-surface']
    : ['--use-webgpu-adapter=swiftshader', '--enable-features=Vulkan'];
  return chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--enable-unsafe-webgpu',
      ...adapter,
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--disable-quic',
      '--no-first-run',
    ],
  });
}

/** A page with console errors collected (a test can assert there were none). */
/**
 * Open the app. Folder watching is off unless asked for: tests that change files and then Rescan
 * expect that scan's report, which a watcher's own scan could take first.
 */
export async function openApp(context: BrowserContext, baseUrl: string, { watchFolder = false } = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await context.newPage();
  // Playwright's waits (waitForSelector, locator actions) wait on the app's state; 30 s was too short
  // for a rescan plus render on a 2-core machine under a CPU hog. A longer limit costs nothing when
  // things work, and the test's own timeout still bounds a real hang.
  page.setDefaultTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(`console: ${msg.text()}`);
  });
  await page.goto(baseUrl);
  await page.waitForFunction(() => 'rbassist' in window);
  if (!watchFolder) await page.evaluate(() => (window as any).rbassist.watcher?.configure({ watch: false }));
  return { page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync('e2e/artifacts/screenshots', { recursive: true });
  await page.screenshot({ path: `e2e/artifacts/screenshots/${name}.png` });
}
