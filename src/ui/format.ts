/** Display helpers shared by tables and panels. */
export function formatDuration(seconds: number | undefined): string {
  if (seconds == null || !Number.isFinite(seconds)) return '';
  const total = Math.round(seconds);
  return `${Math.floor(total / 60)}:${String(total % 60).padStart(2, '0')}`;
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const units = ['KB', 'MB', 'GB', 'TB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

/** Where embeddings actually run, as the embed worker reported it (never what was merely asked for). */
export function formatEmbedDevice(setup: { device: 'webgpu' | 'wasm'; adapter?: string; threads: number; precision: string }): string {
  const where = setup.device === 'webgpu' ? `WebGPU (${setup.adapter ?? 'GPU'})` : `CPU/WASM, ${setup.threads} thread(s)`;
  return `${where}, ${setup.precision}`;
}

/** A set's or crate's total length: 58:12, or 1 h 15 min past the hour. */
export function formatTotalLength(seconds: number): string {
  if (seconds < 3600) return formatDuration(seconds);
  const minutes = Math.round(seconds / 60);
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}
