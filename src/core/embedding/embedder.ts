/** What every embedder (built-in DSP or an ONNX model) offers the pipeline. */
export interface Embedder {
  readonly modelId: string;
  /** Changes whenever the vectors would change (model, feature version, projection version). */
  readonly version: string;
  /** One 256-d, unit-length vector for a track from its sampled mono windows. */
  embed(windows: readonly Float32Array[], sampleRate: number): Promise<Float32Array>;
}
