/**
 * A uniform grid over points in the unit square, so "which point is under the mouse" and "which
 * points are inside the lasso" look at a few cells instead of all 50k points.
 */
export type Polygon = readonly (readonly [number, number])[];

/** Even–odd rule: is (x, y) inside the polygon (closed implicitly)? */
export function pointInPolygon(x: number, y: number, polygon: Polygon): boolean {
  let inside = false;
  for (let i = 0, j = polygon.length - 1; i < polygon.length; j = i++) {
    const [xi, yi] = polygon[i];
    const [xj, yj] = polygon[j];
    if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

export class PointGrid {
  readonly size: number;
  /** Point indices sorted by cell; `starts[c]..starts[c+1]` are cell c's. */
  private readonly order: Uint32Array;
  private readonly starts: Uint32Array;

  constructor(readonly xy: Float32Array) {
    const n = xy.length / 2;
    this.size = Math.max(1, Math.min(1024, Math.ceil(Math.sqrt(n / 4))));
    const cells = this.size * this.size;
    const counts = new Uint32Array(cells + 1);
    const cellOf = new Uint32Array(n);
    for (let i = 0; i < n; i++) {
      const cell = this.cellIndex(xy[i * 2], xy[i * 2 + 1]);
      cellOf[i] = cell;
      counts[cell + 1]++;
    }
    for (let c = 0; c < cells; c++) counts[c + 1] += counts[c];
    this.starts = counts.slice();
    const fill = counts.slice(0, cells);
    this.order = new Uint32Array(n);
    for (let i = 0; i < n; i++) this.order[fill[cellOf[i]]++] = i;
  }

  private axisCell(value: number): number {
    return Math.min(this.size - 1, Math.max(0, Math.floor(value * this.size)));
  }

  private cellIndex(x: number, y: number): number {
    return this.axisCell(y) * this.size + this.axisCell(x);
  }

  private *pointsIn(x0: number, y0: number, x1: number, y1: number): Generator<number> {
    const cx0 = this.axisCell(x0),
      cx1 = this.axisCell(x1),
      cy0 = this.axisCell(y0),
      cy1 = this.axisCell(y1);
    for (let cy = cy0; cy <= cy1; cy++) {
      for (let cx = cx0; cx <= cx1; cx++) {
        const cell = cy * this.size + cx;
        for (let k = this.starts[cell]; k < this.starts[cell + 1]; k++) yield this.order[k];
      }
    }
  }

  /** The point nearest to (x, y) within `radius` (same units as the points), or -1. */
  nearest(x: number, y: number, radius: number): number {
    let best = -1;
    let bestDistance = radius * radius;
    for (const i of this.pointsIn(x - radius, y - radius, x + radius, y + radius)) {
      const d = (this.xy[i * 2] - x) ** 2 + (this.xy[i * 2 + 1] - y) ** 2;
      if (d < bestDistance || (d === bestDistance && best >= 0 && i < best)) {
        bestDistance = d;
        best = i;
      }
    }
    return best;
  }

  /** Indices of the points inside the polygon, ascending. */
  inside(polygon: Polygon): number[] {
    if (polygon.length < 3) return [];
    const xs = polygon.map((p) => p[0]);
    const ys = polygon.map((p) => p[1]);
    const found: number[] = [];
    for (const i of this.pointsIn(Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys))) {
      if (pointInPolygon(this.xy[i * 2], this.xy[i * 2 + 1], polygon)) found.push(i);
    }
    return found.sort((a, b) => a - b);
  }
}
