import { describe, expect, it } from 'vitest';
import { artistNames, sameAlbum } from './artists';

describe('artist names', () => {
  it('splits collaborations into folded names', () => {
    expect(artistNames('Bicep & Hammer feat. Clara La San')).toEqual(['bicep', 'hammer', 'clara la san']);
    expect(artistNames('Malaa x Tchami')).toEqual(['malaa', 'tchami']);
    expect(artistNames('Röyksopp, Robyn')).toEqual(['royksopp', 'robyn']);
    expect(artistNames('DJ Koze ft Róisín Murphy')).toEqual(['dj koze', 'roisin murphy']);
  });

  it('keeps names that merely contain separator letters', () => {
    expect(artistNames('Xinobi')).toEqual(['xinobi']);
    expect(artistNames('Above and Beyond')).toEqual(['above and beyond']);
    expect(artistNames('')).toEqual([]);
    expect(artistNames(undefined)).toEqual([]);
  });

  it('compares albums ignoring case and accents', () => {
    expect(sameAlbum('Café del Mar Vol. 1', 'CAFE DEL MAR VOL. 1')).toBe(true);
    expect(sameAlbum('Isles', 'Isles (Deluxe)')).toBe(false);
    expect(sameAlbum(undefined, 'Isles')).toBe(false);
  });
});
