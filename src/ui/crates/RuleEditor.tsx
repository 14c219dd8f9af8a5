import { useEffect, useMemo, useRef, useState } from 'react';
import type { RbassistApp } from '../../app/createApp';
import { ruleSubjectOf, trackName } from '../../app/crates/trackFacts';
import { isoDate } from '../../core/library/scanLibrary';
import {
  compileRules,
  describeRules,
  emptyRules,
  normalizeKeyCode,
  rulesProblems,
  type CrateRules,
  type RuleCondition,
  type RuleKind,
  type TextField,
} from '../../core/crates';
import type { DisplayOptions } from '../libraryColumns';
import { useStore } from '../useStore';
import { errorMessage } from '../../core/errors';

interface Props {
  app: RbassistApp;
  display: DisplayOptions;
  /** The crate being edited; undefined makes a new smart crate. */
  crateId?: string;
  /** The selected library track (a handy seed for "similar to" and "compatible with"). */
  selectedId: string | null;
  onClose: (savedCrateId?: string) => void;
}

const KIND_NAMES: Record<RuleKind, string> = {
  bpm: 'BPM',
  key: 'Key',
  energy: 'Energy',
  text: 'Text',
  dateAdded: 'Date added',
  hasVector: 'Analysed',
  similarTo: 'Similar to',
};
const TEXT_FIELDS: TextField[] = ['genre', 'label', 'artist', 'album', 'title', 'comment', 'any'];

const num = (text: string): number | undefined => (text.trim() === '' ? undefined : Number(text));
const str = (value: number | undefined): string => (value === undefined ? '' : String(value));

function newCondition(kind: RuleKind, app: RbassistApp, selectedId: string | null): RuleCondition {
  const selected = selectedId ? app.library.view(selectedId) : undefined;
  switch (kind) {
    case 'bpm': {
      const bpm = selected?.bpm?.bpm;
      return bpm ? { kind, min: Math.floor(bpm - 3), max: Math.ceil(bpm + 3) } : { kind, min: 120, max: 128 };
    }
    case 'key':
      return { kind, key: selected?.key?.camelot ?? '8A', match: 'compatible' };
    case 'energy':
      return { kind, min: 6 };
    case 'text':
      return { kind, field: 'genre', contains: '' };
    case 'dateAdded':
      return { kind, withinDays: 30 };
    case 'hasVector':
      return { kind, value: true };
    case 'similarTo':
      return { kind, trackId: selectedId ?? '', minScore: 0.8 };
  }
}

/** Smart-crate rules as a form: each condition on one row, the summary and match count live. */
export function RuleEditor({ app, display, crateId, selectedId, onClose }: Props) {
  const existing = crateId ? app.crates.get(crateId) : undefined;
  const [name, setName] = useState(existing?.name ?? 'Smart crate');
  const [rules, setRules] = useState<CrateRules>(
    () => (existing && app.crates.rulesOf(existing)) || { ...emptyRules(), conditions: [newCondition('bpm', app, selectedId)] },
  );
  const [error, setError] = useState<string | null>(null);
  const library = useStore(app.library.store);
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (element && !element.open) element.showModal();
  }, []);

  const problems = rulesProblems(rules);
  const summary = describeRules(rules, { notation: display.notation, trackName: (id) => trackName(app.library.view(id)) });
  const usesSimilarity = rules.conditions.some((c) => c.kind === 'similarTo');
  const preview = useMemo(() => {
    if (problems.length || usesSimilarity) return null;
    const preference = display.preference;
    const keep = compileRules(rules, { today: isoDate(Date.now()) });
    return library.tracks.filter((v) => keep(ruleSubjectOf(v, preference))).length;
  }, [rules, library.tracks, display.preference, problems.length, usesSimilarity]);

  const update = (index: number, patch: Partial<RuleCondition>) =>
    setRules((r) => ({ ...r, conditions: r.conditions.map((c, i) => (i === index ? ({ ...c, ...patch } as RuleCondition) : c)) }));
  const replace = (index: number, condition: RuleCondition) =>
    setRules((r) => ({ ...r, conditions: r.conditions.map((c, i) => (i === index ? condition : c)) }));
  const remove = (index: number) => setRules((r) => ({ ...r, conditions: r.conditions.filter((_, i) => i !== index) }));

  const save = async () => {
    try {
      // Keys are stored in Camelot whatever notation was typed.
      const clean: CrateRules = { ...rules, conditions: rules.conditions.map((c) => (c.kind === 'key' ? { ...c, key: normalizeKeyCode(c.key) ?? c.key } : c)) };
      let id = crateId;
      if (id) {
        await app.crates.setRules(id, clean);
        await app.crates.rename(id, name);
      } else id = await app.crates.createSmart(name, clean);
      onClose(id);
    } catch (e) {
      setError(errorMessage(e));
    }
  };

  return (
    <dialog ref={dialog} className="rule-editor" aria-labelledby="rule-editor-title" onCancel={() => onClose()} data-testid="rule-editor">
      <h2 id="rule-editor-title">{crateId ? 'Edit smart crate' : 'New smart crate'}</h2>
      <div className="rule-top">
        <label>
          Name <input value={name} onChange={(e) => setName(e.target.value)} data-testid="rule-name" />
        </label>
        <label>
          Match{' '}
          <select value={rules.match} onChange={(e) => setRules((r) => ({ ...r, match: e.target.value as CrateRules['match'] }))} data-testid="rule-match">
            <option value="all">all conditions</option>
            <option value="any">any condition</option>
          </select>
        </label>
      </div>
      <ol className="rule-list">
        {rules.conditions.map((condition, index) => (
          <li key={index} className="rule-row" data-testid="rule-row">
            <select
              aria-label={`Condition ${index + 1} type`}
              value={condition.kind}
              onChange={(e) => replace(index, newCondition(e.target.value as RuleKind, app, selectedId))}
              data-testid="rule-kind"
            >
              {(Object.keys(KIND_NAMES) as RuleKind[]).map((kind) => (
                <option key={kind} value={kind}>
                  {KIND_NAMES[kind]}
                </option>
              ))}
            </select>
            <ConditionFields app={app} condition={condition} selectedId={selectedId} index={index} onChange={(patch) => update(index, patch)} />
            <button className="link" onClick={() => remove(index)} aria-label={`Remove condition ${index + 1}`}>
              ✕
            </button>
          </li>
        ))}
      </ol>
      <button onClick={() => setRules((r) => ({ ...r, conditions: [...r.conditions, newCondition('energy', app, selectedId)] }))} data-testid="rule-add">
        + Condition
      </button>
      <p className="rule-summary" data-testid="rule-editor-summary">
        {summary}
      </p>
      <p className="muted" role="status">
        {problems.length ? '' : usesSimilarity ? 'Matching tracks are counted once saved.' : `${preview} tracks match right now.`}
      </p>
      {(problems.length > 0 || error) && (
        <ul className="message" role="alert">
          {[...problems, ...(error ? [error] : [])].map((p) => (
            <li key={p}>{p}</li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button onClick={() => onClose()}>Cancel</button>
        <button className="primary" onClick={() => void save()} disabled={problems.length > 0} data-testid="rule-save">
          Save
        </button>
      </div>
    </dialog>
  );
}

function ConditionFields({
  app,
  condition,
  selectedId,
  index,
  onChange,
}: {
  app: RbassistApp;
  condition: RuleCondition;
  selectedId: string | null;
  index: number;
  onChange: (patch: Partial<RuleCondition>) => void;
}) {
  const label = (what: string) => `Condition ${index + 1} ${what}`;
  switch (condition.kind) {
    case 'bpm':
    case 'energy':
      return (
        <span className="rule-fields">
          from{' '}
          <input
            type="number"
            aria-label={label('minimum')}
            value={str(condition.min)}
            onChange={(e) => onChange({ min: num(e.target.value) })}
            data-testid="rule-min"
          />
          to{' '}
          <input
            type="number"
            aria-label={label('maximum')}
            value={str(condition.max)}
            onChange={(e) => onChange({ max: num(e.target.value) })}
            data-testid="rule-max"
          />
          {condition.kind === 'bpm' && (
            <label>
              <input type="checkbox" checked={condition.halfDouble ?? false} onChange={(e) => onChange({ halfDouble: e.target.checked })} /> ½/2×
            </label>
          )}
        </span>
      );
    case 'key':
      return (
        <span className="rule-fields">
          <select
            aria-label={label('match')}
            value={condition.match}
            onChange={(e) => onChange({ match: e.target.value as 'is' | 'compatible' })}
            data-testid="rule-key-match"
          >
            <option value="compatible">compatible with</option>
            <option value="is">is</option>
          </select>
          <input aria-label={label('key')} value={condition.key} onChange={(e) => onChange({ key: e.target.value })} size={5} data-testid="rule-key" />
          <label>
            <input type="checkbox" checked={condition.energyBoost ?? false} onChange={(e) => onChange({ energyBoost: e.target.checked })} /> +2
          </label>
        </span>
      );
    case 'text':
      return (
        <span className="rule-fields">
          <select
            aria-label={label('field')}
            value={condition.field}
            onChange={(e) => onChange({ field: e.target.value as TextField })}
            data-testid="rule-text-field"
          >
            {TEXT_FIELDS.map((f) => (
              <option key={f} value={f}>
                {f === 'any' ? 'any tag' : f}
              </option>
            ))}
          </select>
          contains{' '}
          <input aria-label={label('text')} value={condition.contains} onChange={(e) => onChange({ contains: e.target.value })} data-testid="rule-text" />
        </span>
      );
    case 'dateAdded':
      return (
        <span className="rule-fields">
          in the last{' '}
          <input type="number" aria-label={label('days')} value={str(condition.withinDays)} onChange={(e) => onChange({ withinDays: num(e.target.value) })} />{' '}
          days, or from{' '}
          <input type="date" aria-label={label('from date')} value={condition.after ?? ''} onChange={(e) => onChange({ after: e.target.value || undefined })} />
          to{' '}
          <input type="date" aria-label={label('to date')} value={condition.before ?? ''} onChange={(e) => onChange({ before: e.target.value || undefined })} />
        </span>
      );
    case 'hasVector':
      return (
        <span className="rule-fields">
          <select aria-label={label('state')} value={condition.value ? 'yes' : 'no'} onChange={(e) => onChange({ value: e.target.value === 'yes' })}>
            <option value="yes">yes</option>
            <option value="no">not yet</option>
          </select>
        </span>
      );
    case 'similarTo':
      return (
        <span className="rule-fields">
          <span className="seed-name">{trackName(app.library.view(condition.trackId)) ?? 'no track chosen'}</span>
          <button onClick={() => selectedId && onChange({ trackId: selectedId })} disabled={!selectedId}>
            Use selected
          </button>
          ≥{' '}
          <input
            type="number"
            aria-label={label('minimum score in percent')}
            min={0}
            max={100}
            value={Math.round(condition.minScore * 100)}
            onChange={(e) => onChange({ minScore: (num(e.target.value) ?? 0) / 100 })}
            data-testid="rule-score"
          />
          %
        </span>
      );
  }
}
