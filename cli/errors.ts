import { errorMessage } from '../src/core/errors';
/**
 * Errors the CLI reports to the DJ as one sentence (no stack trace): a bad folder, an unknown
 * option, a damaged state file. Anything else that escapes is a bug and is printed with its stack.
 */
export class CliError extends Error {
  constructor(
    message: string,
    /** 1: the command could not run; 2: the command line itself is wrong. */
    readonly exitCode: 1 | 2 = 1,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

/** Exit codes, documented in cli/README.md. */
export const EXIT = {
  ok: 0,
  failed: 1,
  usage: 2,
  /** The run finished but some tracks could not be processed (each is listed with its reason). */
  someTracksFailed: 3,
  interrupted: 130,
} as const;

/** "EACCES: permission denied, open '/x'" → "permission denied" (the path is printed by the caller). */
export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'it does not exist';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENOTDIR':
      return 'it is not a folder';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'EIO':
      return 'a disk read error occurred';
    case 'ENOSPC':
      return 'the disk is full';
    default:
      return errorMessage(error);
  }
}
