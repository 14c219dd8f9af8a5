import type { Page } from 'playwright-core';

/** Embed the same deterministic 2 × 5 s of 24 kHz audio with whatever model the app has open. */
export async function embedProbe(page: Page): Promise<number[]> {
  return page.evaluate(async () => {
    const window24k = (seed: number) => {
      const pcm = new Float32Array(120_000);
      let state = seed;
      for (let i = 0; i < pcm.length; i++) {
        state = (state * 1103515245 + 12345) >>> 0;
        pcm[i] = 0.4 * Math.sin((2 * Math.PI * 220 * i) / 24000) + 0.1 * (state / 2 ** 32 - 0.5);
      }
      return pcm;
    };
    const { vector } = await (window as any).rbassist.embedder.embed([window24k(1), window24k(2)], 24000);
    return Array.from(vector as Float32Array);
  });
}

export const cosine = (a: ArrayLike<number>, b: ArrayLike<number>) => {
  let dot = 0,
    na = 0,
    nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    na += a[i] * a[i];
    nb += b[i] * b[i];
  }
  return dot / Math.sqrt(na * nb);
};

/** "Load from file" of a model the test generated, on a device; resolves to the setup or the refusal. */
export function importModel(page: Page, modelId: string, precision: 'fp32' | 'fp16', base64: string, name: string, device: string) {
  return page.evaluate(
    async ({ modelId, precision, base64, name, device }) => {
      const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      try {
        return {
          ok: true,
          setup: await (window as any).rbassist.embedder.importFiles(modelId, precision, new File([bytes], name), undefined, device),
          message: '',
        };
      } catch (error) {
        return { ok: false, setup: null, message: (error as Error).message };
      }
    },
    { modelId, precision, base64, name, device },
  );
}
