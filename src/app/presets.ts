import { bundledManifest, type ModelManifest } from '../core/embedding/manifest';
import { PRESETS, type Settings } from './settings';
import { hasModelFile } from '../storage/modelStore';

/**
 * Presets set the sampling profile and the embedding model together. Which one is ticked follows
 * from the settings in use (never stored apart from them), and a preset is applied only after the
 * DJ has seen what it changes. A preset never switches to a model that is not installed: it says
 * how to get it and leaves the model as it is.
 */
export type PresetId = keyof typeof PRESETS;

export interface Preset {
  id: PresetId;
  label: string;
  profileName: string;
  modelId: string;
}

const LABELS: Record<PresetId, string> = { fast: 'Fast', standard: 'Standard (default)', quality: 'Quality' };

export const PRESET_LIST: readonly Preset[] = (Object.keys(PRESETS) as PresetId[]).map((id) => ({ id, label: LABELS[id], ...PRESETS[id] }));

/** The preset the settings in use match, or 'custom'. */
export function currentPreset(settings: Pick<Settings, 'profileName' | 'modelId'>): PresetId | 'custom' {
  return PRESET_LIST.find((p) => p.profileName === settings.profileName && p.modelId === settings.modelId)?.id ?? 'custom';
}

export interface PresetChange {
  setting: string;
  from: string;
  to: string;
}

export interface PresetPlan {
  preset: Preset;
  /** What applying changes, in words (empty when the preset is already in use). */
  changes: PresetChange[];
  /** The settings written on confirmation. */
  patch: Partial<Settings>;
  /** The preset's model when it is not installed: kept out of `patch`, with how to get it. */
  missingModel?: { modelId: string; name: string; howToGet: string };
}

function modelName(manifest: ModelManifest, id: string): string {
  return manifest.models.find((m) => m.id === id)?.name ?? id;
}

export function planPreset(
  settings: Pick<Settings, 'profileName' | 'modelId'>,
  presetId: PresetId,
  isInstalled: (modelId: string) => boolean,
  manifest: ModelManifest = bundledManifest,
): PresetPlan {
  const preset = PRESET_LIST.find((p) => p.id === presetId)!;
  const changes: PresetChange[] = [];
  const patch: Partial<Settings> = {};
  if (preset.profileName !== settings.profileName) {
    changes.push({ setting: 'Sampling profile', from: settings.profileName, to: preset.profileName });
    patch.profileName = preset.profileName;
  }
  let missingModel: PresetPlan['missingModel'];
  if (preset.modelId !== settings.modelId) {
    if (isInstalled(preset.modelId)) {
      changes.push({ setting: 'Embedding model', from: modelName(manifest, settings.modelId), to: modelName(manifest, preset.modelId) });
      patch.modelId = preset.modelId;
    } else {
      const name = modelName(manifest, preset.modelId);
      missingModel = {
        modelId: preset.modelId,
        name,
        howToGet: `${name} is not installed, so the model stays ${modelName(manifest, settings.modelId)}. Get it under "Embedding model": "Import checkpoint" converts the files from its Hugging Face page in this browser and uses it (or download from a URL or load the files exported with models/export_mert.py, then press "Use this model").`,
      };
    }
  }
  return { preset, changes, patch, missingModel };
}

/** Ids of the models usable now: the built-in ones, and ONNX models with a file in storage. */
export async function installedModelIds(manifest: ModelManifest = bundledManifest): Promise<Set<string>> {
  const installed = new Set<string>();
  for (const model of manifest.models) {
    if (model.kind !== 'onnx') installed.add(model.id);
    else if ((await Promise.all(model.variants.map((v) => hasModelFile(v.file)))).some(Boolean)) installed.add(model.id);
  }
  return installed;
}
