import { klConsensusScores, voteEntropyScores } from "../../tools/strategies/committee.js";
import { rngFor } from "../../tools/random.js";
import type { Services } from "../../runtime/services.js";
import type { CommitteeStateValue, CommitteeUpdate, Verdict } from "../../graphs/committee/state.js";

/**
 * Reduces the votes to a verdict per item: the majority label (ties go to the higher mean
 * probability), agreement as its confidence, and vote entropy and KL to consensus as the
 * disagreement (the same measures as the query-by-committee strategies, over the members' votes).
 * Items nobody voted on get no verdict.
 */
export const tally =
  (services: Services) =>
  async (state: CommitteeStateValue): Promise<CommitteeUpdate> => {
    const { classes } = await services.workspace(state.config);
    const K = classes.length;
    const members = [...new Set(state.votes.map((vote) => vote.member))];
    const voted = state.items.filter((item) => state.votes.some((vote) => vote.id === item.id));
    if (voted.length === 0) return { verdicts: [] };
    const position = new Map(voted.map((item, i) => [item.id, i]));
    // Each member's rows; an item a member did not vote on gets the uniform row (no opinion).
    const rows = members.map(() => Float32Array.from({ length: voted.length * K }, () => 1 / K));
    const byMember = new Map(members.map((member, m) => [member, m]));
    for (const vote of state.votes) {
      const i = position.get(vote.id);
      if (i === undefined) continue;
      rows[byMember.get(vote.member)!].set(vote.probs, i * K);
    }
    const input = { memberProbs: rows, candidates: Uint32Array.from(voted.keys()), numClasses: K, rng: rngFor(0, "tally") };
    const entropy = voteEntropyScores(input);
    const kl = klConsensusScores(input);
    const verdicts: Verdict[] = voted.map((item, i) => {
      const votes = state.votes.filter((vote) => vote.id === item.id);
      const counts = new Map<string, number>();
      const mass = new Map<string, number>();
      for (const vote of votes) {
        counts.set(vote.label, (counts.get(vote.label) ?? 0) + 1);
        mass.set(vote.label, (mass.get(vote.label) ?? 0) + (vote.probs[classes.indexOf(vote.label)] ?? 0));
      }
      const label = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)! || mass.get(b)! - mass.get(a)!)[0];
      return {
        id: item.id,
        label,
        agreement: counts.get(label)! / votes.length,
        voteEntropy: entropy[i],
        klToConsensus: kl[i],
        votes: votes.map((vote) => ({ member: vote.member, label: vote.label })),
        rationales: votes.flatMap((vote) => (vote.rationale ? [`${vote.member}: ${vote.rationale}`] : [])),
      };
    });
    return { verdicts };
  };
