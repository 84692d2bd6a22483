import { describe, expect, it } from "vitest";
import { rngFor } from "../tools/random.js";
import { baldScores, consensusEntropyScores, klConsensusScores, voteEntropyScores } from "../tools/strategies/committee.js";
import { query } from "../tools/strategies/registry.js";
import type { QueryInput } from "../tools/strategies/types.js";

/** A pool scored by a committee: members[m][item] is member m's probability row for the item. */
function input(members: number[][][], seed = 0): QueryInput {
  const numClasses = members[0][0].length;
  const candidates = Uint32Array.from(members[0].keys());
  return { candidates, numClasses, rng: rngFor(seed, "test"), memberProbs: members.map((rows) => Float32Array.from(rows.flat())) };
}

describe("query by committee", () => {
  // Four members, three items: all vote class 0 on item 0, split 2–2 on item 1, 3–1 on item 2.
  const members = [
    [
      [0.9, 0.1],
      [0.8, 0.2],
      [0.7, 0.3],
    ],
    [
      [0.8, 0.2],
      [0.9, 0.1],
      [0.6, 0.4],
    ],
    [
      [0.7, 0.3],
      [0.2, 0.8],
      [0.8, 0.2],
    ],
    [
      [0.9, 0.1],
      [0.1, 0.9],
      [0.4, 0.6],
    ],
  ];

  it("vote entropy picks the item the members split on", async () => {
    expect(Array.from(await query("vote-entropy", input(members), 3))).toEqual([1, 2, 0]);
    const scores = voteEntropyScores(input(members));
    expect(scores[0]).toBe(0);
    expect(scores[1]).toBeCloseTo(Math.log(2), 12);
  });

  it("consensus entropy picks the flattest mean prediction, KL to consensus the most deviant member", async () => {
    expect(Array.from(await query("consensus-entropy", input(members), 1))).toEqual([1]);
    expect(Array.from(await query("kl-consensus", input(members), 1))).toEqual([1]);
  });

  it("BALD is zero when all members agree, however uncertain they are", () => {
    const agreeing = [0, 1, 2].map(() => [
      [0.5, 0.5],
      [0.9, 0.1],
      [0.3, 0.7],
    ]);
    for (const score of baldScores(input(agreeing))) expect(score).toBeCloseTo(0, 12);
    for (const score of klConsensusScores(input(agreeing))) expect(score).toBeCloseTo(0, 12);
  });

  it("BALD asks about confident disagreement, not about noise every member sees", async () => {
    // Item 0: every member says 50/50 (high entropy, no disagreement). Item 1: members confidently disagree.
    const pool = [
      [
        [0.5, 0.5],
        [0.99, 0.01],
        [0.9, 0.1],
      ],
      [
        [0.5, 0.5],
        [0.01, 0.99],
        [0.9, 0.1],
      ],
    ];
    expect(Array.from(await query("bald", input(pool), 1))).toEqual([1]);
    const consensus = consensusEntropyScores(input(pool));
    expect(consensus[0]).toBeCloseTo(consensus[1], 2);
    expect(baldScores(input(pool))[0]).toBeCloseTo(0, 12);
  });
});
