import { MemorySaver } from "@langchain/langgraph";
import { describe, expect, it, vi } from "vitest";
import { runThread } from "../../graphs/activeLearning/runThread.js";
import { parseRunConfig } from "../../runtime/config/runConfig.js";
import { localModelsMissing } from "../../tools/localModels/manifest.js";
import { nodeLlamaCppMissing } from "../../tools/localModels/nodeLlamaCpp.js";
import { fixtureConfig } from "../helpers/fixtures.js";
import { tempDir } from "../helpers/tmp.js";

// The real all-MiniLM-L6-v2 from scripts/install-models.sh: skips, saying so, when it is not installed.
const missing = localModelsMissing() ?? (await nodeLlamaCppMissing());

if (missing) {
  it.skip(missing, () => {});
} else {
  describe("a run on the installed sentence embeddings (all-MiniLM-L6-v2, GGUF F16)", () => {
    it("embeds the pool and the test split offline, with progress lines, and learns the topics from them", async () => {
      vi.stubGlobal("fetch", () => Promise.reject(new Error("the network was used")));
      process.env.ACTIVEGRAPH_CACHE_DIR = tempDir();
      const lines: string[] = [];
      const write = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => {
        lines.push(String(chunk));
        return true;
      });
      try {
        const config = parseRunConfig(fixtureConfig({ strategy: "probcover", representation: { features: "embeddings" }, stopping: { maxLabels: 30 } }));
        const { state } = await runThread({ threadId: "minilm", checkpointer: new MemorySaver(), config });
        // Three topics, 30 labels: 0.83 on MiniLM's vectors, where the same run on TF-IDF reaches 0.73.
        expect(state.history.at(-1)!.accuracy).toBeGreaterThan(0.8);
      } finally {
        write.mockRestore();
        vi.unstubAllGlobals();
      }
      expect(lines.join("")).toMatch(/embedding the \S+ pool with all-minilm-l6-v2-gguf: 240 texts…/);
      expect(lines.join("")).toMatch(/embedded the \S+ test split with all-minilm-l6-v2-gguf: 90 texts in \d+ s \(\d+ texts\/s\)/);
    });
  });
}
