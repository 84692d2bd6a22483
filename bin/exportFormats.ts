/** The formats of `activegraph export`, apart from the command so the CLI can list them without loading it. */
export const EXPORT_FORMATS = ["csv", "jsonl", "openai", "hf", "dpo"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
