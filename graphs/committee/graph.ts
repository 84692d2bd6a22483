import { Send, START, END, StateGraph, type LangGraphRunnableConfig } from "@langchain/langgraph";
import { CommitteeState, type CommitteeStateValue } from "./state.js";
import { tally } from "../../nodes/committee/tally.js";
import { vote, MemberTaskSchema, type MemberTask } from "../../nodes/committee/vote.js";

/** Fan out: one vote task per member (Send), each with the committee's input and its index. */
function fanOut(state: CommitteeStateValue): Send[] {
  return state.config.committee.members.map((_, member) => {
    const task: MemberTask = { config: state.config, round: state.round, items: state.items, labels: state.labels, generated: state.generated, budgetUsd: state.budgetUsd, member };
    return new Send("vote", task);
  });
}

/**
 * The committee subgraph: START → (Send per member) vote → tally → END. Members vote in parallel;
 * tally reduces their votes to a majority label, agreement and disagreement per item.
 */
export function buildCommitteeGraph() {
  return new StateGraph(CommitteeState)
    .addNode("vote", vote, { input: MemberTaskSchema })
    .addNode("tally", tally)
    .addConditionalEdges(START, fanOut, ["vote"])
    .addEdge("vote", "tally")
    .addEdge("tally", END);
}

export const committeeGraph = buildCommitteeGraph().compile({ name: "committee" });

/** For langgraph.json: the committee subgraph on its own. */
export const graph = committeeGraph;

/**
 * Runs the committee on items from inside a node. Called with the node's config it runs as a
 * subgraph: its steps are checkpointed under the parent thread and shown in Studio.
 */
export async function runCommittee(input: Pick<CommitteeStateValue, "config" | "round" | "items"> & Partial<Pick<CommitteeStateValue, "labels" | "generated" | "budgetUsd">>, config?: LangGraphRunnableConfig) {
  return (await committeeGraph.invoke(input as never, config)) as CommitteeStateValue;
}
