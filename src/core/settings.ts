/**
 * The settings both hosts share: what the DJ can set, the defaults of a fresh install, and the
 * presets. The browser keeps them in IndexedDB (src/app/settings.ts); the CLI reads its flags over
 * the same defaults (cli/analysis/runSettings.ts).
 * @module
 */
import { DEFAULT_CUE_TEMPLATE, type CueMode, type CueTemplate } from './cues';
import type { KeyNotation } from './music/keys';
import { DEFAULT_PROFILE_NAME, type SamplingProfile } from './sampling';

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
  /** Which structure boundary each auto hot cue A–H and memory cue marks (a built-in template or the DJ's edit of one). */
  cueTemplate: CueTemplate;
  /** Cues in the rekordbox export: imported + auto cues in empty slots, imported only, or none. */
  cueMode: CueMode;
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
  cueTemplate: DEFAULT_CUE_TEMPLATE,
  cueMode: 'auto',
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
