import { createBpmAnalyzer, type BpmOptions } from './bpm/bpmAnalyzer';
import { createEnergyAnalyzer } from './energy/energyAnalyzer';
import { createKeyAnalyzer } from './key/keyAnalyzer';
import { createStructureAnalyzer } from './structure/structureAnalyzer';
import { AnalyzerRegistry } from './registry';
import { createFingerprintAnalyzer } from '../library/duplicates/audioFingerprint';

export interface AnalyzerSettings {
  bpm?: Partial<BpmOptions>;
}

/** The analyzers rbassist runs on every track: bpm, key, energy, structure (on bpm's bar grid), and the audio fingerprint duplicates are found by. */
export function defaultAnalyzerRegistry(settings: AnalyzerSettings = {}): AnalyzerRegistry {
  return new AnalyzerRegistry([
    createBpmAnalyzer(settings.bpm),
    createKeyAnalyzer(),
    createEnergyAnalyzer(),
    createStructureAnalyzer(),
    createFingerprintAnalyzer(),
  ]);
}
