export * from './rules';
export { compileRules, selectTracks, RulesError, type RuleContext } from './evaluate';
export { describeCondition, describeRules, type DescribeOptions } from './describe';
export { energyTargets, ENERGY_CURVES, CURVE_NAMES, type EnergyCurve } from './energyCurve';
export {
  buildSet,
  swapStep,
  stepAllowed,
  planTrackIds,
  type SetBuilderOptions,
  type SetBuilderSources,
  type SetPlan,
  type SetStep,
  type SetTrackFacts,
  type StepConstraints,
  type NeighbourCandidate,
  type RankedCandidate,
  type SwapResult,
} from './setBuilder';
