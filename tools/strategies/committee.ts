import { ConfigError } from "../errors.js";
import { rankedBy } from "./topK.js";
import type { QueryInput } from "./types.js";

/**
 * Query by committee (Seung, Opper & Sompolinsky, COLT 1992): train several models that agree with
 * the labels so far and ask about the items they disagree on. The committee here is a bootstrap
 * committee of target models (query by bagging, Abe & Mamitsuka, ICML 1998); each measure below
 * reads the members' probability rows and the consensus (their mean).
 *
 * A disagreement measure: the members' rows for one item, at `offset` in each, and their mean in
 * `consensus`; higher means more disagreement.
 */
type Disagreement = (members: readonly Float32Array[], offset: number, numClasses: number, consensus: Float64Array) => number;

function byDisagreement(measure: Disagreement): (input: QueryInput) => Float64Array {
  return ({ memberProbs: committee, candidates, numClasses }: QueryInput) => {
    if (!committee || committee.length === 0) throw new ConfigError("query by committee needs the committee's probabilities");
    for (const member of committee) {
      if (member.length !== committee[0].length) throw new Error("committee members score different pools");
    }
    const size = committee.length;
    const consensus = new Float64Array(numClasses);
    const scores = new Float64Array(candidates.length);
    for (let i = 0; i < candidates.length; i++) {
      const offset = candidates[i] * numClasses;
      consensus.fill(0);
      for (const member of committee) for (let c = 0; c < numClasses; c++) consensus[c] += member[offset + c];
      for (let c = 0; c < numClasses; c++) consensus[c] /= size;
      scores[i] = measure(committee, offset, numClasses, consensus);
    }
    return scores;
  };
}

function entropyOf(p: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < p.length; c++) if (p[c] > 0) sum -= p[c] * Math.log(p[c]);
  return sum;
}

function memberEntropy(member: Float32Array, offset: number, numClasses: number): number {
  let sum = 0;
  for (let c = 0; c < numClasses; c++) {
    const p = member[offset + c];
    if (p > 0) sum -= p * Math.log(p);
  }
  return sum;
}

/** KL(member ‖ consensus); the consensus is positive wherever a member is, being their mean. */
function klToConsensus(member: Float32Array, offset: number, numClasses: number, consensus: Float64Array): number {
  let sum = 0;
  for (let c = 0; c < numClasses; c++) {
    const p = member[offset + c];
    if (p > 0) sum += p * Math.log(p / consensus[c]);
  }
  return sum;
}

/**
 * Vote entropy (Dagan & Engelson, ICML 1995): each member votes for its most probable class; the
 * entropy of the vote shares. It sees only hard votes, so members that agree on the class but not
 * on the confidence count as agreeing.
 */
export const voteEntropyScores = byDisagreement((members, offset, numClasses, votes) => {
  votes.fill(0);
  for (const member of members) {
    let best = 0;
    for (let c = 1; c < numClasses; c++) if (member[offset + c] > member[offset + best]) best = c;
    votes[best] += 1 / members.length;
  }
  return entropyOf(votes);
});

/** Consensus entropy (Settles' survey, 2009; modAL): the entropy of the members' mean prediction. */
export const consensusEntropyScores = byDisagreement((_members, _offset, _numClasses, consensus) => entropyOf(consensus));

/**
 * KL to consensus (McCallum & Nigam, ICML 1998), as modAL's max disagreement: the largest
 * KL(member ‖ consensus) over the members. (The mean of the same divergences is BALD's mutual
 * information, below.)
 */
export const klConsensusScores = byDisagreement((members, offset, numClasses, consensus) => {
  let max = 0;
  for (const member of members) max = Math.max(max, klToConsensus(member, offset, numClasses, consensus));
  return max;
});

/**
 * BALD (Houlsby et al. 2011; Gal, Islam & Ghahramani, ICML 2017): the mutual information between
 * the label and the model, H(mean p) − mean H(p), with the members as samples of the model. It is
 * zero when the members agree, however uncertain each is, so it asks about what more labels would
 * settle rather than about noise no label resolves.
 */
export const baldScores = byDisagreement((members, offset, numClasses, consensus) => {
  let memberMean = 0;
  for (const member of members) memberMean += memberEntropy(member, offset, numClasses);
  return Math.max(0, entropyOf(consensus) - memberMean / members.length);
});

export const voteEntropy = rankedBy(voteEntropyScores);
export const consensusEntropy = rankedBy(consensusEntropyScores);
export const klConsensus = rankedBy(klConsensusScores);
export const bald = rankedBy(baldScores);
