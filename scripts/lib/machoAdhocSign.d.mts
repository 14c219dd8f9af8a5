export const CPU_TYPES: Record<number, string>;
export interface MachOSignatureCheck {
  cpu: string;
  identifier: string;
  adhoc: boolean;
  codeLimit: number;
  badPages: number[];
  requirementsOk: boolean;
  valid: boolean;
  pageHashes(page: number): Buffer;
}
export function readMachO(bytes: Buffer): {
  cpu: string;
  ncmds: number;
  sizeofcmds: number;
  segments: Record<string, { at: number; fileoff: number; filesize: number }>;
  codeSignature?: { at: number; dataoff: number; datasize: number };
};
export function adhocSignMachO(bytes: Buffer, identifier: string): Buffer;
export function verifyMachOSignature(bytes: Buffer): MachOSignatureCheck;
