export const SEA_FUSE: string;
export interface ExecutableDescription {
  format: 'PE' | 'Mach-O' | 'ELF';
  arch: string;
  fuseFlipped: boolean;
  console?: boolean;
  certificateBytes?: number;
  segments?: string[];
  signature?: 'none' | 'valid' | 'invalid';
}
export function describeExecutable(bytes: Buffer): ExecutableDescription;
export function clearDanglingPeCertificate(bytes: Buffer): Buffer;
