import { Presets, SingleBar } from "cli-progress";
import type { RoundMetrics } from "../tools/metrics/roundMetrics.js";

export interface RoundProgress {
  round(metrics: RoundMetrics): void;
  stop(): void;
}

const percent = (value: number | null): string => (value === null ? "–" : `${(100 * value).toFixed(1)}%`);

/**
 * A progress bar over rounds on a terminal; one line per round elsewhere (logs, CI, a parent
 * process reading stderr), and when the terminal is also asking people for labels.
 */
export function roundProgress(totalRounds: number, stream: NodeJS.WriteStream = process.stderr, plain = false): RoundProgress {
  if (!stream.isTTY || plain) {
    return {
      round: (m) =>
        stream.write(`round ${m.round}: ${m.labels} labels, $${m.usd.toFixed(2)}, accuracy ${percent(m.accuracy)}, macro-F1 ${percent(m.macroF1)}\n`),
      stop: () => undefined,
    };
  }
  const bar = new SingleBar(
    {
      // cli-progress fills {usd}; the $ before it is the dollar sign.
      // biome-ignore lint/suspicious/noTemplateCurlyInString: a cli-progress template, not a JS one
      format: "rounds {bar} {value}/{total} | {labels} labels | ${usd} | accuracy {accuracy}",
      stream,
      hideCursor: true,
      clearOnComplete: false,
    },
    Presets.shades_classic,
  );
  bar.start(totalRounds, 0, { labels: 0, usd: "0.00", accuracy: "–" });
  return {
    round: (m) => bar.update(m.round + 1, { labels: m.labels, usd: m.usd.toFixed(2), accuracy: percent(m.accuracy) }),
    stop: () => bar.stop(),
  };
}
