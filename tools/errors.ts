/**
 * An error the user can fix: bad config, bad data, a bad human answer. The CLI prints its message
 * on one line and exits non-zero; anything else is a bug and keeps its stack trace.
 */
export class ActiveGraphError extends Error {
  override readonly name: string = "ActiveGraphError";
}

export interface FieldIssue {
  readonly path: ReadonlyArray<PropertyKey>;
  readonly message: string;
}

export class ConfigError extends ActiveGraphError {
  override readonly name = "ConfigError";

  /** The fields at fault, when the error comes from validation, so a CLI can name its own flags. */
  constructor(
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

export class DatasetError extends ActiveGraphError {
  override readonly name = "DatasetError";
}

/** Formats zod issues as `path: message; path: message`, the way every boundary reports them. */
export function formatZodIssues(issues: readonly FieldIssue[]): string {
  return issues.map((issue) => (issue.path.length > 0 ? `${issue.path.map(String).join(".")}: ${issue.message}` : issue.message)).join("; ");
}
