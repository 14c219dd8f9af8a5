import { useEffect, useRef } from 'react';
import type { SampleWindow } from '../core/sampling';

interface Props {
  strip?: Float32Array;
  windows: SampleWindow[];
  durationSec: number;
  anchorSec?: number | null;
}

const COLORS: Record<string, string> = { main: 'rgba(255,122,48,0.35)', tail: 'rgba(82,208,138,0.35)', spot: 'rgba(120,160,255,0.35)' };

/** Loudness envelope of the whole track with the sampled windows and the beat-grid anchor drawn on it. */
export function TrackStrip({ strip, windows, durationSec, anchorSec }: Props) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const c = canvas.current;
    const ctx = c?.getContext('2d');
    if (!c || !ctx) return;
    const ratio = window.devicePixelRatio || 1;
    const width = c.clientWidth * ratio;
    const height = c.clientHeight * ratio;
    c.width = width;
    c.height = height;
    ctx.clearRect(0, 0, width, height);
    const x = (sec: number) => (durationSec > 0 ? (sec / durationSec) * width : 0);
    for (const w of windows) {
      ctx.fillStyle = COLORS[w.kind] ?? COLORS.spot;
      ctx.fillRect(x(w.startSec), 0, Math.max(1, x(w.endSec) - x(w.startSec)), height);
    }
    if (strip && strip.length) {
      ctx.fillStyle = '#c9ced8';
      const bar = width / strip.length;
      for (let i = 0; i < strip.length; i++) {
        const h = Math.max(1, strip[i] * height * 0.9);
        ctx.fillRect(i * bar, (height - h) / 2, Math.max(1, bar - 0.5), h);
      }
    }
    if (anchorSec != null) {
      ctx.fillStyle = '#ff5c5c';
      ctx.fillRect(x(anchorSec), 0, 2 * ratio, height);
    }
  }, [strip, windows, durationSec, anchorSec]);
  const label = windows.map((w) => `${w.kind} ${w.startSec.toFixed(0)}–${w.endSec.toFixed(0)} s`).join(', ');
  return (
    <canvas
      ref={canvas}
      className="track-strip"
      role="img"
      aria-label={`Loudness over time with sampled windows: ${label || 'none yet'}`}
      data-testid="track-strip"
    />
  );
}
