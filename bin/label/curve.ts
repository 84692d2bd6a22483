import { learningCurveSvg } from "../../tools/plots/learningCurveSvg.js";
import type { ThreadView } from "./labelThread.js";

/** The thread's learning curve so far (test accuracy against labels), as the benchmark draws it; null before a round with a test score. */
export async function threadCurveSvg(view: ThreadView): Promise<string | null> {
  const points = view.history.flatMap((m) => (m.accuracy === null ? [] : [{ labels: m.labels, usd: m.usd, accuracy: m.accuracy }]));
  if (points.length === 0) return null;
  const last = view.history.at(-1)!;
  return learningCurveSvg([{ name: view.threadId, points }], {
    title: "accuracy vs labels",
    subtitle: `${points.length} round${points.length > 1 ? "s" : ""} evaluated · $${last.usd.toFixed(2)} spent`,
    axis: "labels",
    width: 340,
    height: 180,
  });
}
