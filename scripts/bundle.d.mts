// Types for the e2e tests that check what `npm run bundle` built.
export interface LauncherPlatform {
  npm: string;
  binary: string;
  launcher: string;
  format: 'PE' | 'Mach-O' | 'ELF';
  arch: 'x64' | 'arm64';
}
export const LAUNCHER_NODE_VERSION: string;
export const LAUNCHER_PLATFORMS: Record<'win-x64' | 'macos-arm64' | 'macos-x64' | 'linux-x64', LauncherPlatform>;
/** Path of the cached Node binary for a platform (fetched with `npm pack` when missing). */
export function nodeBinary(platform: keyof typeof LAUNCHER_PLATFORMS): string;
