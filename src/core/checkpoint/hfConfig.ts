/**
 * Reads a Hugging Face `config.json` and accepts it only if it describes a MERT/HuBERT model the
 * project's graph builder reproduces exactly; everything else is refused with what is wrong.
 * @module
 */
import type { MertShapeConfig } from '../../../models/mertShapedModel';
import { CheckpointError } from './byteSource';

/** model_type values of the HuBERT family (MERT-v1 ships its own "mert_model" type on the HuBERT code). */
const HUBERT_TYPES = ['hubert', 'mert_model', 'mert'];

type Json = Record<string, unknown>;

function positiveInt(config: Json, key: string): number {
  const value = config[key];
  if (!Number.isInteger(value) || (value as number) < 1)
    throw new CheckpointError(`config.json: "${key}" must be a positive integer, got ${JSON.stringify(value)}`);
  return value as number;
}

function intArray(config: Json, key: string): number[] {
  const value = config[key];
  if (!Array.isArray(value) || value.length === 0 || !value.every((v) => Number.isInteger(v) && v > 0)) {
    throw new CheckpointError(`config.json: "${key}" must be a list of positive integers, got ${JSON.stringify(value)}`);
  }
  return value as number[];
}

function expect(config: Json, key: string, allowed: unknown[], fallback: unknown, why: string): unknown {
  const value = key in config ? config[key] : fallback;
  if (!allowed.includes(value)) throw new CheckpointError(`config.json: "${key}" is ${JSON.stringify(value)}; ${why}`);
  return value;
}

export function parseMertConfig(text: string): MertShapeConfig {
  let config: Json;
  try {
    config = JSON.parse(text) as Json;
  } catch {
    throw new CheckpointError('config.json is not valid JSON (download it again from the model page)');
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new CheckpointError('config.json does not hold a model configuration');
  const modelType = config.model_type;
  if (typeof modelType !== 'string' || !HUBERT_TYPES.includes(modelType)) {
    throw new CheckpointError(
      `config.json is for a ${JSON.stringify(modelType ?? 'unknown')} model, not MERT/HuBERT (model_type ${HUBERT_TYPES.map((t) => `"${t}"`).join(' or ')}): ` +
        'download config.json from m-a-p/MERT-v1-95M or m-a-p/MERT-v1-330M',
    );
  }
  expect(config, 'feature_extractor_cqt', [false], false, 'MERT with the CQT front end is not supported');
  expect(config, 'feat_extract_activation', ['gelu'], 'gelu', 'only GELU is supported (as in MERT-v1)');
  expect(config, 'hidden_act', ['gelu'], 'gelu', 'only GELU is supported (as in MERT-v1)');
  expect(config, 'feat_proj_layer_norm', [true], true, 'MERT-v1 normalises the conv features before the projection');
  expect(config, 'use_weighted_layer_sum', [false], false, 'a weighted layer sum is a fine-tuning head, not part of MERT-v1');
  const featExtractNorm = expect(config, 'feat_extract_norm', ['group', 'layer'], undefined, 'it must be "group" (MERT-v1-95M) or "layer" (MERT-v1-330M)') as
    'group' | 'layer';
  const stableLayerNorm = expect(config, 'do_stable_layer_norm', [true, false], false, 'it must be true or false') as boolean;
  const convBias = expect(config, 'conv_bias', [true, false], false, 'it must be true or false') as boolean;
  const convDims = intArray(config, 'conv_dim');
  const convKernels = intArray(config, 'conv_kernel');
  const convStrides = intArray(config, 'conv_stride');
  if (new Set(convDims).size !== 1)
    throw new CheckpointError(`config.json: conv layers of different widths (${convDims}) are not supported; MERT uses 512 throughout`);
  if (convKernels.length !== convDims.length || convStrides.length !== convDims.length) {
    throw new CheckpointError(
      `config.json: conv_dim, conv_kernel and conv_stride have different lengths (${convDims.length}, ${convKernels.length}, ${convStrides.length})`,
    );
  }
  if ('num_feat_extract_layers' in config && config.num_feat_extract_layers !== convDims.length) {
    throw new CheckpointError(
      `config.json: num_feat_extract_layers is ${JSON.stringify(config.num_feat_extract_layers)} but conv_dim lists ${convDims.length} layers`,
    );
  }
  const layerNormEpsilon = 'layer_norm_eps' in config ? config.layer_norm_eps : 1e-5;
  // The conv front end's norms use PyTorch's fixed 1e-5 whatever the config says; MERT-v1 uses 1e-5 everywhere.
  if (layerNormEpsilon !== 1e-5) throw new CheckpointError(`config.json: "layer_norm_eps" is ${JSON.stringify(layerNormEpsilon)}; MERT-v1 uses 1e-5`);
  const shape: MertShapeConfig = {
    hiddenSize: positiveInt(config, 'hidden_size'),
    layers: positiveInt(config, 'num_hidden_layers'),
    heads: positiveInt(config, 'num_attention_heads'),
    intermediateSize: positiveInt(config, 'intermediate_size'),
    convDim: convDims[0],
    convKernels,
    convStrides,
    featExtractNorm,
    stableLayerNorm,
    posConvKernel: positiveInt(config, 'num_conv_pos_embeddings'),
    posConvGroups: positiveInt(config, 'num_conv_pos_embedding_groups'),
    layerNormEpsilon: 1e-5,
    ...(convBias ? { convBias } : {}),
  };
  if (shape.hiddenSize % shape.heads !== 0)
    throw new CheckpointError(`config.json: hidden_size ${shape.hiddenSize} is not divisible by num_attention_heads ${shape.heads}`);
  if (shape.hiddenSize % shape.posConvGroups !== 0)
    throw new CheckpointError(`config.json: hidden_size ${shape.hiddenSize} is not divisible by num_conv_pos_embedding_groups ${shape.posConvGroups}`);
  return shape;
}
