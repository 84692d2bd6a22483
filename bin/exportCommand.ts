import { basename, dirname, resolve } from "node:path";
import { threadStatus } from "../graphs/activeLearning/runThread.js";
import type { State } from "../graphs/activeLearning/state.js";
import { ConfigError } from "../tools/errors.js";
import { correctionPairs, reviewedCount } from "../tools/export/correctionPairs.js";
import { labelsCsv } from "../tools/export/csv.js";
import { dpoJsonl } from "../tools/export/dpo.js";
import { hfDataset } from "../tools/export/hfDataset.js";
import { toJsonl } from "../tools/export/jsonl.js";
import { labelRows, type LabelRow } from "../tools/export/labelRows.js";
import { labelsJsonl } from "../tools/export/labelsJsonl.js";
import { OPENAI_MIN_EXAMPLES, openaiChatExamples } from "../tools/export/openaiChat.js";
import { provenance } from "../tools/export/provenance.js";
import { writeFiles } from "../tools/export/writeFiles.js";
import type { Dataset } from "../tools/pool/dataset.js";
import { loadDataset } from "../tools/pool/loadDataset.js";
import { taskInstructions } from "../runtime/config/runConfig.js";
import { checkpointing } from "./checkpointer.js";
import type { ExportFormat } from "./exportFormats.js";
import { annotatorName } from "./report.js";

export interface ExportOptions {
  thread: string;
  out: string;
  checkpointer?: string;
  format: ExportFormat;
  to?: string;
  license?: string;
}

/** Where each format goes by default, in the run's output folder ("hf" is a folder). */
const DEFAULT_NAME: Record<ExportFormat, (thread: string) => string> = {
  csv: (thread) => `${thread}.labels.csv`,
  jsonl: (thread) => `${thread}.labels.jsonl`,
  openai: (thread) => `${thread}.openai.jsonl`,
  hf: (thread) => `${thread}-hf`,
  dpo: (thread) => `${thread}.dpo.jsonl`,
};

/**
 * `activegraph export`: a thread's labels as CSV, JSONL, OpenAI chat fine-tuning examples, a
 * Hugging Face dataset folder, or DPO preference pairs. Labels come from the checkpoint, pool
 * texts from the dataset the run named, generated texts from the checkpoint (where alone they live).
 */
export async function exportCommand(options: ExportOptions): Promise<void> {
  const outDir = resolve(options.out);
  const store = checkpointing(options.checkpointer, outDir);
  if (!store.mayExist) throw new ConfigError(`no checkpoints in ${store.where}: give the --out (or --checkpointer) of the run`);
  const status = await threadStatus(await store.open(), options.thread);
  if (status.kind === "empty") throw new ConfigError(`thread "${options.thread}" does not exist in ${store.where}`);
  const state = status.state;
  const config = state.config!;
  const dataset = await loadDataset(config.dataset);
  const poolText = new Map(dataset.train.map((item) => [item.id, item.text]));
  const rows = labelRows(state.labels, state.generated, (id) => poolText.get(id));
  const target = resolve(options.to ?? resolve(outDir, DEFAULT_NAME[options.format](options.thread)));
  if (status.kind === "unfinished") process.stderr.write(`thread ${options.thread} has not finished: exporting its ${rows.length} labels so far\n`);

  const task = { instructions: taskInstructions(config), labels: state.classes, labelDescriptions: config.task.labelDescriptions };
  const write = (content: string) => writeFiles(dirname(target), [{ path: basename(target), content }]);
  switch (options.format) {
    case "jsonl":
      write(labelsJsonl(rows));
      break;
    case "csv":
      write(labelsCsv(rows));
      break;
    case "openai":
      write(toJsonl(openaiChatExamples(rows, task)));
      if (rows.length < OPENAI_MIN_EXAMPLES)
        process.stderr.write(`note: OpenAI's fine-tuning API asks for at least ${OPENAI_MIN_EXAMPLES} examples; this thread has ${rows.length}\n`);
      break;
    case "dpo": {
      const pairs = correctionPairs(rows, task);
      if (pairs.length === 0) {
        const reviewed = reviewedCount(rows);
        throw new ConfigError(
          `thread "${options.thread}" has no preference answers: a classification thread gives DPO pairs only where a person overruled an LLM's suggestion, and ${reviewed === 0 ? `none of its ${rows.length} labels was a person reviewing a suggestion` : `people accepted all ${reviewed} suggestions they reviewed`}`,
        );
      }
      write(dpoJsonl(pairs));
      console.log(`${pairs.length} preference pairs: a person's label chosen over the LLM suggestion they overruled`);
      break;
    }
    case "hf":
      writeFiles(target, hfDataset(hfInput(options, state, rows, dataset)));
      break;
  }
  console.log(`exported ${rows.length} labels of thread ${options.thread} as ${options.format}: ${target}`);
}

function hfInput(options: ExportOptions, state: State, rows: LabelRow[], dataset: Dataset) {
  const config = state.config!;
  return {
    run: {
      thread: options.thread,
      dataset: dataset.name,
      strategy: config.strategy,
      annotator: annotatorName(state),
      rounds: state.history.length,
      stopReason: state.stopReason?.message ?? null,
    },
    classes: state.classes,
    train: rows,
    test: dataset.test,
    provenance: provenance(state.labels, state.ledger),
    license: options.license,
  };
}
