/**
 * Feeds a track's encoded packets (mediabunny's demuxer) to the browser's AudioDecoder with a deep
 * queue, so native decoding (on the browser's media thread) overlaps with the downmix and resampling
 * done on this worker's thread; hands each decoded chunk over with its timeline position.
 *
 * Positions follow mediabunny's rule: the first decoded chunk starts at the first packet's timestamp
 * (Chromium does not keep negative or pre-roll timestamps), later chunks follow on by their length,
 * and a chunk whose own timestamp is off by more than its length re-synchronises (a real gap).
 * @module
 */
import { EncodedPacketSink, type InputAudioTrack } from 'mediabunny';

/** Packets in flight in the decoder: enough to keep it busy while this thread resamples. */
const MAX_DECODE_QUEUE = 48;

export async function decodePackets(
  track: InputAudioTrack,
  config: AudioDecoderConfig,
  fromSec: number,
  toSec: number,
  onChunk: (startSec: number, data: AudioData) => void,
): Promise<void> {
  const sink = new EncodedPacketSink(track);
  const first = (fromSec > 0 ? await sink.getKeyPacket(fromSec, { verifyKeyPackets: true }) : null) ?? (await sink.getFirstPacket());
  if (!first) return;

  const decoded: AudioData[] = [];
  let failure: Error | undefined;
  let wake: (() => void) | undefined;
  const signal = () => {
    wake?.();
    wake = undefined;
  };
  const decoder = new AudioDecoder({
    output: (data) => {
      decoded.push(data);
      signal();
    },
    error: (error) => {
      failure = error;
      signal();
    },
  });
  decoder.addEventListener('dequeue', signal);
  decoder.configure(config);

  let offsetSec: number | undefined; // first packet's timestamp − first output's own timestamp
  let nextSec: number | undefined;
  const drain = () => {
    for (const data of decoded.splice(0)) {
      try {
        if (data.numberOfFrames === 0) continue;
        const durationSec = data.numberOfFrames / data.sampleRate;
        const ownSec = data.timestamp / 1e6;
        offsetSec ??= first.timestamp - ownSec;
        const claimedSec = ownSec + offsetSec;
        if (nextSec === undefined || Math.abs(claimedSec - nextSec) >= durationSec) nextSec = claimedSec;
        onChunk(nextSec, data);
        nextSec += durationSec;
      } finally {
        data.close();
      }
    }
  };

  try {
    for await (const packet of sink.packets(first)) {
      if (failure) break;
      if (packet.timestamp >= toSec) break;
      decoder.decode(packet.toEncodedAudioChunk());
      drain();
      while (decoder.decodeQueueSize > MAX_DECODE_QUEUE && !failure) {
        await new Promise<void>((resolve) => (wake = resolve));
        drain();
      }
    }
    if (!failure) await decoder.flush();
    drain();
    if (failure) throw failure;
  } finally {
    if (decoder.state !== 'closed') decoder.close();
    for (const data of decoded.splice(0)) data.close();
  }
}
