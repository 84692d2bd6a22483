import { existsSync, readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { DatasetError, formatZodIssues } from "../errors.js";
import type { LabeledText } from "./dataset.js";

/** Which fields of a row hold the text, the label and (optionally) a stable id. */
export interface Columns {
  readonly text: string;
  readonly label: string;
  readonly id?: string;
}

const scalar = z.union([z.string(), z.number(), z.boolean()], { error: "missing, or not a string or number" }).transform(String);

/**
 * Reads `{text,label}` rows from JSONL or CSV (optionally gzipped), refusing the whole file at the
 * first bad row with its file and line. Rows without an id get `<split>:<line>`, which stays stable
 * as long as the file does.
 */
export function readLabeledFile(path: string, columns: Columns, split: string): LabeledText[] {
  if (!existsSync(path)) throw new DatasetError(`${path}: no such file`);
  if (!statSync(path).isFile()) throw new DatasetError(`${path}: not a file`);
  const raw = readFileSync(path);
  let content: string;
  try {
    content = (path.endsWith(".gz") ? gunzipSync(raw) : raw).toString("utf8");
  } catch (error) {
    throw new DatasetError(`${path}: cannot decompress (${(error as Error).message})`);
  }
  const format = path.replace(/\.gz$/, "").endsWith(".csv") ? "csv" : "jsonl";
  const rows = format === "csv" ? csvRows(path, content) : jsonlRows(path, content);

  const rowSchema = z.object({
    [columns.text]: z.string({ error: "missing, or not a string" }),
    [columns.label]: scalar.pipe(z.string().min(1, `empty "${columns.label}"`)),
    ...(columns.id ? { [columns.id]: scalar.pipe(z.string().min(1, `empty "${columns.id}"`)) } : {}),
  });

  const items: LabeledText[] = [];
  const firstLineOfId = new Map<string, number>();
  for (const { line, value } of rows) {
    const parsed = rowSchema.safeParse(value);
    if (!parsed.success) throw new DatasetError(`${path} line ${line}: ${formatZodIssues(parsed.error.issues)}`);
    const text = String(parsed.data[columns.text]);
    if (text.trim().length === 0) throw new DatasetError(`${path} line ${line}: empty text`);
    const id = columns.id ? String(parsed.data[columns.id]) : `${split}:${line}`;
    const seen = firstLineOfId.get(id);
    if (seen !== undefined) throw new DatasetError(`${path} line ${line}: duplicate id "${id}" (first on line ${seen})`);
    firstLineOfId.set(id, line);
    items.push({ id, text, label: String(parsed.data[columns.label]) });
  }
  if (items.length === 0) throw new DatasetError(`${path}: no rows`);
  return items;
}

function jsonlRows(path: string, content: string): Array<{ line: number; value: unknown }> {
  const rows: Array<{ line: number; value: unknown }> = [];
  const lines = content.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const text = lines[i].trim();
    if (text.length === 0) continue;
    try {
      rows.push({ line: i + 1, value: JSON.parse(text) });
    } catch (error) {
      throw new DatasetError(`${path} line ${i + 1}: not valid JSON (${(error as Error).message})`);
    }
  }
  return rows;
}

function csvRows(path: string, content: string): Array<{ line: number; value: unknown }> {
  try {
    const records = parseCsv(content, { columns: true, skip_empty_lines: true, info: true, bom: true }) as Array<{
      record: Record<string, string>;
      info: { lines: number };
    }>;
    return records.map(({ record, info }) => ({ line: info.lines, value: record }));
  } catch (error) {
    const lines = (error as { lines?: number }).lines;
    throw new DatasetError(`${path}${lines ? ` line ${lines}` : ""}: malformed CSV (${(error as Error).message})`);
  }
}
