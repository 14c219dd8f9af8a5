import type { Analyzer } from './types';

/**
 * An ordered set of analyzers with unique ids. The runner knows nothing about which analyzers
 * exist: it runs whatever registry it is handed (Mixxx's analysis loop works the same way).
 */
export class AnalyzerRegistry {
  private readonly byId = new Map<string, Analyzer>();

  constructor(analyzers: Iterable<Analyzer> = []) {
    for (const analyzer of analyzers) this.register(analyzer);
  }

  register(analyzer: Analyzer): this {
    if (!/^[a-z][a-z0-9-]*$/.test(analyzer.id)) throw new Error(`Analyzer id must be lower-case letters, digits or '-', got "${analyzer.id}"`);
    if (!Number.isInteger(analyzer.version) || analyzer.version < 1) {
      throw new Error(`Analyzer "${analyzer.id}" needs a positive integer version, got ${analyzer.version}`);
    }
    if (this.byId.has(analyzer.id)) throw new Error(`Analyzer "${analyzer.id}" is registered twice`);
    for (const id of analyzer.requires ?? []) {
      if (!this.byId.has(id)) throw new Error(`Analyzer "${analyzer.id}" reads "${id}", which must be registered before it`);
    }
    this.byId.set(analyzer.id, analyzer);
    return this;
  }

  get(id: string): Analyzer | undefined {
    return this.byId.get(id);
  }

  list(): Analyzer[] {
    return [...this.byId.values()];
  }
}
