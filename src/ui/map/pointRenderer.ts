import { baseScale, type Viewport } from './viewport';

/**
 * Draws every point straight into an ImageData buffer (one Uint32 write per pixel): no path or
 * fill calls per point, so 50k points cost a couple of milliseconds a frame.
 */
export class PointRenderer {
  private image: ImageData | null = null;
  private pixels: Uint32Array | null = null;

  constructor(
    private readonly context: CanvasRenderingContext2D,
    private readonly background: number,
  ) {}

  private buffer(width: number, height: number): { image: ImageData; pixels: Uint32Array } {
    if (!this.image || this.image.width !== width || this.image.height !== height) {
      this.image = this.context.createImageData(width, height);
      this.pixels = new Uint32Array(this.image.data.buffer);
    }
    return { image: this.image, pixels: this.pixels! };
  }

  /** Draw the points (canvas pixels); `dim` marks points drawn faded (not in the selection). */
  draw(xy: Float32Array, colours: Uint32Array, view: Viewport, width: number, height: number, pointSize: number, dim?: Uint8Array): void {
    const { image, pixels } = this.buffer(width, height);
    pixels.fill(this.background);
    const scale = baseScale(width, height) * view.zoom;
    const offsetX = width / 2 - view.centerX * scale;
    const offsetY = height / 2 - view.centerY * scale;
    const half = pointSize >> 1;
    const n = xy.length >> 1;
    for (let i = 0; i < n; i++) {
      const sx = (xy[i * 2] * scale + offsetX - half) | 0;
      const sy = (xy[i * 2 + 1] * scale + offsetY - half) | 0;
      if (sx < 0 || sy < 0 || sx + pointSize > width || sy + pointSize > height) continue;
      let colour = colours[i];
      // Faded: halve each channel (keeps alpha opaque).
      if (dim && dim[i]) colour = (((colour >>> 1) & 0x007f7f7f) | 0xff000000) >>> 0;
      // Dots of 5 px and more lose their corner pixels, so they read as round.
      const corner = pointSize >= 5 ? 1 : 0;
      for (let dy = 0; dy < pointSize; dy++) {
        const row = (sy + dy) * width + sx;
        const inset = corner && (dy === 0 || dy === pointSize - 1) ? corner : 0;
        for (let dx = inset; dx < pointSize - inset; dx++) pixels[row + dx] = colour;
      }
    }
    this.context.putImageData(image, 0, 0);
  }
}
