/**
 * The browser's settings service: the shared settings (src/core/settings.ts) kept in IndexedDB.
 * @module
 */
import { BUILT_IN_PROFILES, builtInProfile, DEFAULT_PROFILE_NAME, validateProfile, type SamplingProfile } from '../core/sampling';
import { DEFAULT_SETTINGS, type Settings } from '../core/settings';
import type { RbassistDb } from '../storage/db';
import { rememberDownloadOrigin } from './contentSecurity';
import { Store } from './store';

export { DEFAULT_SETTINGS, PRESETS, type Settings } from '../core/settings';

const KEY = 'app';

export class SettingsService {
  readonly store = new Store<Settings>(DEFAULT_SETTINGS);

  constructor(private readonly db: RbassistDb) {}

  async load(): Promise<void> {
    const saved = (await this.db.settings.get(KEY))?.value as Partial<Settings> | undefined;
    if (saved) {
      // The ticked preset used to be stored apart from the settings it stands for; it now follows them.
      const { preset: _stale, ...rest } = saved as Partial<Settings> & { preset?: unknown };
      this.store.set({ ...DEFAULT_SETTINGS, ...rest });
    }
  }

  async update(patch: Partial<Settings>): Promise<void> {
    this.store.set(patch);
    if (patch.modelDownloadBaseUrl !== undefined && typeof localStorage !== 'undefined') rememberDownloadOrigin(patch.modelDownloadBaseUrl);
    await this.db.settings.put({ key: KEY, value: this.store.get() });
  }

  /** The sampling profile in use; an invalid custom profile falls back to the default, loudly. */
  profile(): SamplingProfile {
    const { profileName, customProfiles } = this.store.get();
    const custom = customProfiles.find((p) => p.name === profileName);
    if (custom && validateProfile(custom).ok) return custom;
    return BUILT_IN_PROFILES[profileName] ? builtInProfile(profileName) : builtInProfile(DEFAULT_PROFILE_NAME);
  }
}
