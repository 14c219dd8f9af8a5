/**
 * A small builder for ONNX inference graphs: named nodes, initializers and typed graph inputs and
 * outputs, then serialisation (optionally with the large weights in a separate external-data file).
 * Precision is a property of the whole graph: in fp16 mode every float initializer and constant is
 * stored as float16; graph inputs/outputs stay float32 and are cast at the edges (the same
 * "keep IO types" convention the MERT export uses), so callers never handle float16 tensors.
 * int8 graphs are float32 graphs whose linear layers' weights are stored as int8 with one scale per
 * output column (symmetric, dynamic quantisation of the activations at run time, as onnxruntime's
 * quantize_dynamic does), for CPUs.
 * @module
 */
import { toFloat16Array } from './float16';
import {
  encodeOnnxFields,
  encodeOnnxModel,
  lengthDelimitedKey,
  OnnxAttributeType,
  OnnxDataType,
  type OnnxAttribute,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './onnxProto';

export type Precision = 'fp32' | 'fp16' | 'int8';

/** Typed attribute values (ONNX distinguishes 1 from 1.0, so the caller says which). */
export type AttributeValue = { f: number } | { i: number } | { ints: number[] } | { floats: number[] } | { s: string };

/** A tensor dimension: a fixed size or a symbolic (dynamic) name such as "batch". */
export type Dim = number | string;

const OPSET = 17; // LayerNormalization needs ≥ 17; onnxruntime-web 1.30 runs 17 on WASM and WebGPU
const IR_VERSION = 8; // the IR version that goes with opset 17

/** WebGPU's guaranteed storage buffers per shader stage: no node may bind more tensors than this. */
export const MAX_BOUND_TENSORS = 8;
/** Inputs per Concat node: inputs + output stay within MAX_BOUND_TENSORS with one to spare. */
export const MAX_CONCAT_INPUTS = 6;

export interface SerialisedModel {
  /** The .onnx file. */
  model: Uint8Array;
  /** The external-data file's content as consecutive pieces (empty when everything is inline). */
  externalData: Uint8Array[];
  externalDataBytes: number;
}

/**
 * A weight whose values are produced only when the model is streamed out (`serialiseStream`), so
 * that a converter holds one tensor at a time instead of the whole model.
 */
export interface DeferredWeight {
  deferred(): Promise<Float32Array>;
}

/** A model written in pieces: its exact size first, then its bytes in order. */
export interface StreamedModel {
  byteLength: number;
  chunks(): AsyncGenerator<Uint8Array>;
}

/** An initializer in the graph; deferred weights have their byte length but not yet their bytes. */
type Initializer = OnnxTensor & { deferred?: { byteLength: number; read(): Promise<Uint8Array> } };

export interface SerialiseOptions {
  producerVersion: string;
  docString?: string;
  metadata?: Record<string, string>;
  /** Move initializers of at least `externalThresholdBytes` into this file (name only, no folders). */
  externalDataFile?: string;
  externalThresholdBytes?: number;
}

function toBytes(view: ArrayBufferView): Uint8Array {
  return new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
}

function attribute(name: string, value: AttributeValue): OnnxAttribute {
  if ('f' in value) return { name, type: OnnxAttributeType.FLOAT, f: value.f };
  if ('i' in value) return { name, type: OnnxAttributeType.INT, i: value.i };
  if ('ints' in value) return { name, type: OnnxAttributeType.INTS, ints: value.ints };
  if ('floats' in value) return { name, type: OnnxAttributeType.FLOATS, floats: value.floats };
  return { name, type: OnnxAttributeType.STRING, s: new TextEncoder().encode(value.s) };
}

function valueInfo(name: string, elemType: number, dims: Dim[]): OnnxValueInfo {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) },
      },
    },
  };
}

export class GraphBuilder {
  private readonly nodes: OnnxNode[] = [];
  private readonly initializers: Initializer[] = [];
  private readonly inputs: OnnxValueInfo[] = [];
  private readonly outputs: OnnxValueInfo[] = [];
  private readonly names = new Set<string>();
  private readonly scalarCache = new Map<string, string>();
  private nodeCount = 0;
  private floatParameters = 0;

  constructor(
    readonly graphName: string,
    readonly precision: Precision,
  ) {}

  /** ONNX element type of float tensors inside the graph. */
  get floatType(): number {
    return this.precision === 'fp16' ? OnnxDataType.FLOAT16 : OnnxDataType.FLOAT;
  }

  private claim(name: string): string {
    if (this.names.has(name)) throw new Error(`Duplicate tensor name in graph: ${name}`);
    this.names.add(name);
    return name;
  }

  /**
   * A [in, out] matrix as int8 with a float32 scale per output column (symmetric: zero point 0):
   * column j's largest magnitude maps to 127. Deferred weights are quantised when streamed out; the
   * scale tensor follows its weight in the file, so one read serves both.
   */
  quantizedMatrix(name: string, values: Float32Array | DeferredWeight, dims: [number, number]): { weight: string; scale: string } {
    const [rows, columns] = dims;
    const quantise = (floats: Float32Array) => {
      if (floats.length !== rows * columns) throw new Error(`Weight ${name}: ${floats.length} values for dims [${dims}]`);
      const scale = new Float32Array(columns);
      for (let i = 0; i < floats.length; i++) scale[i % columns] = Math.max(scale[i % columns], Math.abs(floats[i]));
      for (let j = 0; j < columns; j++) scale[j] = scale[j] > 0 ? scale[j] / 127 : 1;
      const q = new Int8Array(floats.length);
      for (let i = 0; i < floats.length; i++) q[i] = Math.max(-127, Math.min(127, Math.round(floats[i] / scale[i % columns])));
      return { q, scale };
    };
    this.floatParameters += rows * columns;
    const weightTensor: Initializer = { name: this.claim(name), dims, dataType: OnnxDataType.INT8 };
    const scaleTensor: Initializer = { name: this.claim(`${name}_scale`), dims: [columns], dataType: OnnxDataType.FLOAT };
    if (values instanceof Float32Array) {
      const { q, scale } = quantise(values);
      weightTensor.rawData = toBytes(q);
      scaleTensor.rawData = toBytes(scale);
    } else {
      let pendingScale: Float32Array | null = null;
      weightTensor.deferred = {
        byteLength: rows * columns,
        read: async () => {
          const { q, scale } = quantise(await values.deferred());
          pendingScale = scale;
          return toBytes(q);
        },
      };
      scaleTensor.deferred = {
        byteLength: columns * 4,
        read: async () => {
          if (!pendingScale) throw new Error(`Scale of ${name} requested before its weight`);
          const scale = pendingScale;
          pendingScale = null;
          return toBytes(scale);
        },
      };
    }
    this.initializers.push(weightTensor, scaleTensor);
    return { weight: weightTensor.name, scale: scaleTensor.name };
  }

  /** A float32 graph input; returns the name of the same value in the graph's float precision. */
  floatInput(name: string, dims: Dim[]): string {
    this.inputs.push(valueInfo(this.claim(name), OnnxDataType.FLOAT, dims));
    return this.precision === 'fp16' ? this.op('Cast', [name], { to: { i: OnnxDataType.FLOAT16 } }, `${name}_fp16`) : name;
  }

  /** Expose `value` (graph precision) as a float32 graph output called `name`. */
  floatOutput(value: string, name: string, dims: Dim[]): void {
    this.op(this.precision === 'fp16' ? 'Cast' : 'Identity', [value], this.precision === 'fp16' ? { to: { i: OnnxDataType.FLOAT } } : {}, name);
    this.outputs.push(valueInfo(name, OnnxDataType.FLOAT, dims));
  }

  /** A float weight tensor, stored in the graph's precision (deferred: produced when streamed out). */
  weight(name: string, values: Float32Array | DeferredWeight, dims: number[]): string {
    const expected = dims.reduce((a, b) => a * b, 1);
    const encode = (floats: Float32Array) => {
      if (expected !== floats.length) throw new Error(`Weight ${name}: ${floats.length} values for dims [${dims}]`);
      return this.precision === 'fp16' ? toBytes(toFloat16Array(floats)) : toBytes(floats);
    };
    this.floatParameters += expected;
    const tensor: Initializer = { name: this.claim(name), dims, dataType: this.floatType };
    if (values instanceof Float32Array) tensor.rawData = encode(values);
    else tensor.deferred = { byteLength: expected * (this.precision === 'fp16' ? 2 : 4), read: async () => encode(await values.deferred()) };
    this.initializers.push(tensor);
    return name;
  }

  /** An int64 constant tensor (shapes, axes, slice bounds). */
  int64(name: string, values: number[], dims: number[] = [values.length]): string {
    const data = new BigInt64Array(values.map((v) => BigInt(v)));
    this.initializers.push({ name: this.claim(name), dims, dataType: OnnxDataType.INT64, rawData: toBytes(data) });
    return name;
  }

  /** A float scalar constant in graph precision (shared between uses). */
  scalar(value: number): string {
    const key = String(value);
    let name = this.scalarCache.get(key);
    if (!name) {
      name = `const_${this.scalarCache.size}`;
      this.weight(name, new Float32Array([value]), []);
      this.floatParameters -= 1; // a constant of the graph's maths, not a learned parameter
      this.scalarCache.set(key, name);
    }
    return name;
  }

  /** Add one node with `outputCount` outputs; returns their names. */
  opOutputs(opType: string, inputs: string[], outputCount: number, attributes: Record<string, AttributeValue> = {}): string[] {
    const index = this.nodeCount++;
    const outputs = Array.from({ length: outputCount }, (_, i) => this.claim(`${opType.toLowerCase()}_${index}_${i}`));
    this.nodes.push({
      name: `${opType}_${index}`,
      opType,
      input: inputs,
      output: outputs,
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return outputs;
  }

  /** Add one node; returns its (first) output name. */
  op(opType: string, inputs: string[], attributes: Record<string, AttributeValue> = {}, outputName?: string): string {
    const index = this.nodeCount++;
    const output = this.claim(outputName ?? `${opType.toLowerCase()}_${index}`);
    this.nodes.push({
      name: `${opType}_${index}`,
      opType,
      input: inputs,
      output: [output],
      attribute: Object.entries(attributes).map(([k, v]) => attribute(k, v)),
    });
    return output;
  }

  /**
   * Concat `values` along `axis` without any node binding more than MAX_BOUND_TENSORS tensors:
   * a tree of Concats of at most MAX_CONCAT_INPUTS inputs each. WebGPU allows 8 storage buffers
   * per shader stage, and a Concat kernel binds every input plus its output.
   */
  concat(values: string[], axis: number, outputName?: string): string {
    if (values.length === 0) throw new Error('concat: nothing to concatenate');
    let level = values;
    while (level.length > MAX_CONCAT_INPUTS) {
      const next: string[] = [];
      for (let i = 0; i < level.length; i += MAX_CONCAT_INPUTS) {
        const group = level.slice(i, i + MAX_CONCAT_INPUTS);
        next.push(group.length === 1 ? group[0] : this.op('Concat', group, { axis: { i: axis } }));
      }
      level = next;
    }
    return this.op('Concat', level, { axis: { i: axis } }, outputName);
  }

  /** Learned float parameters (weights and biases; not shape constants or scalar constants). */
  get parameterCount(): number {
    return this.floatParameters;
  }

  /** Total bytes of initializer data (the model's weight size). */
  get weightBytes(): number {
    return this.initializers.reduce((sum, t) => sum + (t.rawData?.byteLength ?? t.deferred?.byteLength ?? 0), 0);
  }

  private modelFields(options: SerialiseOptions): Omit<OnnxModel, 'graph'> {
    return {
      irVersion: IR_VERSION,
      producerName: 'rbassist',
      producerVersion: options.producerVersion,
      docString: options.docString ?? '',
      opsetImport: [{ domain: '', version: OPSET }],
      metadataProps: Object.entries(options.metadata ?? {})
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ key, value })),
    };
  }

  /**
   * The same bytes as `serialise` (weights inline), written one initializer at a time: deferred
   * weights are read only when their turn comes, so at most one is held. Field order follows
   * onnx.proto's declaration order, as protobufjs writes it.
   */
  serialiseStream(options: Omit<SerialiseOptions, 'externalDataFile' | 'externalThresholdBytes'>): StreamedModel {
    const { opsetImport, metadataProps, ...head } = this.modelFields(options);
    const modelHead = encodeOnnxFields('ModelProto', head);
    const modelTail = encodeOnnxFields('ModelProto', { opsetImport, metadataProps });
    const graphHead = encodeOnnxFields('GraphProto', { node: this.nodes, name: this.graphName });
    const graphTail = encodeOnnxFields('GraphProto', { input: this.inputs, output: this.outputs });
    const tensors = this.initializers.map((t) => {
      const header = encodeOnnxFields('TensorProto', { name: t.name, dims: t.dims, dataType: t.dataType });
      const rawLength = t.rawData?.byteLength ?? t.deferred!.byteLength;
      const rawKey = lengthDelimitedKey(9, rawLength);
      const tensorLength = header.byteLength + rawKey.byteLength + rawLength;
      return { t, header, rawKey, rawLength, key: lengthDelimitedKey(5, tensorLength), tensorLength };
    });
    const graphLength = graphHead.byteLength + graphTail.byteLength + tensors.reduce((sum, x) => sum + x.key.byteLength + x.tensorLength, 0);
    const graphKey = lengthDelimitedKey(7, graphLength);
    return {
      byteLength: modelHead.byteLength + graphKey.byteLength + graphLength + modelTail.byteLength,
      async *chunks() {
        yield modelHead;
        yield graphKey;
        yield graphHead;
        for (const { t, header, rawKey, rawLength, key } of tensors) {
          const raw = t.rawData ?? (await t.deferred!.read());
          if (raw.byteLength !== rawLength) throw new Error(`Weight ${t.name}: ${raw.byteLength} bytes, expected ${rawLength}`);
          yield key;
          yield header;
          yield rawKey;
          yield raw;
        }
        yield graphTail;
        yield modelTail;
      },
    };
  }

  serialise(options: SerialiseOptions): SerialisedModel {
    const externalData: Uint8Array[] = [];
    let offset = 0;
    const threshold = options.externalThresholdBytes ?? 1024;
    const initializer = this.initializers.map((t): OnnxTensor => {
      if (t.deferred) throw new Error(`Weight ${t.name} is deferred: write this model with serialiseStream`);
      if (!options.externalDataFile || !t.rawData || t.rawData.byteLength < threshold) return t;
      const length = t.rawData.byteLength;
      externalData.push(t.rawData);
      const entry: OnnxTensor = {
        name: t.name,
        dims: t.dims,
        dataType: t.dataType,
        dataLocation: 1,
        externalData: [
          { key: 'location', value: options.externalDataFile },
          { key: 'offset', value: String(offset) },
          { key: 'length', value: String(length) },
        ],
      };
      offset += length;
      return entry;
    });
    const model: OnnxModel = {
      ...this.modelFields(options),
      graph: { name: this.graphName, node: this.nodes, initializer, input: this.inputs, output: this.outputs },
    };
    return { model: encodeOnnxModel(model), externalData, externalDataBytes: offset };
  }
}
