/**
 * Public API of the embedding core, for the embed worker, the decode workers (built-in embedder)
 * and the app layer. No DOM, no runtime import of onnxruntime: callers pass their `ort` module.
 * @module
 */
export type { Embedder } from './embedder';
export { embedderVersion, onnxEmbedderVersion } from './embedderVersion';
export { bundledManifest, findModel, findOnnxModel, findVariant, MODEL_CONTRACT_VERSION, parseModelManifest, poolLayerIndices } from './manifest';
export type { BuiltinModelEntry, InputContract, ModelEntry, ModelManifest, ModelVariant, OnnxModelEntry, Precision } from './manifest';
export { CHUNK_SAMPLES, chunkWindow, chunkWindows } from './chunking';
export type { Chunk, ChunkingOptions } from './chunking';
export { normalizeChunk, normalizeChunkInto } from './normalize';
export { meanVector, poolChunks, poolLayerMeans } from './pooling';
export { EMBEDDING_DIMENSIONS, PROJECTION_VERSION, l2Normalize, project, projectionMatrix, toEmbedding } from './projection';
export { BatchSizeTuner, isOutOfMemoryError } from './batchTuner';
export { checkModelBytes, sha256Hex } from './modelFile';
export { ModelRejectedError, checkSessionSignature, createValidatedSession, probeSession } from './modelValidation';
export type { LoadModelRequest } from './modelValidation';
export { OnnxEmbedder } from './onnxEmbedder';
export type { OnnxEmbedderOptions } from './onnxEmbedder';
export type { OrtModuleLike, OrtSessionLike, OrtSessionOptions, OrtTensorConstructor, OrtTensorLike } from './ortTypes';
export { BUILTIN_EMBEDDER_VERSION, BUILTIN_FEATURE_VERSION, BUILTIN_MODEL_ID, BuiltinDspEmbedder, embedBuiltin } from './builtin/builtinEmbedder';
