/**
 * What an embedder's vectors depend on, as a string stored with every vector: the pipeline plan
 * re-embeds a track whose vector was made by another version. Computed from the manifest entry, so
 * hosts can plan without loading the model.
 *
 * The precision a model runs at (fp32, fp16, int8) is deliberately not part of it: the variants agree
 * within cosine 0.9996 (`npm run eval:int8`; int8's distance to fp32 is about 1 % of the distance
 * between two clips, nearest neighbours unchanged), so switching precision must not cost a DJ hours
 * of re-embedding a large library for no audible difference in recommendations.
 * @module
 */
import { BUILTIN_EMBEDDER_VERSION } from './builtin/builtinEmbedder';
import { CHUNKING_VERSION } from './chunking';
import { bundledManifest, poolLayerIndices, type InputContract, type ModelEntry, type OnnxModelEntry } from './manifest';
import { PROJECTION_VERSION } from './projection';

export function onnxEmbedderVersion(
  entry: OnnxModelEntry,
  contract: InputContract = bundledManifest.inputContract,
  layers: readonly number[] = poolLayerIndices(entry),
): string {
  return `${entry.id}/contract:v${contract.contractVersion}/chunks:v${CHUNKING_VERSION}/layers:${layers.join(',')}/proj:v${PROJECTION_VERSION}`;
}

/** The version of the embedder a manifest entry stands for (equal to that embedder's `version`). */
export function embedderVersion(entry: ModelEntry): string {
  return entry.kind === 'builtin' ? BUILTIN_EMBEDDER_VERSION : onnxEmbedderVersion(entry);
}
