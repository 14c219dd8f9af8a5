import { useState, type KeyboardEvent } from 'react';
import type { RbassistApp } from '../../app/createApp';
import { trackName } from '../../app/crates/trackFacts';
import { bpmOf, keyOf } from '../../core/library/trackView';
import { CURVE_NAMES, ENERGY_CURVES, type EnergyCurve, type SetPlan } from '../../core/crates';
import { formatKey } from '../../core/music/keys';
import type { DisplayOptions } from '../libraryColumns';
import { useStore } from '../useStore';
import { errorMessage } from '../../core/errors';

interface Props {
  app: RbassistApp;
  display: DisplayOptions;
  selectedId: string | null;
  onSelect: (trackId: string) => void;
  onOpenCrate: (crateId: string) => void;
}

/**
 * Set builder: from the selected track, a path of N tracks that are similar step to step,
 * harmonically compatible, within a BPM step, and follow an energy curve. In the list: ↑/↓ move,
 * S swaps the step for the next-best candidate, Enter opens the track.
 */
export function SetBuilderView({ app, display, selectedId, onSelect, onOpenCrate }: Props) {
  const state = useStore(app.setBuilder.store);
  useStore(app.library.store);
  const [length, setLength] = useState(10);
  const [curve, setCurve] = useState<EnergyCurve>('build');
  const [bpmStep, setBpmStep] = useState(3);
  const [halfDouble, setHalfDouble] = useState(false);
  const [energyBoost, setEnergyBoost] = useState(false);
  const [name, setName] = useState('');
  const [cursor, setCursor] = useState(1);
  const [saved, setSaved] = useState<string | null>(null);
  const seed = selectedId ? app.library.view(selectedId) : undefined;
  const plan = state.plan;

  const build = async () => {
    if (!selectedId) return;
    setSaved(null);
    const result = await app.setBuilder.build(selectedId, { length, curve, maxBpmStep: bpmStep, halfDouble, energyBoost });
    setCursor(1);
    if (result) setName(`Set from ${trackName(app.library.view(result.seedId)) ?? 'seed'}`);
  };

  const save = async () => {
    try {
      const id = await app.setBuilder.saveAsCrate(name || 'Set');
      setSaved(null);
      onOpenCrate(id);
    } catch (e) {
      setSaved(errorMessage(e));
    }
  };

  const onListKey = (event: KeyboardEvent) => {
    if (!plan) return;
    if (event.key === 'ArrowDown') setCursor((c) => Math.min(plan.steps.length - 1, c + 1));
    else if (event.key === 'ArrowUp') setCursor((c) => Math.max(0, c - 1));
    else if ((event.key === 's' || event.key === 'S') && cursor > 0) void app.setBuilder.swap(cursor);
    else if (event.key === 'Enter') onSelect(plan.steps[cursor].trackId);
    else return;
    event.preventDefault();
  };

  return (
    <section className="set-builder" aria-labelledby="set-builder-title" data-testid="set-builder">
      <h2 id="set-builder-title">Set builder</h2>
      <p className="set-seed">
        Seed: <strong data-testid="set-seed">{seed ? trackName(seed) : 'select a track in the library or on the map'}</strong>
      </p>
      <div className="set-options" role="group" aria-label="Set options">
        <label>
          Tracks <input type="number" min={2} max={100} value={length} onChange={(e) => setLength(Number(e.target.value))} data-testid="set-length" />
        </label>
        <fieldset className="curve-choice">
          <legend>Energy</legend>
          {ENERGY_CURVES.map((c) => (
            <label key={c}>
              <input type="radio" name="curve" value={c} checked={curve === c} onChange={() => setCurve(c)} /> {CURVE_NAMES[c]}
            </label>
          ))}
        </fieldset>
        <label>
          BPM step ±{' '}
          <input type="number" min={0} max={20} step={0.5} value={bpmStep} onChange={(e) => setBpmStep(Number(e.target.value))} data-testid="set-bpm-step" />
        </label>
        <label>
          <input type="checkbox" checked={halfDouble} onChange={(e) => setHalfDouble(e.target.checked)} /> ½/2×
        </label>
        <label>
          <input type="checkbox" checked={energyBoost} onChange={(e) => setEnergyBoost(e.target.checked)} /> +2 key boost
        </label>
        <button className="primary" onClick={() => void build()} disabled={!seed || state.busy} data-testid="set-build">
          {state.busy ? 'Working…' : 'Build set'}
        </button>
      </div>
      <p className={`set-note${state.error ? ' message' : ' muted'}`} role="status" data-testid="set-note">
        {state.error ?? state.note ?? ''}
      </p>
      {plan && plan.steps.length > 0 && (
        <>
          <EnergyChart plan={plan} app={app} />
          <ol
            className="set-steps"
            tabIndex={0}
            onKeyDown={onListKey}
            aria-label="Planned set (arrows to move, S to swap, Enter to open)"
            data-testid="set-steps"
          >
            {plan.steps.map((step, index) => {
              const view = app.library.view(step.trackId);
              const bpm = view ? bpmOf(view, display.preference).chosen : null;
              const key = view ? keyOf(view, display.preference).chosen : null;
              return (
                <li
                  key={`${index}-${step.trackId}`}
                  id={`set-step-${index}`}
                  className={index === cursor ? 'cursor' : undefined}
                  aria-current={index === cursor ? 'true' : undefined}
                  data-track-id={step.trackId}
                  data-testid="set-step"
                  onClick={() => setCursor(index)}
                  onDoubleClick={() => onSelect(step.trackId)}
                >
                  <span className="numeric muted">{index + 1}</span>
                  <span className="sim-title">{trackName(view) ?? step.trackId}</span>
                  <span className="numeric">{bpm != null ? bpm.toFixed(1) : ''}</span>
                  <span>{key ? formatKey(key, display.notation) : ''}</span>
                  <span className="numeric" title={`target ${step.targetEnergy}`}>
                    {view?.energy?.energy ?? '–'}
                  </span>
                  <span className="numeric score">{index === 0 ? 'seed' : `${Math.round(step.similarity * 100)}%`}</span>
                  {index > 0 ? (
                    <button
                      className="link"
                      onClick={(e) => {
                        e.stopPropagation();
                        setCursor(index);
                        void app.setBuilder.swap(index);
                      }}
                      aria-label={`Swap step ${index + 1}`}
                      data-testid="set-swap"
                      disabled={state.busy}
                    >
                      swap
                    </button>
                  ) : (
                    <span />
                  )}
                </li>
              );
            })}
          </ol>
          <div className="set-save">
            <label>
              Crate name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="set-crate-name" />
            </label>
            <button onClick={() => void save()} data-testid="set-save">
              Save as crate
            </button>
            {saved && (
              <span className="message" role="alert">
                {saved}
              </span>
            )}
          </div>
        </>
      )}
    </section>
  );
}

/** Target energy (line) against the chosen tracks' energy (dots). */
function EnergyChart({ plan, app }: { plan: SetPlan; app: RbassistApp }) {
  const width = 360;
  const height = 70;
  const n = plan.steps.length;
  const x = (i: number) => (n === 1 ? width / 2 : 8 + (i * (width - 16)) / (n - 1));
  const y = (energy: number) => height - 6 - ((energy - 1) / 9) * (height - 12);
  const target = plan.steps.map((s, i) => `${x(i)},${y(s.targetEnergy)}`).join(' ');
  return (
    <svg
      className="energy-chart"
      width={width}
      height={height}
      role="img"
      aria-label={`Energy curve ${CURVE_NAMES[plan.options.curve]}: target line and the chosen tracks' energy`}
    >
      <polyline points={target} fill="none" stroke="var(--muted)" strokeDasharray="4 3" />
      {plan.steps.map((s, i) => {
        const energy = app.library.view(s.trackId)?.energy?.energy;
        return energy != null ? <circle key={i} cx={x(i)} cy={y(energy)} r={3.5} fill="var(--accent)" /> : null;
      })}
    </svg>
  );
}
