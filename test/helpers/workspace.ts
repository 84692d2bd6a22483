import type { RunConfig } from "../../runtime/config/runConfig.js";
import { createServices } from "../../runtime/services.js";
import type { Workspace } from "../../runtime/workspace/workspace.js";

/** The workspace a run of `config` gets, loaded as a new process would load it. */
export function workspaceFor(config: RunConfig): Promise<Workspace> {
  return createServices().workspace(config);
}
