import { stringify } from "csv-stringify/sync";
import type { LabelRow } from "./labelRows.js";

/**
 * The columns of the labels CSV, in the label record's own names (the JSONL export uses the same).
 * Every row has every column, empty where a label has no value (a person's label has no model, an
 * oracle's no confidence), so spreadsheets and `csv.DictReader` see one fixed header.
 */
export const LABEL_CSV_COLUMNS = [
  "id",
  "text",
  "label",
  "source",
  "confidence",
  "costUsd",
  "round",
  "model",
  "confidenceMethod",
  "suggestion",
  "reviewReason",
  "comment",
  "rationales",
] as const;

/**
 * The labels as CSV (RFC 4180: quoted where a field holds a comma, quote or line break), with a
 * header. `rationales`, a list, is one cell holding a JSON array.
 */
export function labelsCsv(rows: readonly LabelRow[]): string {
  const records = rows.map((row) => ({
    ...row,
    confidence: row.confidence ?? "",
    rationales: row.rationales ? JSON.stringify(row.rationales) : "",
  }));
  return stringify(records, { header: true, columns: [...LABEL_CSV_COLUMNS] });
}
