import type { MatchableTrack, TrackWithComment } from '../index';

/** A DJ library to match the fixture CSVs against (ids sort in a different order than titles). */
export const LIBRARY: (MatchableTrack & TrackWithComment)[] = [
  { id: 't01', artist: 'Bjork', title: 'Joga', album: 'Homogenic', comment: 'Visit http://bjork.bandcamp.com' },
  { id: 't02', artist: 'Björk', title: 'Jóga', album: 'Homogenic' }, // the FLAC copy of the same track
  { id: 't03', artist: 'Floating Points & Pharoah Sanders', title: 'Movement 1', album: 'Promises' },
  { id: 't04', artist: 'Aphex Twin', title: 'Windowlicker', album: 'Windowlicker' },
  { id: 't05', artist: 'DJ Koze', title: 'Pick Up', album: 'Knock Knock' },
  { id: 't06', artist: 'Moderat', title: 'Bad Kingdom', album: 'II' },
  { id: 't07', artist: 'Burial', title: 'Archangel', album: 'Untrue' },
  { id: 't08', artist: 'Burial', title: 'Near Dark', album: 'Untrue' },
  { id: 't09', artist: 'Our Artist', title: 'Anthem', album: 'First EP' },
  { id: 't10', artist: 'Our Artist', title: 'B-Side', album: 'First EP' },
  { id: 't11', artist: 'Ólafur Arnalds', title: 'Saman' },
  { id: 't12', artist: 'Someone Else', title: 'Unrelated', comment: 'Purchased at https://shop.example.com' },
  { id: 't13', artist: 'Label Act', title: 'Tagged Only', comment: 'Visit https://Some-Label.bandcamp.com for more' },
];
