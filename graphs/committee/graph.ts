import { END, type LangGraphRunnableConfig, Send, START, StateGraph } from "@langchain/langgraph";
import { tally } from "../../nodes/committee/tally.js";
import { vote } from "../../nodes/committee/vote.js";
import { createServices, type Services } from "../../runtime/services.js";
import { CommitteeState, type CommitteeStateValue, type MemberTask, MemberTaskSchema } from "./state.js";

/** Fan out: one vote task per member (Send), each with the committee's input and its index. */
function fanOut(state: CommitteeStateValue): Send[] {
  return state.config.committee.members.map((_, member) => {
    const task: MemberTask = {
      config: state.config,
      round: state.round,
      items: state.items,
      labels: state.labels,
      generated: state.generated,
      itemsPerCall: state.itemsPerCall,
      budgetUsd: state.budgetUsd,
      member,
    };
    return new Send("vote", task);
  });
}

/**
 * The committee subgraph: START → (Send per member) vote → tally → END. Members vote in parallel;
 * tally reduces their votes to a majority label, agreement and disagreement per item.
 */
export function buildCommitteeGraph(services: Services = createServices()) {
  return new StateGraph(CommitteeState)
    .addNode("vote", vote(services), { input: MemberTaskSchema })
    .addNode("tally", tally(services))
    .addConditionalEdges(START, fanOut, ["vote"])
    .addEdge("vote", "tally")
    .addEdge("tally", END);
}

/** What a node gives the committee: the items, the run config, and optionally labels and a budget. */
export type CommitteeInput = Pick<CommitteeStateValue, "config" | "round" | "items"> &
  Partial<Pick<CommitteeStateValue, "labels" | "generated" | "budgetUsd" | "itemsPerCall">>;

/**
 * Runs the committee on items from inside a node. Called with the node's config it runs as a
 * subgraph: its steps are checkpointed under the parent thread and shown in Studio.
 */
export type CommitteeRunner = (input: CommitteeInput, config?: LangGraphRunnableConfig) => Promise<CommitteeStateValue>;

/** The committee compiled once for a graph's services, as its nodes call it. */
export function committeeRunner(services: Services): CommitteeRunner {
  const compiled = buildCommitteeGraph(services).compile({ name: "committee" });
  return async (input, config) => (await compiled.invoke(input as never, config)) as CommitteeStateValue;
}

/** For langgraph.json: the committee subgraph on its own. */
export const graph = buildCommitteeGraph().compile({ name: "committee" });
