import { z } from "zod";
import { DatasetError, formatZodIssues } from "../errors.js";
import { jsonlRows, readDataFile } from "../pool/readLabeledFile.js";
import type { InstructionItem } from "./instructionItem.js";

const text = z.string().trim().min(1, "empty");

/**
 * One line of an instruction file: `{prompt}`, `{prompt, response}` or `{prompt, responses: […]}`
 * (Alpaca's `instruction`, `input` and `output` are read as well), an optional stable `id`, and an
 * optional checkable `answer`. Other fields are ignored.
 */
const RowSchema = z
  .object({
    id: z
      .union([z.string().min(1), z.number()])
      .transform(String)
      .optional(),
    prompt: text.optional(),
    instruction: text.optional(),
    input: z.string().optional(),
    response: text.optional(),
    output: text.optional(),
    responses: z.array(text).min(2, "needs two responses or more").optional(),
    answer: text.optional(),
  })
  .superRefine((row, ctx) => {
    if ((row.prompt === undefined) === (row.instruction === undefined))
      ctx.addIssue({ code: "custom", path: ["prompt"], message: 'give the prompt as "prompt" (or Alpaca\'s "instruction"), once' });
    if (row.response !== undefined && row.output !== undefined)
      ctx.addIssue({ code: "custom", path: ["output"], message: 'give "response" or "output", not both' });
  });

/** A prompt read from a file, with what the file says about it. */
export interface InstructionRow extends InstructionItem {
  /** A response the file gives (it becomes the example when this prompt is chosen). */
  readonly response?: string;
  /** Candidate responses the file gives (two or more), for preference questions. */
  readonly responses?: readonly string[];
  /** A checkable answer, when the file gives one. */
  readonly answer?: string;
}

/**
 * Reads an instruction file (JSONL, optionally gzipped), refusing it at the first bad line with
 * the file and line named. Lines without an id get `line:<n>`.
 */
export function readInstructionFile(path: string): InstructionRow[] {
  const rows: InstructionRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, value } of jsonlRows(path, readDataFile(path))) {
    const parsed = RowSchema.safeParse(value);
    if (!parsed.success) throw new DatasetError(`${path} line ${line}: ${formatZodIssues(parsed.error.issues)}`);
    const row = parsed.data;
    const id = row.id ?? `line:${line}`;
    const first = seen.get(id);
    if (first !== undefined) throw new DatasetError(`${path} line ${line}: duplicate id "${id}" (first on line ${first})`);
    seen.set(id, line);
    const response = row.response ?? row.output;
    rows.push({
      id,
      instruction: (row.prompt ?? row.instruction) as string,
      ...(row.input?.trim() ? { input: row.input } : {}),
      ...(response ? { response } : {}),
      ...(row.responses ? { responses: row.responses } : {}),
      ...(row.answer ? { answer: row.answer } : {}),
    });
  }
  if (rows.length === 0) throw new DatasetError(`${path}: no rows`);
  return rows;
}

/** A held-out preference: the prompt, the response a person preferred and the one they did not. */
export interface PreferenceRow {
  readonly id: string;
  readonly prompt: string;
  readonly chosen: string;
  readonly rejected: string;
}

const PreferenceRowSchema = z
  .object({
    id: z
      .union([z.string().min(1), z.number()])
      .transform(String)
      .optional(),
    prompt: text,
    chosen: text,
    rejected: text,
  })
  .refine((row) => row.chosen !== row.rejected, { path: ["rejected"], message: "the same as chosen" });

/** Reads `{prompt, chosen, rejected}` lines (the DPO format), refusing the file at the first bad line. */
export function readPreferenceFile(path: string): PreferenceRow[] {
  const rows = jsonlRows(path, readDataFile(path)).map(({ line, value }) => {
    const parsed = PreferenceRowSchema.safeParse(value);
    if (!parsed.success) throw new DatasetError(`${path} line ${line}: ${formatZodIssues(parsed.error.issues)}`);
    return { id: parsed.data.id ?? `line:${line}`, prompt: parsed.data.prompt, chosen: parsed.data.chosen, rejected: parsed.data.rejected };
  });
  if (rows.length === 0) throw new DatasetError(`${path}: no rows`);
  return rows;
}
