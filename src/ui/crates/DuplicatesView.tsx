import { useEffect, useState } from 'react';
import type { RbassistApp } from '../../app/createApp';
import { errorMessage } from '../../core/errors';
import type { DuplicateGroup, PairEvidence } from '../../core/library/duplicates/findDuplicates';
import { useStore } from '../useStore';

const KIND_TITLE: Record<DuplicateGroup['kind'], string> = {
  exact: 'Exact copy',
  'same-recording': 'Same recording, other file',
  versions: 'Versions (related, not duplicates)',
};

function evidenceText(e: PairEvidence): string {
  if (e.kind === 'versions') return `mixes: ${e.mixes?.join(' / ')}${e.durationDeltaSec !== undefined ? ` · durations ${e.durationDeltaSec} s apart` : ''}`;
  if (e.samePcm) return 'same decoded audio';
  return [
    `fingerprint ${e.fingerprint?.toFixed(3)}`,
    e.cosine !== undefined ? `cosine ${e.cosine.toFixed(3)}` : '',
    `durations ${e.durationDeltaSec} s apart`,
    `tags ${e.tags.toFixed(2)}`,
  ]
    .filter(Boolean)
    .join(' · ');
}

/**
 * Duplicates and versions with their evidence. The keeper of each group follows the rule
 * (lossless > higher bitrate > longer > added first) until the DJ picks another; the rest can go
 * into a "Duplicates to remove" crate and be left out of exports. Nothing is ever deleted.
 */
export function DuplicatesView({ app, onOpenCrate }: { app: RbassistApp; onOpenCrate: (crateId: string) => void }) {
  const { report, running, leaveOutOfExports, error } = useStore(app.duplicates.store);
  const [message, setMessage] = useState('');
  useEffect(() => {
    if (!app.duplicates.store.get().report) void app.duplicates.find().catch(() => {});
  }, [app]);
  const name = (id: string) => {
    const track = app.library.view(id)?.track;
    return track ? track.relativePath : id;
  };
  const facts = (id: string) => {
    const tags = app.library.view(id)?.track.tags;
    return [tags?.codec, tags?.bitrateKbps ? `${tags.bitrateKbps} kbps` : '', tags?.durationSec ? `${tags.durationSec.toFixed(1)} s` : '']
      .filter(Boolean)
      .join(' · ');
  };
  return (
    <section className="duplicates-view" aria-labelledby="duplicates-title" data-testid="duplicates-view">
      <header className="duplicates-header">
        <h2 id="duplicates-title">Duplicates</h2>
        <button onClick={() => void app.duplicates.find().catch(() => {})} disabled={running}>
          {running ? 'Looking…' : 'Look again'}
        </button>
        <button
          disabled={!report?.toRemove.length}
          onClick={() =>
            void app.duplicates.makeCrate().then(
              (id) => {
                setMessage(`${report?.toRemove.length} tracks are in the crate “Duplicates to remove”.`);
                onOpenCrate(id);
              },
              (error: unknown) => setMessage(`The crate could not be made: ${errorMessage(error)}`),
            )
          }
          data-testid="duplicates-make-crate"
        >
          Make crate “Duplicates to remove”
        </button>
        <label>
          <input
            type="checkbox"
            checked={leaveOutOfExports}
            onChange={(e) => void app.duplicates.setLeaveOutOfExports(e.target.checked)}
            data-testid="duplicates-leave-out"
          />
          Leave duplicates out of exports
        </label>
      </header>
      {error && <p role="alert">{error}</p>}
      {message && <p role="status">{message}</p>}
      {report && (
        <p className="muted" data-testid="duplicates-summary">
          {report.groups.filter((g) => g.kind !== 'versions').length} duplicate groups, {report.groups.filter((g) => g.kind === 'versions').length} version
          groups; {report.toRemove.length} files could be removed (rbassist deletes nothing).
          {report.withoutFingerprint > 0 && (
            <>
              {' '}
              <b data-testid="duplicates-pending">{report.withoutFingerprint}</b> tracks have no fingerprint yet and were not checked: the analysis gives them
              one (tracks analysed before fingerprints existed get only the fingerprint, their other results are kept).
            </>
          )}
        </p>
      )}
      <ol className="duplicate-groups">
        {report?.groups.map((group) => (
          <li key={group.key} data-testid="duplicate-group" data-kind={group.kind}>
            <h3>{KIND_TITLE[group.kind]}</h3>
            <ul>
              {group.trackIds.map((id) => {
                const evidence = group.evidence.find((e) => (e.a === id || e.b === id) && id !== group.keeper) ?? group.evidence.find((e) => e.b === id);
                return (
                  <li key={id} data-track-id={id} data-keeper={group.keeper === id || undefined}>
                    {group.keeper ? (
                      <label>
                        <input
                          type="radio"
                          name={group.key}
                          checked={group.keeper === id}
                          onChange={() => void app.duplicates.keep(id)}
                          aria-label={`Keep ${name(id)}`}
                        />
                        <span className="path">{name(id)}</span>
                      </label>
                    ) : (
                      <span className="path">{name(id)}</span>
                    )}{' '}
                    <span className="muted">{facts(id)}</span>
                    {group.keeper === id && <b> keep ({group.keeperReason})</b>}
                    {evidence && group.keeper !== id && <span className="muted evidence"> — {evidenceText(evidence)}</span>}
                  </li>
                );
              })}
            </ul>
          </li>
        ))}
      </ol>
    </section>
  );
}
