/**
 * Keyboard shortcuts of the workspace, as data: the help dialog lists them and docs/shortcuts.md
 * describes the same keys. Global keys work whenever the focus is not in a text field.
 */
export interface Shortcut {
  keys: string;
  what: string;
}

export interface ShortcutGroup {
  where: string;
  shortcuts: Shortcut[];
}

export const SHORTCUTS: ShortcutGroup[] = [
  {
    where: 'Anywhere (outside text fields)',
    shortcuts: [
      { keys: '1 / 2 / 3 / 4 / 5', what: 'Library / Map / Set builder / Duplicates / Incoming' },
      { keys: 'N', what: 'New crate' },
      { keys: 'Shift+N', what: 'New smart crate' },
      { keys: 'A', what: 'Add the selected track(s) to the current crate' },
      { keys: '?', what: 'Show these shortcuts' },
    ],
  },
  {
    where: 'Library table',
    shortcuts: [
      { keys: '↑ / ↓, Home / End', what: 'Previous / next / first / last track' },
      { keys: 'Shift+↑ / Shift+↓', what: 'Extend the selection (or Shift/Ctrl-click)' },
      { keys: 'Drag', what: 'Selected tracks onto a crate' },
    ],
  },
  {
    where: 'Crate list',
    shortcuts: [
      { keys: '↑ / ↓', what: 'Previous / next crate' },
      { keys: 'Enter', what: 'Open the crate' },
      { keys: 'Alt+↑ / Alt+↓', what: 'Move the crate up / down' },
      { keys: 'F2', what: 'Rename' },
      { keys: 'Delete', what: 'Delete (asks first)' },
    ],
  },
  {
    where: 'Tracks of a crate',
    shortcuts: [
      { keys: '↑ / ↓', what: 'Previous / next track' },
      { keys: 'Enter', what: 'Show the track' },
      { keys: 'Alt+↑ / Alt+↓', what: 'Move the track (hand-made crates)' },
      { keys: 'Delete', what: 'Remove it from the crate' },
    ],
  },
  {
    where: 'Map',
    shortcuts: [
      { keys: '+ / −', what: 'Zoom in / out (or the mouse wheel)' },
      { keys: 'Arrows', what: 'Pan (or drag)' },
      { keys: '0', what: 'Reset the view' },
      { keys: 'L', what: 'Lasso (or Shift+drag)' },
      { keys: 'C', what: 'Colour by key → energy → genre' },
      { keys: 'Escape', what: 'Clear the lasso selection' },
    ],
  },
  {
    where: 'Set builder list',
    shortcuts: [
      { keys: '↑ / ↓', what: 'Previous / next step' },
      { keys: 'S', what: 'Swap the step for the next-best track' },
      { keys: 'Enter', what: 'Show the track' },
    ],
  },
  {
    where: 'Waveform position (track detail)',
    shortcuts: [
      { keys: '← / →', what: 'Back / forward a beat' },
      { keys: 'Page Down / Page Up', what: 'Back / forward a bar' },
      { keys: 'Home / End', what: 'Start / end of the track' },
      { keys: 'Enter or Space', what: 'Preview from there' },
      { keys: '+ / −', what: 'Zoom in / out (1–32 bars)' },
    ],
  },
];

/** True when a key press belongs to a text field, not to the workspace. */
export function typingInto(target: EventTarget | null): boolean {
  const element = target as HTMLElement | null;
  if (!element || !element.tagName) return false;
  if (element.isContentEditable) return true;
  if (element.tagName === 'TEXTAREA' || element.tagName === 'SELECT') return true;
  if (element.tagName !== 'INPUT') return false;
  const type = (element as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'range'].includes(type);
}
