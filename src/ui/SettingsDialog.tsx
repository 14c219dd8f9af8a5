import { useEffect, useRef, useState } from 'react';
import type { RbassistApp } from '../app/createApp';
import { bundledManifest, type OnnxModelEntry, type Precision } from '../core/embedding/manifest';
import { BUILT_IN_PROFILES } from '../core/sampling';
import { formatBytes, formatEmbedDevice } from './format';
import { storageEstimate } from '../app/storageUse';
import { downloadText } from '../app/interopService';
import { useStore } from './useStore';
import { downloadOrigin, needsReloadToDownload, reloadToDownload } from '../app/contentSecurity';
import { currentPreset, installedModelIds, planPreset, PRESET_LIST, type PresetId } from '../app/presets';

/** Settings: presets, sampling, embedding model (download / load from file / device), display, export. */
export function SettingsDialog({ app, onClose }: { app: RbassistApp; onClose: () => void }) {
  const settings = useStore(app.settings.store);
  const embed = useStore(app.embedder.store);
  const dialog = useRef<HTMLDialogElement>(null);
  const [modelFile, setModelFile] = useState<File | null>(null);
  const [dataFile, setDataFile] = useState<File | null>(null);
  const [licenceAccepted, setLicenceAccepted] = useState(false);
  const [configFile, setConfigFile] = useState<File | null>(null);
  const [weightsFile, setWeightsFile] = useState<File | null>(null);
  const update = (patch: Parameters<typeof app.settings.update>[0]) => void app.settings.update(patch);
  const models = bundledManifest.models.filter((m) => !m.testOnly);
  const selected = bundledManifest.models.find((m) => m.id === settings.modelId);
  const onnx = selected?.kind === 'onnx' ? (selected as OnnxModelEntry) : null;
  // The file to download or import: the chosen precision when this model has it, else fp32.
  const precision: Precision = settings.precision !== 'auto' && onnx?.variants.some((v) => v.precision === settings.precision) ? settings.precision : 'fp32';
  const hasInt8 = onnx?.variants.some((v) => v.precision === 'int8') ?? false;
  const variant = onnx?.variants.find((v) => v.precision === precision);

  useEffect(() => {
    dialog.current?.showModal();
  }, []);

  const switchToModel = async () => {
    if (!onnx) {
      app.embedder.useBuiltin();
      return;
    }
    await app.embedder.use(onnx.id, settings.device, settings.precision).catch(() => undefined);
  };

  return (
    <dialog ref={dialog} className="settings" onClose={onClose} aria-label="Settings">
      <form method="dialog" onSubmit={(e) => e.preventDefault()}>
        <header className="side-head">
          <h2>Settings</h2>
          <button onClick={onClose} aria-label="Close settings">
            ✕
          </button>
        </header>

        <PresetSection app={app} />

        <fieldset>
          <legend>Analysis</legend>
          <label>
            Sampling profile{' '}
            <select value={settings.profileName} onChange={(e) => update({ profileName: e.target.value })}>
              {[...Object.keys(BUILT_IN_PROFILES), ...settings.customProfiles.map((p) => p.name)].map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <label>
            BPM range{' '}
            <input
              type="number"
              min={40}
              max={250}
              value={settings.bpmRange.minBpm}
              aria-label="Lowest BPM"
              onChange={(e) => update({ bpmRange: { ...settings.bpmRange, minBpm: Number(e.target.value) } })}
            />
            –
            <input
              type="number"
              min={40}
              max={250}
              value={settings.bpmRange.maxBpm}
              aria-label="Highest BPM"
              onChange={(e) => update({ bpmRange: { ...settings.bpmRange, maxBpm: Number(e.target.value) } })}
            />
          </label>
          <label>
            <input type="checkbox" checked={settings.preferTaggedValues} onChange={(e) => update({ preferTaggedValues: e.target.checked })} /> Prefer the file's
            own BPM/key tags over the analysis
          </label>
          <label>
            Decode workers{' '}
            <input type="number" min={0} max={16} value={settings.decodeWorkers} onChange={(e) => update({ decodeWorkers: Number(e.target.value) })} /> (0 =
            automatic; applies after a reload)
          </label>
        </fieldset>

        <fieldset>
          <legend>Embedding model</legend>
          <label>
            Model{' '}
            <select value={settings.modelId} onChange={(e) => update({ modelId: e.target.value })}>
              {models.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </label>
          <p className="muted">
            {selected?.description} Licence: {selected?.licence}.
          </p>
          {onnx && (
            <>
              <label>
                Device{' '}
                <select value={settings.device} onChange={(e) => update({ device: e.target.value as typeof settings.device })}>
                  <option value="auto">Automatic (WebGPU when available)</option>
                  <option value="webgpu">WebGPU</option>
                  <option value="wasm">CPU (WASM)</option>
                </select>
              </label>
              <label>
                Precision{' '}
                <select value={settings.precision} onChange={(e) => update({ precision: e.target.value as typeof settings.precision })}>
                  <option value="auto">Automatic (fp16 on GPUs that support it{hasInt8 ? ', int8 on the CPU' : ''})</option>
                  <option value="fp32">fp32</option>
                  <option value="fp16">fp16</option>
                  {hasInt8 ? <option value="int8">int8 (CPU only: faster, slightly less exact)</option> : null}
                </select>
              </label>
              <label>
                Download from{' '}
                <input
                  type="url"
                  placeholder="https://your-host/models/"
                  value={settings.modelDownloadBaseUrl}
                  onChange={(e) => update({ modelDownloadBaseUrl: e.target.value })}
                />
              </label>
              {needsReloadToDownload(settings.modelDownloadBaseUrl) ? (
                <>
                  <p className="muted" data-testid="download-needs-reload">
                    rbassist only talks to origins you choose: allowing {downloadOrigin(settings.modelDownloadBaseUrl)} takes one reload of the page. The
                    download then starts by itself (an analysis run resumes where it was).
                  </p>
                  <button disabled={!!embed.busy} onClick={() => reloadToDownload({ modelId: onnx.id, precision, baseUrl: settings.modelDownloadBaseUrl })}>
                    Reload and download {variant?.file} (~{formatBytes(variant?.approxBytes ?? 0)})
                  </button>
                </>
              ) : (
                <button
                  disabled={!settings.modelDownloadBaseUrl || !!embed.busy}
                  onClick={() => void app.embedder.download(onnx.id, precision, settings.modelDownloadBaseUrl).catch(() => undefined)}
                >
                  Download {variant?.file} (~{formatBytes(variant?.approxBytes ?? 0)})
                </button>
              )}
              <CheckpointImport
                entry={onnx}
                accepted={licenceAccepted}
                onAccept={setLicenceAccepted}
                onConfig={setConfigFile}
                onWeights={setWeightsFile}
                disabled={!licenceAccepted || !configFile || !weightsFile || !!embed.busy}
                onImport={() =>
                  configFile &&
                  weightsFile &&
                  void app.embedder.importCheckpoint(onnx.id, configFile, weightsFile, precision, settings.device).catch(() => undefined)
                }
              />
              <p className="muted">Or load ONNX files you exported with models/export_mert.py:</p>
              <label>
                Model file <input type="file" accept=".onnx" onChange={(e) => setModelFile(e.target.files?.[0] ?? null)} />
              </label>
              {variant?.externalDataFile && (
                <label>
                  Weights file ({variant.externalDataFile}) <input type="file" onChange={(e) => setDataFile(e.target.files?.[0] ?? null)} />
                </label>
              )}
              <button
                disabled={!modelFile || !!embed.busy}
                onClick={() =>
                  modelFile && void app.embedder.importFiles(onnx.id, precision, modelFile, dataFile ?? undefined, settings.device).catch(() => undefined)
                }
              >
                Load from file
              </button>
            </>
          )}
          <button className="primary" onClick={() => void switchToModel()} disabled={!!embed.busy}>
            Use this model
          </button>
          <p data-testid="embed-status">
            In use: <b>{embed.modelId}</b>
            {embed.setup && ` on ${formatEmbedDevice(embed.setup)}`}
            {embed.setup?.note && ` — ${embed.setup.note}`}
          </p>
          {embed.busy && <p aria-live="polite">{embed.busy}…</p>}
          {embed.download && (
            <progress max={embed.download.total ?? undefined} value={embed.download.received}>
              {formatBytes(embed.download.received)}
            </progress>
          )}
          {embed.error && (
            <p className="message" role="alert">
              {embed.error}
            </p>
          )}
        </fieldset>

        <fieldset>
          <legend>Display</legend>
          <label>
            Key notation{' '}
            <select value={settings.keyNotation} onChange={(e) => update({ keyNotation: e.target.value as typeof settings.keyNotation })}>
              <option value="camelot">Camelot (8A)</option>
              <option value="openkey">Open Key (1m)</option>
              <option value="musical">Musical (Am)</option>
            </select>
          </label>
        </fieldset>

        <StorageSection app={app} />

        <fieldset>
          <legend>Rekordbox export</legend>
          <label>
            Music folder's full path on this computer{' '}
            <input
              type="text"
              placeholder="D:\Music or /Volumes/Music"
              value={settings.musicFolderPath}
              onChange={(e) => update({ musicFolderPath: e.target.value })}
            />
          </label>
          <label>
            Comment template <input type="text" value={settings.commentTemplate} onChange={(e) => update({ commentTemplate: e.target.value })} />
          </label>
        </fieldset>
      </form>
    </dialog>
  );
}

/**
 * Presets: the ticked one is the one the settings in use match. Choosing another shows what it
 * would change; nothing changes until "Apply". A model that is not installed is never selected.
 */
function PresetSection({ app }: { app: RbassistApp }) {
  const settings = useStore(app.settings.store);
  const embed = useStore(app.embedder.store);
  const [installed, setInstalled] = useState<Set<string> | null>(null);
  const [chosen, setChosen] = useState<PresetId | null>(null);
  useEffect(() => {
    void installedModelIds().then(setInstalled);
  }, [embed.modelId, embed.busy]);
  const current = currentPreset(settings);
  const plan = chosen && installed ? planPreset(settings, chosen, (id) => installed.has(id)) : null;
  const apply = async () => {
    if (!plan) return;
    await app.settings.update(plan.patch);
    setChosen(null);
  };
  return (
    <fieldset>
      <legend>Preset</legend>
      {PRESET_LIST.map((preset) => (
        <label key={preset.id}>
          <input
            type="radio"
            name="preset"
            value={preset.id}
            checked={(chosen ?? current) === preset.id}
            onChange={() => setChosen(preset.id === current ? null : preset.id)}
          />{' '}
          {preset.label} ({preset.profileName}, {bundledManifest.models.find((m) => m.id === preset.modelId)?.name ?? preset.modelId})
        </label>
      ))}
      {current === 'custom' && !chosen && (
        <p className="muted">
          Custom: {settings.profileName} with {settings.modelId}, your own choices below.
        </p>
      )}
      {plan && (
        <div className="preset-plan" data-testid="preset-plan" role="group" aria-label={`${plan.preset.label} preset`}>
          {plan.changes.length > 0 ? (
            <ul>
              {plan.changes.map((c) => (
                <li key={c.setting}>
                  {c.setting}: {c.from} → <b>{c.to}</b>
                </li>
              ))}
            </ul>
          ) : (
            <p>Nothing to change.</p>
          )}
          {plan.missingModel && (
            <p className="message" role="note">
              {plan.missingModel.howToGet}
            </p>
          )}
          <button className="primary" disabled={plan.changes.length === 0} onClick={() => void apply()}>
            Apply {plan.preset.label}
          </button>{' '}
          <button onClick={() => setChosen(null)}>Cancel</button>
        </div>
      )}
    </fieldset>
  );
}

/** MERT's Hugging Face repository for a manifest id (mert-v1-95m → m-a-p/MERT-v1-95M). */
const huggingFaceRepo = (entry: OnnxModelEntry) => `m-a-p/${entry.name}`;

/** "Import checkpoint": which files to fetch, the licence to accept first, the two file pickers. */
function CheckpointImport(props: {
  entry: OnnxModelEntry;
  accepted: boolean;
  onAccept: (accepted: boolean) => void;
  onConfig: (file: File | null) => void;
  onWeights: (file: File | null) => void;
  disabled: boolean;
  onImport: () => void;
}) {
  const repo = huggingFaceRepo(props.entry);
  return (
    <section aria-label="Import checkpoint">
      <h3>Import checkpoint</h3>
      <p className="muted" data-testid="checkpoint-instructions">
        On{' '}
        <a href={`https://huggingface.co/${repo}/tree/main`} target="_blank" rel="noreferrer">
          huggingface.co/{repo}
        </a>{' '}
        → Files and versions, download <code>config.json</code> and <code>model.safetensors</code> (or <code>pytorch_model.bin</code>), then pick both here.
        rbassist converts them to {props.entry.name}'s ONNX files in this browser ({props.entry.variants.map((v) => v.precision).join(', ')}) and keeps them
        offline.
      </p>
      <p data-testid="checkpoint-licence">
        Licence: <b>{props.entry.licence}</b>
        {props.entry.licence.includes('NC') && ' — non-commercial use only; credit m-a-p (MERT, Li et al. 2023, arXiv:2306.00107).'}
      </p>
      <div>
        <label>
          <input type="checkbox" checked={props.accepted} onChange={(e) => props.onAccept(e.target.checked)} /> I accept the {props.entry.licence} licence
        </label>
      </div>
      <div>
        <label>
          config.json{' '}
          <input type="file" accept=".json,application/json" disabled={!props.accepted} onChange={(e) => props.onConfig(e.target.files?.[0] ?? null)} />
        </label>
      </div>
      <div>
        <label>
          Weights (model.safetensors or pytorch_model.bin){' '}
          <input type="file" accept=".safetensors,.bin" disabled={!props.accepted} onChange={(e) => props.onWeights(e.target.files?.[0] ?? null)} />
        </label>
      </div>
      <button disabled={props.disabled} onClick={props.onImport}>
        Import checkpoint
      </button>
    </section>
  );
}

/** Disk use in this browser's storage, whether it is persistent, and the log for bug reports. */
function StorageSection({ app }: { app: RbassistApp }) {
  const [estimate, setEstimate] = useState<{ usage: number; quota: number; persisted: boolean } | null>(null);
  useEffect(() => {
    void storageEstimate().then(setEstimate);
  }, []);
  return (
    <fieldset>
      <legend>Storage and diagnostics</legend>
      <p data-testid="storage-usage">
        {estimate
          ? `Using ${formatBytes(estimate.usage)} of ${formatBytes(estimate.quota)} available to this app; ${estimate.persisted ? 'persistent (the browser will not clear it under pressure)' : 'not persistent: the browser may clear it when the disk is full'}.`
          : 'Measuring…'}
      </p>
      <button onClick={() => downloadText(app.log.toJsonLines(), 'rbassist-log.jsonl', 'application/x-ndjson')}>Download log for a bug report</button>
      <p className="muted">The log stays on this computer; rbassist sends nothing anywhere.</p>
    </fieldset>
  );
}
