import type { z } from "zod";
import { ConfigError, formatZodIssues } from "../../tools/errors.js";

/**
 * The parser of one kind of config (a run, an ICL, SFT, preference or distillation run), from any
 * source (CLI, JSON file, Studio): the config, or one ConfigError naming every bad field.
 */
export function configParser<S extends z.ZodType>(schema: S, what: string): (input: unknown) => z.infer<S> {
  return (input) => {
    const parsed = schema.safeParse(input);
    if (!parsed.success) throw new ConfigError(`invalid ${what} config: ${formatZodIssues(parsed.error.issues)}`, parsed.error.issues);
    return parsed.data;
  };
}
