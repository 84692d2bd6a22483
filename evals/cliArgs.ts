import { InvalidArgumentError } from "commander";

/** A benchmark flag's positive integer; `1_000_000` reads as a million. */
export function positiveInteger(value: string): number {
  const n = Number(value.replace(/_/g, ""));
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("not a positive integer.");
  return n;
}

/** A comma-separated list of them (`--sizes 25000,100000`). */
export const positiveIntegers = (value: string): number[] => value.split(",").map(positiveInteger);
