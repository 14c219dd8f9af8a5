/**
 * The size of a canvas that fills its wrapper, in device pixels (at most 2 per CSS pixel), kept up
 * to date as the wrapper resizes.
 * @module
 */
import { useEffect, useState, type RefObject } from 'react';

export interface CanvasSize {
  width: number;
  height: number;
  /** Canvas pixels per CSS pixel. */
  ratio: number;
}

export function useCanvasSize(wrapRef: RefObject<HTMLElement | null>): CanvasSize {
  const [size, setSize] = useState<CanvasSize>({ width: 0, height: 0, ratio: 1 });
  useEffect(() => {
    const wrap = wrapRef.current;
    if (!wrap) return;
    const observer = new ResizeObserver(() => {
      const ratio = Math.min(2, window.devicePixelRatio || 1);
      setSize({ width: Math.max(1, Math.round(wrap.clientWidth * ratio)), height: Math.max(1, Math.round(wrap.clientHeight * ratio)), ratio });
    });
    observer.observe(wrap);
    return () => observer.disconnect();
  }, [wrapRef]);
  return size;
}
