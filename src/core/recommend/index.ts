export { recommend, type Recommendation, type RecommendRequest } from './recommend';
export { compileFilters, type RecommendFilters } from './filters';
export { bpmRangeAround, tempoRelation, type BpmRange, type TempoRelation } from './tempo';
export { harmonicRelation, type HarmonicRelation } from './harmonic';
export { artistNames } from './artists';
export type { TrackFacts, TrackFactsLookup } from './trackFacts';
