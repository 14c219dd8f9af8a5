// What a built launcher is, read from its bytes: format, architecture, whether the app's launcher
// script is embedded (Node's SEA fuse is flipped and the blob is present) and its signature state.
// Used by `npm run bundle` (to finish and check each launcher) and by the bundle's tests.
import { readMachO, verifyMachOSignature } from './machoAdhocSign.mjs';

/** Node's single-executable-application fuse; `:1` once an app has been injected. */
export const SEA_FUSE = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';
const PE_MACHINES = { 0x8664: 'x64', 0xaa64: 'arm64', 0x14c: 'x86' };
const ELF_MACHINES = { 0x3e: 'x64', 0xb7: 'arm64' };

function peLayout(bytes) {
  const pe = bytes.readUInt32LE(0x3c);
  if (bytes.toString('latin1', 0, 2) !== 'MZ' || bytes.toString('latin1', pe, pe + 4) !== 'PE\0\0') throw new Error('not a PE executable');
  const optional = pe + 24;
  if (bytes.readUInt16LE(optional) !== 0x20b) throw new Error('not a PE32+ (64-bit) executable');
  return { pe, optional, checksumAt: optional + 64, securityDirectoryAt: optional + 112 + 4 * 8 };
}

/**
 * `node --build-sea` writes the app into a new resource section where Node's Authenticode
 * certificate was, but leaves the certificate directory pointing there: the launcher would carry a
 * corrupt signature. Clear the entry (the launcher is plainly unsigned) and fix the PE checksum.
 */
export function clearDanglingPeCertificate(bytes) {
  const { securityDirectoryAt, checksumAt } = peLayout(bytes);
  bytes.writeUInt32LE(0, securityDirectoryAt);
  bytes.writeUInt32LE(0, securityDirectoryAt + 4);
  bytes.writeUInt32LE(peChecksum(bytes, checksumAt), checksumAt);
  return bytes;
}

/** The PE image checksum (16-bit one's-complement-style sum with carries, plus the length). */
function peChecksum(bytes, checksumAt) {
  let sum = 0;
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    if (i === checksumAt || i === checksumAt + 2) continue;
    sum += bytes.readUInt16LE(i);
    sum = (sum & 0xffff) + (sum >>> 16);
  }
  if (bytes.length % 2) sum += bytes[bytes.length - 1];
  sum = (sum & 0xffff) + (sum >>> 16);
  return (sum + bytes.length) >>> 0;
}

/** Format, architecture, embedded app and signature of a launcher (or any executable). */
export function describeExecutable(bytes) {
  const sea = { fuseFlipped: bytes.includes(`${SEA_FUSE}:1`) };
  if (bytes.toString('latin1', 0, 2) === 'MZ') {
    const { pe, optional, securityDirectoryAt } = peLayout(bytes);
    const subsystem = bytes.readUInt16LE(optional + 68);
    return {
      format: 'PE',
      arch: PE_MACHINES[bytes.readUInt16LE(pe + 4)] ?? 'unknown',
      console: subsystem === 3,
      certificateBytes: bytes.readUInt32LE(securityDirectoryAt + 4),
      ...sea,
    };
  }
  if (bytes.readUInt32LE(0) === 0xfeedfacf) {
    const macho = readMachO(bytes);
    let signature = 'none';
    if (macho.codeSignature) signature = verifyMachOSignature(bytes).valid ? 'valid' : 'invalid';
    return { format: 'Mach-O', arch: macho.cpu, segments: Object.keys(macho.segments), signature, ...sea };
  }
  if (bytes.toString('latin1', 0, 4) === '\x7fELF') {
    return { format: 'ELF', arch: ELF_MACHINES[bytes.readUInt16LE(18)] ?? 'unknown', ...sea };
  }
  throw new Error('not an executable (PE, Mach-O or ELF)');
}
