import { describe, expect, it } from "vitest";
import { rngFor } from "../random.js";
import { LlmAnnotatorSchema } from "./config.js";
import { addObservations, type Calibration, type CalibrationObservation, calibrationKey } from "./calibration.js";
import { DEFAULT_VALUE_ROUTE, machineOrPeople, routeByValue, type ValueRoute, valueDecisions } from "./valueRouter.js";

/**
 * Two annotators of known reliability and price: a cheap one (an LLM, already asked: its stated
 * confidence is what the router reads) and people at $0.05, whose answers are the truth the
 * router learns the cheap one's calibration from. Waves of 50 items; returns what each wave sent
 * to people for its value (not the spot checks).
 */
function simulate(rightGivenConfidence: (confidence: number) => number, route: ValueRoute, waves = 40): { sentForValue: number[][]; calibration: Calibration } {
  let calibration: Calibration = {};
  const sentForValue: number[][] = [];
  for (let wave = 0; wave < waves; wave++) {
    const rng = rngFor(11, "wave", wave);
    const answers = Array.from({ length: 50 }, (_, i) => {
      const confidence = 0.5 + 0.5 * rng.next();
      return { id: `w${wave}-${i}`, model: "cheap", confidence, right: rng.next() < rightGivenConfidence(confidence) };
    });
    const decisions = valueDecisions(answers, calibration, route, 0.05, 3);
    const checked: CalibrationObservation[] = [];
    const sent: number[] = [];
    for (const answer of answers) {
      const decision = decisions.get(answer.id)!;
      if (decision.kind === "human") checked.push({ annotator: "cheap", confidence: answer.confidence, right: answer.right });
      if (decision.kind === "human" && decision.reason === "value") sent.push(answer.confidence);
    }
    sentForValue.push(sent);
    calibration = addObservations(calibration, checked);
  }
  return { sentForValue, calibration };
}

describe("the value router, on two annotators of known reliability and price", () => {
  it("learns to send everything to the cheaper one when both are equally reliable", () => {
    // The cheap annotator is right 97% of the time whatever it says (it under-states its confidence); people are as reliable.
    const { sentForValue } = simulate(() => 0.97, { ...DEFAULT_VALUE_ROUTE, humanAccuracy: 0.97, labelValueUsd: 1 });
    // At first it trusts the stated confidences and pays people for the items stated below ~0.95 …
    expect(sentForValue[0].length).toBeGreaterThan(30);
    // … until the checks show the low-confidence labels are as good as people's: then only spot checks go to them.
    expect(sentForValue.slice(-10).flat()).toHaveLength(0);
  });

  it("splits when they are not: it learns where the cheap one's stated confidence is too high, and pays people only below that", () => {
    // Over-confident: right with probability (stated confidence − 0.1). People are always right.
    // Worth asking people when 1/6 × (1 − P(right)) > $0.05, i.e. P(right) < 0.7: stated confidence below 0.8.
    const route = { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 1 / 6 };
    const { sentForValue } = simulate((confidence) => confidence - 0.1, route);
    // Trusting the stated confidence, the first wave sends only items stated below 0.7.
    expect(Math.max(...sentForValue[0])).toBeLessThan(0.7);
    const late = sentForValue.slice(-10).flat();
    // Once calibrated, people get the items stated below 0.8, the cheap one keeps the rest: a split.
    expect(late.every((confidence) => confidence < 0.8)).toBe(true);
    expect(late.filter((confidence) => confidence >= 0.7).length).toBeGreaterThan(20);
    expect(late.length / 500).toBeGreaterThan(0.45);
    expect(late.length / 500).toBeLessThan(0.7);
  });

  it("with a target accuracy, buys the upgrades with the most right labels per dollar first and stops at the target", () => {
    const item = (id: string, pCheap: number, pStrong: number, strongUsd: number) => ({
      id,
      options: [
        { annotator: "cheap", pRight: pCheap, costUsd: 0 },
        { annotator: "strong", pRight: pStrong, costUsd: strongUsd },
      ],
    });
    const items = [item("a", 0.5, 1, 0.05), item("b", 0.6, 1, 0.01), item("c", 0.9, 1, 0.05), item("d", 0.7, 1, 0.05)];
    const route = { ...DEFAULT_VALUE_ROUTE, targetAccuracy: 0.85, spotCheckRate: 0 };
    // Expected right labels: 2.7 of 4; the target asks 3.4. Best per dollar: b (40/$), then a (10/$), then d (6/$): b and a reach 3.6.
    expect(routeByValue(items, route, 0).map((choice) => choice.option)).toEqual([1, 1, 0, 0]);
    expect(routeByValue(items, { ...route, targetAccuracy: 0.6 }, 0).every((choice) => choice.option === 0)).toBe(true);
  });

  it("with a target accuracy, does not rest it on a curve read from a few lucky checks (targetCaution)", () => {
    // A bin people checked 21 times without a miss: its posterior mean is 0.992, its std 0.017.
    const lucky = addObservations(
      {},
      Array.from({ length: 21 }, () => ({ annotator: "cheap", confidence: 0.95, right: true })),
    );
    const wave = Array.from({ length: 100 }, (_, i) => machineOrPeople({ id: `w${i}`, model: "cheap", confidence: 0.95 }, lucky, DEFAULT_VALUE_ROUTE, 0.05));
    expect(wave[0].options[0].pRight).toBeCloseTo(0.992, 3);
    const target = { ...DEFAULT_VALUE_ROUTE, targetAccuracy: 0.99, spotCheckRate: 0 };
    const toPeople = (route: ValueRoute) => routeByValue(wave, route, 0).filter((choice) => choice.option === 1).length;
    // Taken at its mean the curve already meets 0.99: every label is kept, and nobody checks the bin again.
    expect(toPeople({ ...target, targetCaution: 0 })).toBe(0);
    // One std below it (0.975) the wave must buy about 60 people's labels: (0.99 − 0.975) / (1 − 0.975) of 100.
    const bought = toPeople(target);
    expect(bought).toBeGreaterThan(50);
    expect(bought).toBeLessThan(70);
    // A known curve (many checks at 0.992) needs no caution to speak of.
    const measured = addObservations(
      {},
      Array.from({ length: 5000 }, (_, i) => ({ annotator: "cheap", confidence: 0.95, right: i % 125 !== 0 })),
    );
    const known = wave.map((item) => machineOrPeople({ id: item.id, model: "cheap", confidence: 0.95 }, measured, DEFAULT_VALUE_ROUTE, 0.05));
    expect(routeByValue(known, target, 0).filter((choice) => choice.option === 1).length).toBeLessThan(5);
  });
});

describe("the value router, split by the target model's agreement", () => {
  /**
   * A cheap annotator whose stated confidence is right when the target model predicts its label,
   * and 0.4 too high when the model predicts another: no confidence threshold can tell the two apart.
   * People ($0.05, always right) are worth asking when P(right) < 0.8 at a label value of $0.25.
   * Returns the late waves' items sent to people for their value, and the share of kept labels that are right.
   */
  function simulate(split: boolean) {
    let calibration: Calibration = {};
    const late: Array<{ confidence: number; targetAgrees: boolean }> = [];
    let keptRight = 0;
    let kept = 0;
    for (let wave = 0; wave < 40; wave++) {
      const rng = rngFor(5, "agreement-wave", wave);
      const answers = Array.from({ length: 50 }, (_, i) => {
        const confidence = 0.8 + 0.2 * rng.next();
        const targetAgrees = rng.next() < 0.7;
        const right = rng.next() < (targetAgrees ? confidence : confidence - 0.4);
        return { id: `w${wave}-${i}`, model: "cheap", confidence, right, ...(split ? { targetAgrees } : {}), agrees: targetAgrees };
      });
      const decisions = valueDecisions(answers, calibration, { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 0.25 }, 0.05, 3);
      const checked: CalibrationObservation[] = [];
      for (const answer of answers) {
        const decision = decisions.get(answer.id)!;
        // As askHuman records a person's answer to a suggested label: on the suggestion's side of agreement.
        if (decision.kind === "human")
          checked.push({ annotator: calibrationKey(answer.model, answer.targetAgrees), confidence: answer.confidence, right: answer.right });
        if (wave >= 30 && decision.kind === "human" && decision.reason === "value") late.push({ confidence: answer.confidence, targetAgrees: answer.agrees });
        if (wave >= 30 && decision.kind === "accept") [kept, keptRight] = [kept + 1, keptRight + (answer.right ? 1 : 0)];
      }
      calibration = addObservations(calibration, checked);
    }
    return { late, keptAccuracy: keptRight / kept, calibration };
  }

  it("learns a curve per side and sends people the contradicted labels, however confident", () => {
    const { late, keptAccuracy, calibration } = simulate(true);
    expect(Object.keys(calibration).sort()).toEqual(["cheap | target model agrees", "cheap | target model disagrees"]);
    // Every contradicted label is below 0.6 right: all go to people; the agreed ones are worth keeping.
    expect(late.length).toBeGreaterThan(120);
    expect(late.every((item) => !item.targetAgrees)).toBe(true);
    expect(late.filter((item) => item.confidence >= 0.95).length).toBeGreaterThan(10);
    expect(keptAccuracy).toBeGreaterThan(0.85);
  });

  it("cannot, on one curve: a label stated at 0.95 is kept whether the model agrees or not", () => {
    const { late, keptAccuracy } = simulate(false);
    expect(late.filter((item) => item.confidence >= 0.95)).toHaveLength(0);
    expect(keptAccuracy).toBeLessThan(0.85);
  });
});

describe("the value router's spot checks", () => {
  // 2,000 kept labels stated at 0.95, routed with a $0.001 label value: nothing is worth a person's fee, so only spot checks reach people.
  const answers = Array.from({ length: 2000 }, (_, i) => ({ id: `k${i}`, model: "cheap", confidence: 0.95 }));
  const spotChecked = (calibration: Calibration, spotChecks: "adaptive" | "fixed") => {
    const decisions = valueDecisions(answers, calibration, { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 0.001, spotChecks }, 0.05, 7);
    return [...decisions.values()].filter((decision) => decision.kind === "human" && decision.reason === "spot-check").length / answers.length;
  };
  const measured = (checks: number) =>
    addObservations(
      {},
      Array.from({ length: checks }, (_, i) => ({ annotator: "cheap", confidence: 0.95, right: i % 20 !== 0 })),
    );

  it("check at the full rate where the calibration is unmeasured, and fade as people measure it (adaptive, the default)", () => {
    expect(DEFAULT_VALUE_ROUTE.spotChecks).toBe("adaptive");
    const fresh = spotChecked({}, "adaptive");
    const after100 = spotChecked(measured(100), "adaptive");
    const after1000 = spotChecked(measured(1000), "adaptive");
    expect(fresh).toBeGreaterThan(0.08);
    expect(fresh).toBeLessThan(0.12);
    // The bin's posterior std falls as 1/√checks: about a fifth of the prior's after 100, a sixteenth after 1,000.
    expect(after100).toBeLessThan(fresh / 3);
    expect(after1000).toBeLessThan(after100 / 2);
    expect(after1000).toBeGreaterThan(0);
    // Other bins are still unmeasured: a label stated at 0.75 is checked at the full rate.
    const unsure = valueDecisions(
      answers.map((answer) => ({ ...answer, confidence: 0.75 })),
      measured(1000),
      { ...DEFAULT_VALUE_ROUTE, labelValueUsd: 0.001 },
      0.05,
      7,
    );
    expect([...unsure.values()].filter((decision) => decision.kind === "human").length / answers.length).toBeGreaterThan(0.08);
  });

  it("check at spotCheckRate whatever is known (fixed)", () => {
    expect(spotChecked(measured(1000), "fixed")).toBeGreaterThan(0.08);
    expect(spotChecked(measured(1000), "fixed")).toBeLessThan(0.12);
  });
});

describe("the value route's config", () => {
  it("needs people to send items to, and has no use for a verifier", () => {
    expect(LlmAnnotatorSchema.safeParse({ kind: "llm", route: "value" }).success).toBe(false);
    expect(LlmAnnotatorSchema.safeParse({ kind: "llm", route: "value", review: { verifier: {} } }).success).toBe(false);
    expect(LlmAnnotatorSchema.parse({ kind: "llm", route: "value", review: {} })).toMatchObject({ route: "value" });
  });
});
