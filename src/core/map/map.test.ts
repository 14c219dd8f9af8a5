import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../hash';
import { computeLayout } from './layout';
import { normalizeLayout } from './normalize';
import { pcaLayout } from './pca';
import { PointGrid, pointInPolygon, type Polygon } from './pointGrid';
import { umapLayout } from './umapLayout';

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** `perCluster` points around each of `k` random centres in `dims` dimensions, with labels. */
function clusters(seed: number, k: number, perCluster: number, dims: number, spread = 0.15) {
  const random = mulberry32(seed);
  const centres = Array.from({ length: k }, () => Array.from({ length: dims }, () => gaussian(random)));
  const vectors = new Float32Array(k * perCluster * dims);
  const labels: number[] = [];
  for (let c = 0; c < k; c++) {
    for (let p = 0; p < perCluster; p++) {
      const row = c * perCluster + p;
      for (let d = 0; d < dims; d++) vectors[row * dims + d] = centres[c][d] + spread * gaussian(random);
      labels.push(c);
    }
  }
  return { vectors, labels };
}

/** Share of points whose `k` nearest neighbours on the map carry their own label. */
function neighbourPurity(xy: Float32Array, labels: number[], k = 5): number {
  let same = 0;
  for (let i = 0; i < labels.length; i++) {
    const distances = labels.map((_, j) => ({ j, d: j === i ? Infinity : (xy[i * 2] - xy[j * 2]) ** 2 + (xy[i * 2 + 1] - xy[j * 2 + 1]) ** 2 }));
    distances.sort((a, b) => a.d - b.d);
    same += distances.slice(0, k).filter(({ j }) => labels[j] === labels[i]).length;
  }
  return same / (labels.length * k);
}

describe('PCA layout', () => {
  it('recovers a plane hidden in 64 dimensions', () => {
    const random = mulberry32(3);
    const dims = 64;
    const n = 500;
    // Two orthonormal directions carrying variance 9 and 4; everything else is small noise.
    const u = Array.from({ length: dims }, () => gaussian(random));
    const v = Array.from({ length: dims }, () => gaussian(random));
    const norm = (a: number[]) => Math.hypot(...a);
    const un = u.map((x) => x / norm(u));
    const dot = un.reduce((s, x, i) => s + x * v[i], 0);
    const vo = v.map((x, i) => x - dot * un[i]);
    const vn = vo.map((x) => x / norm(vo));
    const latent = Array.from({ length: n }, () => [3 * gaussian(random), 2 * gaussian(random)]);
    const vectors = new Float32Array(n * dims);
    for (let r = 0; r < n; r++)
      for (let d = 0; d < dims; d++) vectors[r * dims + d] = 5 + latent[r][0] * un[d] + latent[r][1] * vn[d] + 0.05 * gaussian(random);
    const xy = pcaLayout(vectors, dims, 1);
    const correlation = (axis: number, latentAxis: number) => {
      const a = latent.map((l) => l[latentAxis]);
      const b = Array.from({ length: n }, (_, r) => xy[r * 2 + axis]);
      const ma = a.reduce((s, x) => s + x, 0) / n,
        mb = b.reduce((s, x) => s + x, 0) / n;
      let sab = 0,
        saa = 0,
        sbb = 0;
      for (let i = 0; i < n; i++) {
        sab += (a[i] - ma) * (b[i] - mb);
        saa += (a[i] - ma) ** 2;
        sbb += (b[i] - mb) ** 2;
      }
      return Math.abs(sab / Math.sqrt(saa * sbb));
    };
    expect(correlation(0, 0)).toBeGreaterThan(0.99);
    expect(correlation(1, 1)).toBeGreaterThan(0.99);
    expect(pcaLayout(vectors, dims, 1)).toEqual(xy);
  });

  it('handles degenerate input: no rows, one row, identical rows', () => {
    expect(pcaLayout(new Float32Array(0), 8)).toEqual(new Float32Array(0));
    expect([...pcaLayout(new Float32Array(8).fill(1), 8)]).toEqual([0, 0]);
    const same = pcaLayout(new Float32Array(32).fill(0.5), 8);
    expect([...same].every((v) => v === 0)).toBe(true);
    expect(() => pcaLayout(new Float32Array(10), 8)).toThrow(/whole rows/);
  });
});

describe('UMAP layout', () => {
  it('keeps clusters together and is the same for the same seed', () => {
    const { vectors, labels } = clusters(9, 5, 40, 32);
    const xy = umapLayout(vectors, 32, { seed: 4, nEpochs: 150 });
    expect(neighbourPurity(xy, labels)).toBeGreaterThan(0.95);
    expect(umapLayout(vectors, 32, { seed: 4, nEpochs: 150 })).toEqual(xy);
  }, 60_000);
});

describe('computeLayout', () => {
  it('picks UMAP up to the limit and PCA above, always in the unit square', () => {
    const { vectors } = clusters(2, 3, 10, 16);
    const umap = computeLayout(vectors, 16, { umapLimit: 100, seed: 1 });
    const pca = computeLayout(vectors, 16, { umapLimit: 20, seed: 1 });
    expect(umap.method).toBe('umap');
    expect(pca.method).toBe('pca');
    for (const { xy } of [umap, pca]) for (const value of xy) expect(value >= 0 && value <= 1).toBe(true);
    expect(computeLayout(vectors.subarray(0, 16 * 4), 16).method).toBe('pca'); // too few for UMAP
  }, 60_000);

  it('normalising keeps the aspect ratio and pulls in outliers', () => {
    const xy = Float32Array.from([0, 0, 2, 1, 1, 0.5]);
    expect([...normalizeLayout(xy)]).toEqual([0, 0.25, 1, 0.75, 0.5, 0.5]);
    const n = 1000;
    const withOutlier = new Float32Array(n * 2);
    for (let i = 0; i < n; i++) withOutlier.set([i / n, (i % 10) / 10], i * 2);
    withOutlier.set([1e6, 0], 0);
    const fitted = normalizeLayout(withOutlier);
    expect(fitted[0]).toBeLessThanOrEqual(1);
    expect(fitted[2 * 500]).toBeGreaterThan(0.4); // the bulk still spreads across the square
  });
});

describe('PointGrid', () => {
  const random = mulberry32(17);
  const n = 5000;
  const xy = Float32Array.from({ length: n * 2 }, () => random());
  const grid = new PointGrid(xy);

  it('finds the same nearest point as a full scan', () => {
    for (let trial = 0; trial < 300; trial++) {
      const x = random(),
        y = random(),
        radius = 0.02;
      let best = -1,
        bestD = radius * radius;
      for (let i = 0; i < n; i++) {
        const d = (xy[i * 2] - x) ** 2 + (xy[i * 2 + 1] - y) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      expect(grid.nearest(x, y, radius)).toBe(best);
    }
  });

  it('finds the same points inside a lasso as a full scan', () => {
    for (let trial = 0; trial < 30; trial++) {
      const cx = random(),
        cy = random(),
        r = 0.05 + random() * 0.3;
      const polygon: Polygon = Array.from({ length: 7 }, (_, k) => {
        const a = (k / 7) * 2 * Math.PI;
        const rr = r * (k % 2 ? 0.5 : 1); // a star: concave
        return [cx + rr * Math.cos(a), cy + rr * Math.sin(a)] as const;
      });
      const expected: number[] = [];
      for (let i = 0; i < n; i++) if (pointInPolygon(xy[i * 2], xy[i * 2 + 1], polygon)) expected.push(i);
      expect(grid.inside(polygon)).toEqual(expected);
    }
    expect(
      pointInPolygon(0.5, 0.5, [
        [0, 0],
        [1, 0],
        [1, 1],
        [0, 1],
      ]),
    ).toBe(true);
    expect(
      pointInPolygon(0.5, 0.5, [
        [0, 0],
        [1, 0],
        [0.4, 0.4],
        [0, 1],
      ]),
    ).toBe(false);
  });
});
