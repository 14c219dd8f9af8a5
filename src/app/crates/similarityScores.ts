import type { MapWorkerApi } from '../../../workers/map.worker';
import type { WorkerHost } from '../workerHost';

/**
 * Similarity of every embedded track to one seed, for "similar to X above a score" rules. Scores
 * come from the map worker (all vectors, exact cosine) and are kept until the set of vectors changes.
 */
export interface VectorRows {
  readonly rowOf: ReadonlyMap<string, number>;
}

export class SimilarityScores {
  private readonly cache = new Map<string, { signature: string; scores: Map<string, number> }>();

  constructor(
    private readonly worker: WorkerHost<MapWorkerApi>,
    private readonly vectors: VectorRows,
    private readonly modelId: () => string,
    private readonly dims: number,
  ) {}

  private signature(): string {
    return `${this.modelId()}:${this.vectors.rowOf.size}`;
  }

  /** Scores by track id; throws when the seed has no vector yet. */
  async of(seedTrackId: string, seedName: string): Promise<Map<string, number>> {
    const signature = this.signature();
    const hit = this.cache.get(seedTrackId);
    if (hit && hit.signature === signature) return hit.scores;
    const seedRow = this.vectors.rowOf.get(seedTrackId);
    if (seedRow === undefined) throw new Error(`"${seedName}" has no vector yet: analyse it to use it in a similar-to rule`);
    const ids = [...this.vectors.rowOf.keys()];
    const rows = Uint32Array.from(ids, (id) => this.vectors.rowOf.get(id)!);
    const modelId = this.modelId();
    // Scores are a pure function of the vector file: safe to compute again on a fresh worker.
    const values = await this.worker.run((api) => api.similarities(modelId, this.dims, seedRow, rows), { label: 'Scoring similarity', retryOnLoss: true });
    const scores = new Map<string, number>();
    ids.forEach((id, i) => {
      if (!Number.isNaN(values[i])) scores.set(id, values[i]);
    });
    this.cache.set(seedTrackId, { signature, scores });
    return scores;
  }
}
