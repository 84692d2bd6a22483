/**
 * The committee subgraph on its own, for langgraph.json: members (LLMs differing by model,
 * temperature or prompt, and bootstrapped target models) fan out with Send and their votes reduce
 * to a majority label, agreement, vote entropy and KL to consensus. The loop runs it inside its
 * annotateCommittee and select (cot-qbc) nodes.
 */
export { buildCommitteeGraph, committeeGraph as graph } from "../nodes/committee/graph.js";
