import type { Rng } from "../../tools/random.js";
import { checkpointEvent, nodeEvent, type KillPoint, type Profile } from "./killPoint.js";
import type { Scenario } from "./scenarios.js";

/**
 * The kill points a scenario offers: the start, end and middle of each of its graph nodes, before,
 * during and after each kind of checkpoint write, an LLM call in flight (loopback), and the
 * moment after an answer is typed (people). Drawing round-robin over this menu spreads kills over
 * every stage; the occurrence is drawn from how often the uninterrupted run met the event.
 */
export function killMenu(scenario: Scenario): Array<(profile: Profile, rng: Rng, share: number) => KillPoint> {
  const occurrence = (count: number, rng: Rng, share: number) => 1 + rng.int(Math.max(1, Math.round(count * share)));
  const menu: Array<(profile: Profile, rng: Rng, share: number) => KillPoint> = [];
  for (const node of scenario.nodes) {
    for (const moment of ["start", "end", "mid"] as const) {
      menu.push((profile, rng, share) => ({
        at: "node",
        node,
        moment,
        occurrence: node === "initialize" ? 1 : occurrence(profile[nodeEvent(node)] ?? 1, rng, share),
        ...(moment === "mid" ? { afterMs: rng.int(40) } : {}),
      }));
    }
  }
  for (const op of ["put", "putWrites"] as const) {
    for (const moment of ["before", "during", "after"] as const) {
      menu.push((profile, rng, share) => ({ at: "checkpoint", op, moment, occurrence: occurrence(profile[checkpointEvent(op)] ?? 1, rng, share) }));
    }
  }
  if (scenario.loopback) {
    for (let i = 0; i < 3; i++) menu.push((profile, rng, share) => ({ at: "llmRequest", occurrence: occurrence(profile.llmRequests ?? 1, rng, share) }));
  }
  if (scenario.human) {
    for (let i = 0; i < 3; i++)
      menu.push((profile, rng, share) => ({ at: "humanAnswer", occurrence: occurrence(profile.humanAnswers ?? 1, rng, share), afterMs: rng.int(30) }));
  }
  return menu;
}
