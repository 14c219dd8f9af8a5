/**
 * Phrase-aware auto cues: templates (which boundary each hot cue A–H and memory cue marks) and
 * their application to a track's structure.
 * @module
 */
export * from './cueTemplates';
export * from './autoCues';
