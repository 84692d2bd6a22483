import { existsSync, readFileSync, statSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { parse as parseCsv } from "csv-parse/sync";
import { z } from "zod";
import { DatasetError, formatZodIssues } from "../errors.js";
import { describeNormalization, normalizeLabel } from "../labels/normalizeLabel.js";
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
 * first bad row with its file and line, and a file that is not valid UTF-8. Labels are normalized
 * (tools/labels/normalizeLabel.ts), and what that changed is pushed to `warnings` as one line.
 * Rows without an id get `<split>:<line>`, which stays stable as long as the file does.
 */
export function readLabeledFile(path: string, columns: Columns, split: string, warnings: string[] = []): LabeledText[] {
  const content = readDataFile(path);
  const format = path.replace(/\.gz$/, "").endsWith(".csv") ? "csv" : "jsonl";
  const rows = format === "csv" ? csvRows(path, content) : jsonlRows(path, content);

  const rowSchema = z.object({
    [columns.text]: z.string({ error: "missing, or not a string" }),
    [columns.label]: scalar.pipe(z.string().min(1, `empty "${columns.label}"`)),
    ...(columns.id ? { [columns.id]: scalar.pipe(z.string().min(1, `empty "${columns.id}"`)) } : {}),
  });

  const items: LabeledText[] = [];
  const rawLabels: string[] = [];
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
    const rawLabel = String(parsed.data[columns.label]);
    const label = normalizeLabel(rawLabel);
    if (label.length === 0) throw new DatasetError(`${path} line ${line}: empty "${columns.label}" once trimmed`);
    rawLabels.push(rawLabel);
    items.push({ id, text, label });
  }
  if (items.length === 0) throw new DatasetError(`${path}: no rows`);
  const changes = describeNormalization(path, rawLabels);
  if (changes) warnings.push(changes);
  return items;
}

/** A data file's text, gunzipped when its name ends in .gz; a missing, unreadable or non-UTF-8 file is a DatasetError naming it. */
export function readDataFile(path: string): string {
  if (!existsSync(path)) throw new DatasetError(`${path}: no such file`);
  if (!statSync(path).isFile()) throw new DatasetError(`${path}: not a file`);
  const raw = readFileSync(path);
  let bytes: Buffer;
  try {
    bytes = path.endsWith(".gz") ? gunzipSync(raw) : raw;
  } catch (error) {
    throw new DatasetError(`${path}: cannot decompress (${(error as Error).message})`);
  }
  return decodeUtf8(path, bytes);
}

/** The file as text; bytes that are not UTF-8 are refused with their line, never replaced in silence. */
function decodeUtf8(path: string, bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    let line = 1;
    let start = 0;
    for (let i = 0; i <= bytes.length; i++) {
      if (i < bytes.length && bytes[i] !== 0x0a) continue;
      try {
        new TextDecoder("utf-8", { fatal: true }).decode(bytes.subarray(start, i));
      } catch {
        break;
      }
      line++;
      start = i + 1;
    }
    throw new DatasetError(`${path} line ${line}: not valid UTF-8 (convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8)`);
  }
}

/** The JSON value of each non-empty line, with its line number; a line that is not JSON is a DatasetError naming it. */
export function jsonlRows(path: string, content: string): Array<{ line: number; value: unknown }> {
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
