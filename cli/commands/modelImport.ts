/**
 * `rbassist model import <folder>`: convert a Hugging Face MERT checkpoint folder (config.json +
 * model.safetensors or pytorch_model.bin) into the manifest's ONNX files in the state's models/
 * folder, with the app's converter and validation. Files are written under a temporary name and
 * renamed only once every requested precision has passed, so a failed import leaves the installed
 * model as it was.
 * @module
 */
import { createWriteStream, existsSync, openAsBlob } from 'node:fs';
import { mkdir, readFile, rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-web';
import type { Precision } from '../../models/onnx/graphBuilder';
import { blobByteSource, CheckpointError } from '../../src/core/checkpoint/byteSource';
import { CHECKPOINT_FILES, importCheckpoint, modelForConfig } from '../../src/core/checkpoint/importCheckpoint';
import { bundledManifest, findOnnxModel, type OnnxModelEntry } from '../../src/core/embedding/manifest';
import { ModelRejectedError } from '../../src/core/embedding/modelValidation';
import type { OrtModuleLike } from '../../src/core/embedding/ortTypes';
import { CliError, describeFsError, EXIT } from '../errors';
import { findState } from '../state/stateDir';
import { line, problem, type CommandIO } from './io';
import { errorMessage } from '../../src/core/errors';

export interface ModelImportOptions {
  folder: string;
  model?: string;
  precision?: string;
  acceptLicence: boolean;
  state?: string;
}

/** The files to write: every variant the model has (`all`, the default), `both` (fp32 and fp16) or one. */
function precisionsOf(option: string | undefined, entry: OnnxModelEntry): Precision[] {
  const available = entry.variants.map((v) => v.precision);
  if (option === undefined || option === 'all') return available;
  if (option === 'both') return available.filter((p) => p === 'fp32' || p === 'fp16');
  if (!(available as string[]).includes(option))
    throw new CliError(`--precision must be all, both or one of ${available.join(', ')} for ${entry.name}, not "${option}".`, 2);
  return [option as Precision];
}

function chooseEntry(option: string | undefined, configJson: string): OnnxModelEntry {
  try {
    return option ? findOnnxModel(bundledManifest, option) : modelForConfig(configJson);
  } catch (error) {
    throw new CliError(errorMessage(error), option ? 2 : 1);
  }
}

export async function modelImportCommand(options: ModelImportOptions, io: CommandIO): Promise<number> {
  const folder = resolve(options.folder);
  const configPath = join(folder, CHECKPOINT_FILES.config);
  const weightsName = CHECKPOINT_FILES.weights.find((name) => existsSync(join(folder, name)));
  if (!existsSync(configPath) || !weightsName) {
    throw new CliError(
      `${folder} needs ${CHECKPOINT_FILES.config} and ${CHECKPOINT_FILES.weights.join(' or ')} (download them from the model's Hugging Face page).`,
    );
  }
  const configJson = await readFile(configPath, 'utf8').catch((error: unknown) => {
    throw new CliError(`Cannot read ${configPath}: ${describeFsError(error)}.`);
  });
  const entry = chooseEntry(options.model, configJson);
  const precisions = precisionsOf(options.precision, entry);
  if (!entry.testOnly && !options.acceptLicence) {
    throw new CliError(
      `${entry.name}'s weights are licensed ${entry.licence}${entry.licence.includes('NC') ? ' (non-commercial use only; credit m-a-p: MERT, Li et al. 2023)' : ''}. Pass --accept-licence to accept it and import.`,
      2,
    );
  }
  const stateDir = options.state ? resolve(options.state) : findState().dir;
  const modelsDir = join(stateDir, 'models');
  await mkdir(modelsDir, { recursive: true });
  ort.env.wasm.numThreads = 1;
  const staged: { temp: string; final: string }[] = [];
  line(io, `Importing ${entry.name} from ${join(folder, weightsName)} (licence ${entry.licence}).`);
  try {
    const result = await importCheckpoint({
      ort: ort as unknown as OrtModuleLike,
      entry,
      configJson,
      weights: blobByteSource(await openAsBlob(join(folder, weightsName)), weightsName),
      weightsFileName: weightsName,
      precisions,
      async stage(fileName, model) {
        const final = join(modelsDir, fileName);
        staged.push({ temp: `${final}.importing`, final });
        await pipeline(Readable.from(model.chunks()), createWriteStream(`${final}.importing`));
      },
      readStaged: async (fileName) => new Uint8Array(await readFile(join(modelsDir, `${fileName}.importing`))),
      onValidated: (precision, fileName, bytes) => line(io, `  ${precision}: ${fileName} (${bytes} bytes), probe run passed`),
      onProgress: (p) => {
        if (p.phase === 'reading' && (p.done === p.total || p.done % 25 === 0)) problem(io, `converting tensors ${p.done}/${p.total}`);
      },
    });
    for (const { temp, final } of staged) await rename(temp, final);
    line(
      io,
      `${entry.name} installed in ${modelsDir} (${result.parameters} parameters, from ${result.format}). Use it with: rbassist analyze <folder> --model ${entry.id}`,
    );
    return EXIT.ok;
  } catch (error) {
    await Promise.all(staged.map(({ temp }) => rm(temp, { force: true })));
    if (error instanceof CheckpointError || error instanceof ModelRejectedError) throw new CliError(`Import failed, nothing was changed: ${error.message}`);
    throw error;
  }
}
