import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from './settings';
import { currentPreset, planPreset } from './presets';

const nothingInstalled = () => false;

describe('presets', () => {
  it('a fresh install shows the preset it really uses (club_hifi_150s + built-in), not "Fast"', () => {
    expect(currentPreset(DEFAULT_SETTINGS)).toBe('standard');
    expect(currentPreset({ profileName: 'baseline_75s', modelId: 'builtin-dsp' })).toBe('fast');
    expect(currentPreset({ profileName: 'baseline_75s', modelId: 'mert-v1-95m' })).toBe('custom');
  });

  it('says what a preset changes before anything is applied', () => {
    const plan = planPreset(DEFAULT_SETTINGS, 'fast', nothingInstalled);
    expect(plan.changes).toEqual([{ setting: 'Sampling profile', from: 'club_hifi_150s', to: 'baseline_75s' }]);
    expect(plan.patch).toEqual({ profileName: 'baseline_75s' });
    expect(planPreset(DEFAULT_SETTINGS, 'standard', nothingInstalled).changes).toEqual([]);
  });

  it('never selects a model that is not installed, and says how to get it', () => {
    const plan = planPreset({ profileName: 'baseline_75s', modelId: 'builtin-dsp' }, 'quality', nothingInstalled);
    expect(plan.patch).toEqual({ profileName: 'club_hifi_150s' });
    expect(plan.missingModel?.modelId).toBe('mert-v1-95m');
    expect(plan.missingModel?.howToGet).toMatch(/not installed.*download.*load the files/s);
    const installed = planPreset({ profileName: 'baseline_75s', modelId: 'builtin-dsp' }, 'quality', (id) => id === 'mert-v1-95m');
    expect(installed.patch).toEqual({ profileName: 'club_hifi_150s', modelId: 'mert-v1-95m' });
    expect(installed.missingModel).toBeUndefined();
  });
});
