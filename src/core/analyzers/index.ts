export type { Analyzer, AnalyzerFields, AnalyzerResult, JsonValue, SharedCurves } from './types';
export { AnalyzerRegistry } from './registry';
export { runAnalyzers, type RunOutcome } from './runner';
export { defaultAnalyzerRegistry, type AnalyzerSettings } from './defaultAnalyzers';
export { createBpmAnalyzer, estimateTempo, bpmInRange, DEFAULT_BPM_RANGE, type BpmFields, type BpmOptions } from './bpm/bpmAnalyzer';
export { createKeyAnalyzer, estimateKey, type KeyFields } from './key/keyAnalyzer';
export { createEnergyAnalyzer, estimateEnergy, type EnergyFields } from './energy/energyAnalyzer';
export { compareBpm, compareKey, type BpmComparison, type KeyComparison, type TagPreference } from './tagComparison';
