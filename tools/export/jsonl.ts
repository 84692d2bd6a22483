/**
 * JSON Lines: one JSON value a line, each line ending in "\n" (jsonlines.org). JSON.stringify
 * escapes newlines inside strings, so a record never spans two lines.
 */
export function toJsonl(records: Iterable<unknown>): string {
  let out = "";
  for (const record of records) out += `${JSON.stringify(record)}\n`;
  return out;
}
