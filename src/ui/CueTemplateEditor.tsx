/**
 * The export's cue choices: what happens to cues (auto / keep / off), which template the auto cues
 * follow, and an editor of its hot cues A–H and memory cues (each slot picks a phrase boundary).
 * @module
 */
import type { RbassistApp } from '../app/createApp';
import { CUE_TEMPLATES, HOT_CUE_LETTERS, ruleName, type CueMode, type CueRule, type CueTemplate } from '../core/cues';
import { useStore } from './useStore';

/** The boundaries a slot can mark, as the editor offers them. */
const CHOICES: CueRule[] = [
  { anchor: 'firstBeat' },
  { anchor: 'introEnd' },
  ...[1, 2, 3].flatMap((index): CueRule[] => [
    { anchor: 'drop', index, offsetBars: -32 },
    { anchor: 'drop', index, offsetBars: -16 },
    { anchor: 'drop', index, offsetBars: -8 },
    { anchor: 'drop', index },
    { anchor: 'breakdown', index },
  ]),
  { anchor: 'outroStart', offsetBars: -16 },
  { anchor: 'outroStart' },
  { anchor: 'outroStart', offsetBars: 16 },
];

const keyOf = (rule: CueRule | null) => (rule ? `${rule.anchor}:${rule.index ?? 1}:${rule.offsetBars ?? 0}` : '');
const ruleOf = (key: string): CueRule | null => CHOICES.find((c) => keyOf(c) === key) ?? null;

const MODE_LABELS: Record<CueMode, string> = {
  auto: 'Your rekordbox cues + auto cues in empty slots',
  keep: 'Only your rekordbox cues',
  off: 'No cues',
};

export function CueTemplateEditor({ app }: { app: RbassistApp }) {
  const { cueMode, cueTemplate } = useStore(app.settings.store);
  const setTemplate = (template: CueTemplate) => void app.settings.update({ cueTemplate: template });
  const builtIn = CUE_TEMPLATES.find((t) => t.name === cueTemplate.name);
  const edited = (patch: Partial<CueTemplate>) => setTemplate({ ...cueTemplate, ...patch, name: builtIn ? `${builtIn.name} (edited)` : cueTemplate.name });
  const slotOptions = (value: CueRule | null, onPick: (rule: CueRule | null) => void, label: string) => {
    const current = keyOf(value);
    const known = value === null || CHOICES.some((c) => keyOf(c) === current);
    return (
      <select aria-label={label} value={current} onChange={(e) => onPick(ruleOf(e.target.value))}>
        <option value="">(empty)</option>
        {!known && value && <option value={current}>{ruleName(value)}</option>}
        {CHOICES.map((choice) => (
          <option key={keyOf(choice)} value={keyOf(choice)}>
            {ruleName(choice)}
          </option>
        ))}
      </select>
    );
  };
  return (
    <div className="cue-options" data-testid="cue-options">
      <label>
        Cues{' '}
        <select aria-label="Cues in the export" value={cueMode} onChange={(e) => void app.settings.update({ cueMode: e.target.value as CueMode })}>
          {(Object.keys(MODE_LABELS) as CueMode[]).map((mode) => (
            <option key={mode} value={mode}>
              {MODE_LABELS[mode]}
            </option>
          ))}
        </select>
      </label>
      {cueMode === 'auto' && (
        <>
          <label>
            Auto cue template{' '}
            <select
              aria-label="Auto cue template"
              value={builtIn ? builtIn.name : ''}
              onChange={(e) => {
                const picked = CUE_TEMPLATES.find((t) => t.name === e.target.value);
                if (picked) setTemplate(picked);
              }}
            >
              {!builtIn && <option value="">{cueTemplate.name}</option>}
              {CUE_TEMPLATES.map((t) => (
                <option key={t.name} value={t.name}>
                  {t.name}
                </option>
              ))}
            </select>
          </label>
          <details>
            <summary>Edit the template</summary>
            <p className="muted">Auto cues are named “[rb] …” and never replace a hot cue you set in rekordbox.</p>
            {HOT_CUE_LETTERS.map((letter, i) => (
              <label key={letter} className="cue-slot">
                {letter}{' '}
                {slotOptions(
                  cueTemplate.hot[i] ?? null,
                  (rule) => edited({ hot: HOT_CUE_LETTERS.map((_, j) => (j === i ? rule : (cueTemplate.hot[j] ?? null))) }),
                  `Hot cue ${letter}`,
                )}
              </label>
            ))}
            {[...cueTemplate.memory, null].map((rule, i) => (
              <label key={`m${i}`} className="cue-slot">
                Memory {i + 1}{' '}
                {slotOptions(
                  rule,
                  (picked) => {
                    const memory = [...cueTemplate.memory];
                    if (picked) memory[i] = picked;
                    else memory.splice(i, 1);
                    edited({ memory });
                  },
                  `Memory cue ${i + 1}`,
                )}
              </label>
            ))}
          </details>
        </>
      )}
    </div>
  );
}
