/** The "Labels:" section every prompt carries: one JSON-quoted label a line, with its description. */
export function labelList(labels: readonly string[], descriptions?: Readonly<Record<string, string>>): string[] {
  return [
    "Labels:",
    ...labels.map((label) => {
      const description = descriptions?.[label];
      return `- ${JSON.stringify(label)}${description ? `: ${description}` : ""}`;
    }),
  ];
}

/** The labels of a prompt's "Labels:" section. */
export function parseLabelList(system: string): string[] {
  const section = system.split("\nLabels:\n")[1]?.split("\n\n")[0] ?? "";
  return section
    .split("\n")
    .map((line) => line.match(/^- ("(?:[^"\\]|\\.)*")/)?.[1])
    .filter((label): label is string => label !== undefined)
    .map((label) => JSON.parse(label) as string);
}
