/** How many labels each class has, every class present (0 when it has none), in the order of `classes`. */
export function labelsPerClass(records: ReadonlyArray<{ readonly label: string }>, classes: readonly string[]): Map<string, number> {
  const counts = new Map(classes.map((label) => [label, 0]));
  for (const record of records) counts.set(record.label, (counts.get(record.label) ?? 0) + 1);
  return counts;
}
