import type { z } from "zod";

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly in?: z.ZodType;
  readonly out?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly options?: readonly z.ZodType[];
  readonly entries?: Record<string, string | number>;
  readonly values?: readonly unknown[];
}

const defOf = (schema: z.ZodType): Def => (schema as unknown as { _zod: { def: Def } })._zod.def;

/** The schemas a value may match, through optional, default, preprocess and union wrappers. */
function variants(schema: z.ZodType): z.ZodType[] {
  const def = defOf(schema);
  switch (def.type) {
    case "optional":
    case "nullable":
    case "default":
    case "prefault":
    case "readonly":
    case "catch":
    case "nonoptional":
      return variants(def.innerType!);
    case "pipe":
      // z.preprocess(fn, schema) is a pipe from a transform: the schema is what the value must match.
      return variants(defOf(def.in!).type === "transform" ? def.out! : def.in!);
    case "union":
      return def.options!.flatMap(variants);
    default:
      return [schema];
  }
}

/**
 * The values the field at `path` of `schema` may take when it is an enum or a union of literals
 * (across every variant of a discriminated union on the way), or null when it is free-form. The
 * CLI's help reads its choices from here, so it lists exactly what the parser accepts.
 */
export function choicesAt(schema: z.ZodType, path: readonly string[]): string[] | null {
  const leaves = path.reduce<z.ZodType[]>(
    (schemas, key) =>
      schemas.flatMap(variants).flatMap((variant) => (defOf(variant).type === "object" && defOf(variant).shape![key] ? [defOf(variant).shape![key]] : [])),
    [schema],
  );
  const values: string[] = [];
  for (const leaf of leaves.flatMap(variants)) {
    const def = defOf(leaf);
    if (def.type === "enum") values.push(...Object.values(def.entries!).map(String));
    else if (def.type === "literal") values.push(...def.values!.map(String));
    else return null;
  }
  return values.length > 0 ? [...new Set(values)] : null;
}
