import type { EmbeddingProgress } from "./localEmbeddings.js";

const count = (n: number): string => n.toLocaleString("en-US");

/**
 * Progress lines for an embedding pass (a pool of 10k texts takes minutes on a busy 2-core
 * machine): one when it starts (`done` 0), one at most every `everyMs`, and one at the end with
 * the rate, so a run that embeds is never silent.
 */
export function embeddingProgressLines(
  what: string,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  everyMs = 10_000,
  now: () => number = Date.now,
): (progress: EmbeddingProgress) => void {
  const start = now();
  let last = start;
  return ({ done, total, cached }) => {
    if (done === 0) return write(`embedding ${what}: ${count(total)} texts…`);
    const seconds = Math.max(1e-3, (now() - start) / 1000);
    const computed = done - cached;
    const rate = computed > 0 ? `${count(Math.round(computed / seconds))} texts/s` : "";
    const fromCache = cached === done ? "all from the cache" : cached > 0 ? `${count(cached)} from the cache` : "";
    const detail = [rate, fromCache].filter(Boolean).join(", ");
    if (done >= total) return write(`embedded ${what}: ${count(total)} texts in ${seconds.toFixed(0)} s (${detail})`);
    if (now() - last >= everyMs) {
      last = now();
      write(`embedding ${what}: ${count(done)}/${count(total)} (${detail})`);
    }
  };
}
