// Ad-hoc code signature for a thin 64-bit Mach-O, written from Linux (what `codesign --sign -`
// does on a Mac). Apple silicon refuses to start an unsigned binary, and `node --build-sea` drops
// Node's own signature when it adds the app. No npm package or Debian tool does this, so it is
// done here: a SuperBlob with a SHA-256 CodeDirectory (one hash per 4 KiB page), an empty
// requirements set and an empty signature wrapper, placed at the end of __LINKEDIT.
import { createHash } from 'node:crypto';

const MH_MAGIC_64 = 0xfeedfacf;
const LC_SEGMENT_64 = 0x19;
const LC_CODE_SIGNATURE = 0x1d;
const CSMAGIC_EMBEDDED_SIGNATURE = 0xfade0cc0;
const CSMAGIC_CODEDIRECTORY = 0xfade0c02;
const CSMAGIC_REQUIREMENTS = 0xfade0c01;
const CSMAGIC_BLOBWRAPPER = 0xfade0b01;
const CS_ADHOC = 0x2;
const CS_EXECSEG_MAIN_BINARY = 0x1;
const CD_VERSION_EXECSEG = 0x20400;
const CD_HEADER_SIZE = 88;
const PAGE_SHIFT = 12;
const PAGE = 1 << PAGE_SHIFT;
const HASH_SIZE = 32;
const HASH_SHA256 = 2;
const VM_PAGE = 0x4000; // arm64 page size; also a multiple of x86_64's
export const CPU_TYPES = { 0x01000007: 'x64', 0x0100000c: 'arm64' };

const sha256 = (bytes) => createHash('sha256').update(bytes).digest();
const alignUp = (n, to) => Math.ceil(n / to) * to;

/** The load commands this signer needs, read from a thin 64-bit little-endian Mach-O. */
export function readMachO(bytes) {
  if (bytes.length < 32 || bytes.readUInt32LE(0) !== MH_MAGIC_64) throw new Error('not a thin 64-bit Mach-O executable');
  const ncmds = bytes.readUInt32LE(16);
  const sizeofcmds = bytes.readUInt32LE(20);
  const info = {
    cpu: CPU_TYPES[bytes.readUInt32LE(4)] ?? `cputype 0x${bytes.readUInt32LE(4).toString(16)}`,
    ncmds,
    sizeofcmds,
    segments: {},
    firstSectionOffset: Infinity,
    codeSignature: undefined,
  };
  let at = 32;
  for (let i = 0; i < ncmds; i++) {
    const cmd = bytes.readUInt32LE(at);
    const size = bytes.readUInt32LE(at + 4);
    if (cmd === LC_SEGMENT_64) {
      const name = bytes.toString('latin1', at + 8, at + 24).replace(/\0.*$/s, '');
      const nsects = bytes.readUInt32LE(at + 64);
      info.segments[name] = { at, fileoff: Number(bytes.readBigUInt64LE(at + 40)), filesize: Number(bytes.readBigUInt64LE(at + 48)) };
      for (let s = 0; s < nsects; s++) {
        const offset = bytes.readUInt32LE(at + 72 + s * 80 + 48);
        if (offset > 0) info.firstSectionOffset = Math.min(info.firstSectionOffset, offset);
      }
    } else if (cmd === LC_CODE_SIGNATURE) {
      info.codeSignature = { at, dataoff: bytes.readUInt32LE(at + 8), datasize: bytes.readUInt32LE(at + 12) };
    }
    at += size;
  }
  if (!info.segments.__LINKEDIT || !info.segments.__TEXT) throw new Error('Mach-O has no __TEXT or __LINKEDIT segment');
  return info;
}

/** A copy of `bytes` with an ad-hoc signature (any previous signature replaced). */
export function adhocSignMachO(bytes, identifier) {
  const macho = readMachO(bytes);
  const linkedit = macho.segments.__LINKEDIT;
  const text = macho.segments.__TEXT;
  const contentEnd = macho.codeSignature ? macho.codeSignature.dataoff : linkedit.fileoff + linkedit.filesize;
  if (!macho.codeSignature && contentEnd !== bytes.length) throw new Error('__LINKEDIT is not at the end of the file');
  if (!macho.codeSignature && 32 + macho.sizeofcmds + 16 > macho.firstSectionOffset) throw new Error('no room for a code signature load command');
  const codeLimit = alignUp(contentEnd, 16);

  const ident = Buffer.from(`${identifier}\0`, 'utf8');
  const requirements = Buffer.alloc(12);
  requirements.writeUInt32BE(CSMAGIC_REQUIREMENTS, 0);
  requirements.writeUInt32BE(12, 4);
  const wrapper = Buffer.alloc(8);
  wrapper.writeUInt32BE(CSMAGIC_BLOBWRAPPER, 0);
  wrapper.writeUInt32BE(8, 4);
  const nSpecialSlots = 2; // -1 Info.plist (none), -2 requirements
  const nCodeSlots = Math.ceil(codeLimit / PAGE);
  const hashOffset = CD_HEADER_SIZE + ident.length + nSpecialSlots * HASH_SIZE;
  const cdLength = hashOffset + nCodeSlots * HASH_SIZE;
  const blobs = [
    [0, cdLength], // CodeDirectory
    [2, requirements.length],
    [0x10000, wrapper.length], // CMS signature slot: empty for ad-hoc
  ];
  const superHeader = 12 + blobs.length * 8;
  const signatureSize = superHeader + blobs.reduce((sum, [, length]) => sum + length, 0);

  // New file: content, padding to codeLimit, signature. Header edits come first (page 0 is hashed).
  const out = Buffer.alloc(codeLimit + signatureSize);
  bytes.copy(out, 0, 0, contentEnd);
  let sigCommandAt = macho.codeSignature?.at;
  if (sigCommandAt === undefined) {
    sigCommandAt = 32 + macho.sizeofcmds;
    out.fill(0, sigCommandAt, sigCommandAt + 16);
    out.writeUInt32LE(LC_CODE_SIGNATURE, sigCommandAt);
    out.writeUInt32LE(16, sigCommandAt + 4);
    out.writeUInt32LE(macho.ncmds + 1, 16);
    out.writeUInt32LE(macho.sizeofcmds + 16, 20);
  }
  out.writeUInt32LE(codeLimit, sigCommandAt + 8);
  out.writeUInt32LE(signatureSize, sigCommandAt + 12);
  const linkeditSize = codeLimit + signatureSize - linkedit.fileoff;
  out.writeBigUInt64LE(BigInt(alignUp(linkeditSize, VM_PAGE)), linkedit.at + 32); // vmsize
  out.writeBigUInt64LE(BigInt(linkeditSize), linkedit.at + 48); // filesize

  const cd = Buffer.alloc(cdLength);
  cd.writeUInt32BE(CSMAGIC_CODEDIRECTORY, 0);
  cd.writeUInt32BE(cdLength, 4);
  cd.writeUInt32BE(CD_VERSION_EXECSEG, 8);
  cd.writeUInt32BE(CS_ADHOC, 12);
  cd.writeUInt32BE(hashOffset, 16);
  cd.writeUInt32BE(CD_HEADER_SIZE, 20);
  cd.writeUInt32BE(nSpecialSlots, 24);
  cd.writeUInt32BE(nCodeSlots, 28);
  cd.writeUInt32BE(codeLimit, 32);
  cd[36] = HASH_SIZE;
  cd[37] = HASH_SHA256;
  cd[39] = PAGE_SHIFT;
  cd.writeBigUInt64BE(BigInt(text.fileoff), 64);
  cd.writeBigUInt64BE(BigInt(text.filesize), 72);
  cd.writeBigUInt64BE(BigInt(CS_EXECSEG_MAIN_BINARY), 80);
  ident.copy(cd, CD_HEADER_SIZE);
  sha256(requirements).copy(cd, hashOffset - 2 * HASH_SIZE);
  for (let page = 0; page < nCodeSlots; page++) {
    sha256(out.subarray(page * PAGE, Math.min(codeLimit, (page + 1) * PAGE))).copy(cd, hashOffset + page * HASH_SIZE);
  }

  const sig = out.subarray(codeLimit);
  sig.writeUInt32BE(CSMAGIC_EMBEDDED_SIGNATURE, 0);
  sig.writeUInt32BE(signatureSize, 4);
  sig.writeUInt32BE(blobs.length, 8);
  let offset = superHeader;
  blobs.forEach(([type, length], i) => {
    sig.writeUInt32BE(type, 12 + i * 8);
    sig.writeUInt32BE(offset, 16 + i * 8);
    [cd, requirements, wrapper][i].copy(sig, offset);
    offset += length;
  });
  return out;
}

/**
 * Check a Mach-O's SHA-256 CodeDirectory against the file: every page hash and the requirements
 * slot. Works on Apple's own signatures too (the tests check it on Node's signed binary).
 */
export function verifyMachOSignature(bytes) {
  const macho = readMachO(bytes);
  if (!macho.codeSignature) throw new Error('Mach-O has no code signature');
  const sig = bytes.subarray(macho.codeSignature.dataoff, macho.codeSignature.dataoff + macho.codeSignature.datasize);
  if (sig.readUInt32BE(0) !== CSMAGIC_EMBEDDED_SIGNATURE) throw new Error('code signature is not an embedded signature');
  const blobAt = (type) => {
    for (let i = 0; i < sig.readUInt32BE(8); i++) if (sig.readUInt32BE(12 + i * 8) === type) return sig.subarray(sig.readUInt32BE(16 + i * 8));
    return undefined;
  };
  const cd = blobAt(0);
  if (!cd || cd.readUInt32BE(0) !== CSMAGIC_CODEDIRECTORY || cd[37] !== HASH_SHA256 || cd[39] !== PAGE_SHIFT)
    throw new Error('no SHA-256 CodeDirectory with 4 KiB pages');
  const hashOffset = cd.readUInt32BE(16);
  const nCodeSlots = cd.readUInt32BE(28);
  const codeLimit = cd.readUInt32BE(32);
  if (nCodeSlots !== Math.ceil(codeLimit / PAGE) || codeLimit > macho.codeSignature.dataoff) throw new Error('CodeDirectory does not cover the file');
  const badPages = [];
  for (let page = 0; page < nCodeSlots; page++) {
    const expected = cd.subarray(hashOffset + page * HASH_SIZE, hashOffset + (page + 1) * HASH_SIZE);
    if (!sha256(bytes.subarray(page * PAGE, Math.min(codeLimit, (page + 1) * PAGE))).equals(expected)) badPages.push(page);
  }
  const requirements = blobAt(2);
  const requirementsOk =
    !requirements ||
    cd.readUInt32BE(24) < 2 ||
    sha256(requirements.subarray(0, requirements.readUInt32BE(4))).equals(cd.subarray(hashOffset - 2 * HASH_SIZE, hashOffset - HASH_SIZE));
  const identOffset = cd.readUInt32BE(20);
  return {
    cpu: macho.cpu,
    identifier: cd.toString('utf8', identOffset, cd.indexOf(0, identOffset)),
    adhoc: (cd.readUInt32BE(12) & CS_ADHOC) !== 0,
    codeLimit,
    badPages,
    requirementsOk,
    valid: badPages.length === 0 && requirementsOk,
    pageHashes: (page) => cd.subarray(hashOffset + page * HASH_SIZE, hashOffset + (page + 1) * HASH_SIZE),
  };
}
