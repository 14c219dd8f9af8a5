/**
 * What an analyze run uses, from the command line and the app's defaults (src/app/settings.ts):
 * a preset ("fast", "quality") or a sampling profile (built-in name or a JSON file), the embedding
 * model, and for ONNX models where the model file is.
 * @module
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEFAULT_SETTINGS, PRESETS } from '../../src/core/settings';
import { bundledManifest, findModel, findVariant, type Precision } from '../../src/core/embedding/manifest';
import { BUILT_IN_PROFILES, builtInProfile, validateProfile, type SamplingProfile } from '../../src/core/sampling';
import { embeddingChoice, pipelineFor, type Pipeline } from '../../src/core/analysis/pipeline';
import { CliError, describeFsError } from '../errors';
import type { EmbeddingSetup } from './protocol';
import { errorMessage } from '../../src/core/errors';

export interface RunSettings {
  profile: SamplingProfile;
  embedding: EmbeddingSetup;
  bpmRange: { minBpm: number; maxBpm: number };
  /** The pipeline these settings make (what is stale, how requests are built). */
  pipeline: Pipeline;
}

export interface RunOptions {
  profile?: string;
  model?: string;
  modelFile?: string;
  precision?: string;
}

function profileFromFile(path: string): SamplingProfile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    const reason = error instanceof SyntaxError ? `it is not valid JSON (${error.message})` : describeFsError(error);
    throw new CliError(`Cannot read the sampling profile ${path}: ${reason}.`, 2);
  }
  const check = validateProfile(parsed);
  if (!check.ok) throw new CliError(`The sampling profile ${path} is invalid: ${check.reason.join('; ')}.`, 2);
  return check.value;
}

function chooseProfile(name: string): SamplingProfile {
  if (name.endsWith('.json')) return profileFromFile(resolve(name));
  if (!BUILT_IN_PROFILES[name]) {
    throw new CliError(
      `Unknown profile "${name}". Use a preset (${Object.keys(PRESETS).join(', ')}), a sampling profile (${Object.keys(BUILT_IN_PROFILES).join(', ')}) or a profile .json file.`,
      2,
    );
  }
  return builtInProfile(name);
}

function chooseEmbedding(modelId: string, options: RunOptions, stateDir: string): EmbeddingSetup {
  let entry;
  try {
    entry = findModel(bundledManifest, modelId);
  } catch (error) {
    throw new CliError(errorMessage(error), 2);
  }
  if (entry.kind === 'builtin') {
    if (options.modelFile) throw new CliError(`--model-file is for ONNX models; ${entry.id} is built in.`, 2);
    return { kind: 'builtin', modelId: entry.id };
  }
  const precision = (options.precision ?? 'fp32') as Precision;
  if (precision !== 'fp32' && precision !== 'fp16' && precision !== 'int8')
    throw new CliError(`--precision must be fp32, fp16 or int8, not "${options.precision}".`, 2);
  const variant = entry.variants.find((v) => v.precision === precision);
  if (!variant) throw new CliError(`${entry.name} has no ${precision} variant (it has ${entry.variants.map((v) => v.precision).join(', ')}).`, 2);
  const path = resolve(options.modelFile ?? join(stateDir, 'models', findVariant(entry, precision).file));
  if (!existsSync(path)) {
    throw new CliError(
      options.modelFile
        ? `The model file ${path} does not exist.`
        : `${entry.name} is not installed: put ${variant.file} in ${join(stateDir, 'models')}/ or pass --model-file <path> (export it with models/export_mert.py).`,
    );
  }
  return { kind: 'onnx', modelId: entry.id, model: { modelId: entry.id, precision, path }, sampleRate: bundledManifest.inputContract.sampleRate };
}

export function resolveRunSettings(options: RunOptions, stateDir: string): RunSettings {
  const preset = options.profile && options.profile in PRESETS ? PRESETS[options.profile as keyof typeof PRESETS] : undefined;
  const profileName = preset?.profileName ?? options.profile ?? DEFAULT_SETTINGS.profileName;
  const modelId = options.model ?? preset?.modelId ?? DEFAULT_SETTINGS.modelId;
  const profile = chooseProfile(profileName);
  const embedding = chooseEmbedding(modelId, options, stateDir);
  const bpmRange = DEFAULT_SETTINGS.bpmRange;
  const pipeline = pipelineFor({ profile, analyzers: { bpm: bpmRange }, embedding: embeddingChoice(findModel(bundledManifest, embedding.modelId)) });
  return { profile, embedding, bpmRange, pipeline };
}
