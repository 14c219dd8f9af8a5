/**
 * The slice of the onnxruntime-web API the embedding core uses, declared structurally so the core
 * takes whatever `ort` module the caller loaded (the browser worker's WebGPU/WASM build, or Node's
 * in tests) and never imports the runtime itself.
 * @module
 */
import type { InferenceSession } from 'onnxruntime-web';

export interface OrtTensorLike {
  readonly dims: readonly number[];
  readonly data: unknown;
  dispose?(): void;
}

export type OrtTensorConstructor = new (type: 'float32', data: Float32Array, dims: readonly number[]) => OrtTensorLike;

export interface OrtValueMetadataLike {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type?: string;
  readonly shape?: ReadonlyArray<number | string>;
}

export interface OrtSessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata?: readonly OrtValueMetadataLike[];
  readonly outputMetadata?: readonly OrtValueMetadataLike[];
  run(feeds: Record<string, OrtTensorLike>): Promise<Record<string, OrtTensorLike>>;
  release?(): Promise<void>;
}

export type OrtSessionOptions = InferenceSession.SessionOptions;

export interface OrtModuleLike {
  Tensor: OrtTensorConstructor;
  InferenceSession: { create(model: Uint8Array, options?: OrtSessionOptions): Promise<OrtSessionLike> };
}
