/**
 * Under the library map: the tracks in the lasso, and making a crate of them.
 * @module
 */
import { useState } from 'react';
import { errorMessage } from '../../core/errors';

interface Props {
  lassoIds: string[] | null;
  onMakeCrate: (name: string, trackIds: string[]) => Promise<void>;
  onClear: () => void;
}

export function MapSelection({ lassoIds, onMakeCrate, onClear }: Props) {
  const [crateName, setCrateName] = useState('Map selection');
  const [error, setError] = useState<string | null>(null);
  const makeCrate = async () => {
    if (!lassoIds?.length) return;
    try {
      await onMakeCrate(crateName, lassoIds);
    } catch (e) {
      setError(errorMessage(e));
    }
  };
  return (
    <div className="map-selection" data-testid="map-selection">
      {lassoIds ? (
        <>
          <span>{lassoIds.length} tracks in the lasso</span>
          <label>
            Crate name <input value={crateName} onChange={(e) => setCrateName(e.target.value)} data-testid="lasso-crate-name" />
          </label>
          <button className="primary" onClick={() => void makeCrate()} disabled={lassoIds.length === 0} data-testid="lasso-make-crate">
            Make crate
          </button>
          <button onClick={onClear}>Clear</button>
        </>
      ) : (
        <span className="muted">Draw a lasso (L, or Shift+drag) around tracks to make a crate.</span>
      )}
      {error && (
        <span className="message" role="alert">
          {error}
        </span>
      )}
    </div>
  );
}
