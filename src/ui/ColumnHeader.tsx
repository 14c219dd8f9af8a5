/**
 * One sortable column header, shared by the library table and the crate tables (the same columns
 * sort the same way in both). The library's headers also take a resize handle: drag the header's
 * right edge, or focus the handle and press ←/→.
 * @module
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, type Column } from './libraryColumns';

/** Sorted by this column ascending, descending, or not at all. */
export type HeaderSort = 'ascending' | 'descending' | 'none';

interface Props {
  column: Column;
  sort: HeaderSort;
  onSort: () => void;
  /** Width in px now (the handle's value). */
  width?: number;
  /** A new width in px while dragging or on ←/→; `done` once the drag ends (time to remember it). */
  onResize?: (px: number, done: boolean) => void;
}

const KEY_STEP = 8;

export function ColumnHeader({ column, sort, onSort, width, onResize }: Props) {
  const header = useRef<HTMLDivElement>(null);
  const drag = useRef<{ startX: number; startWidth: number } | null>(null);

  const onPointerDown = (event: PointerEvent<HTMLSpanElement>) => {
    if (event.button !== 0 || !header.current) return;
    event.preventDefault();
    event.currentTarget.setPointerCapture(event.pointerId);
    drag.current = { startX: event.clientX, startWidth: header.current.getBoundingClientRect().width };
  };
  const widthAt = (event: PointerEvent) => drag.current!.startWidth + event.clientX - drag.current!.startX;
  const onPointerMove = (event: PointerEvent) => {
    if (drag.current) onResize?.(widthAt(event), false);
  };
  const onPointerUp = (event: PointerEvent) => {
    if (!drag.current) return;
    onResize?.(widthAt(event), true);
    drag.current = null;
  };
  const onHandleKey = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
    event.preventDefault();
    const now = header.current?.getBoundingClientRect().width ?? width ?? column.width;
    const step = (event.shiftKey ? 4 : 1) * KEY_STEP;
    onResize?.(now + (event.key === 'ArrowLeft' ? -step : step), true);
  };

  return (
    <div ref={header} role="columnheader" aria-sort={sort} className={`column-header${column.numeric ? ' numeric' : ''}`} data-col={column.id}>
      <button onClick={onSort} title={`Sort by ${column.header}`}>
        {column.header}
        {sort === 'ascending' ? ' ▴' : sort === 'descending' ? ' ▾' : ''}
      </button>
      {onResize && (
        <span
          className="column-resize"
          role="separator"
          aria-orientation="vertical"
          aria-label={`Width of ${column.header}`}
          aria-valuemin={MIN_COLUMN_WIDTH}
          aria-valuemax={MAX_COLUMN_WIDTH}
          aria-valuenow={Math.round(width ?? column.width)}
          tabIndex={0}
          title="Drag to resize (←/→ when focused)"
          data-testid={`resize-${column.id}`}
          onPointerDown={onPointerDown}
          onPointerMove={onPointerMove}
          onPointerUp={onPointerUp}
          onPointerCancel={() => (drag.current = null)}
          onKeyDown={onHandleKey}
          onClick={(event) => event.stopPropagation()}
        />
      )}
    </div>
  );
}
