/**
 * The track detail's auto cues: hot cues A–H and memory cues the DJ's cue template gives the track
 * (app.interop.autoCues), with their bar and time, and the sections they were found in.
 * @module
 */
import type { RbassistApp } from '../app/createApp';
import { AUTO_CUE_PREFIX } from '../core/cues';
import type { TrackView } from '../core/library/trackView';
import { useStore } from './useStore';

const time = (sec: number) => `${Math.floor(sec / 60)}:${(sec % 60).toFixed(1).padStart(4, '0')}`;
const hex = (rgb: number) => `#${rgb.toString(16).padStart(6, '0')}`;

export function AutoCueList({ app, view }: { app: RbassistApp; view: TrackView }) {
  useStore(app.settings.store);
  if (!view.structure) return null;
  const cues = app.interop.autoCues(view);
  const sections = view.structure.sections;
  return (
    <section className="auto-cues" aria-label="Auto cues" data-testid="auto-cues">
      <h3>Auto cues</h3>
      {cues.length === 0 ? (
        <p className="muted">{view.structure.reason ?? 'No phrase boundaries found.'}</p>
      ) : (
        <table>
          <tbody>
            {cues.map((cue) => (
              <tr key={`${cue.num}:${cue.bar}`} data-testid="auto-cue">
                <td>
                  <span className="cue-letter" style={{ background: cue.slot ? hex(cue.colour) : undefined }}>
                    {cue.slot ?? 'M'}
                  </span>
                </td>
                <td>{AUTO_CUE_PREFIX + cue.label}</td>
                <td className="muted">bar {cue.bar + 1}</td>
                <td className="muted">{time(cue.sec)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {sections.length > 0 && <p className="muted">Sections: {sections.map((s) => `${s.kind} ${s.bars} bars`).join(' · ')}</p>}
    </section>
  );
}
