import type { KeyNotation } from '../core/music/keys';
import { BUILT_IN_PROFILES, builtInProfile, DEFAULT_PROFILE_NAME, validateProfile, type SamplingProfile } from '../core/sampling';
import type { RbassistDb } from '../storage/db';
import { rememberDownloadOrigin } from './contentSecurity';
import { Store } from './store';

/** Everything the DJ can set, with defaults that work on a fresh install (no model download). */
export interface Settings {
  /** Name of the sampling profile in use (built-in or one of `customProfiles`). */
  profileName: string;
  customProfiles: SamplingProfile[];
  modelId: string;
  device: 'auto' | 'webgpu' | 'wasm';
  precision: 'auto' | 'fp32' | 'fp16' | 'int8';
  modelDownloadBaseUrl: string;
  keyNotation: KeyNotation;
  bpmRange: { minBpm: number; maxBpm: number };
  /** When a file's own BPM/key tags disagree with the analysis, show the tags (default: analysis). */
  preferTaggedValues: boolean;
  /** Absolute path of the music folder on this computer, for Rekordbox Locations (D:\Music, /Volumes/Music). */
  musicFolderPath: string;
  commentTemplate: string;
  /** Decode workers; 0 = from the number of CPU cores. */
  decodeWorkers: number;
}

export const DEFAULT_SETTINGS: Settings = {
  profileName: DEFAULT_PROFILE_NAME,
  customProfiles: [],
  modelId: 'builtin-dsp',
  device: 'auto',
  precision: 'auto',
  modelDownloadBaseUrl: '',
  keyNotation: 'camelot',
  bpmRange: { minBpm: 70, maxBpm: 180 },
  preferTaggedValues: false,
  musicFolderPath: '',
  commentTemplate: '{camelot} - Energy {energy}',
  decodeWorkers: 0,
};

/**
 * Presets: a sampling profile and an embedding model that go together (the CLI's --profile accepts
 * their names too). The app ticks the one matching the settings in use (src/app/presets.ts).
 */
export const PRESETS = {
  fast: { profileName: 'baseline_75s', modelId: 'builtin-dsp' },
  standard: { profileName: DEFAULT_PROFILE_NAME, modelId: 'builtin-dsp' },
  quality: { profileName: 'club_hifi_150s', modelId: 'mert-v1-95m' },
} as const satisfies Record<string, Pick<Settings, 'profileName' | 'modelId'>>;

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
