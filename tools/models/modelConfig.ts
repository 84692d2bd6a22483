import { z } from "zod";
import { targetModelKinds } from "./registry.js";

/**
 * The run's target model: which one (`kind`: a built-in or a name given to `registerTargetModel`),
 * with which regularization (the features it reads are the run's `representation`). C and maxIterations default to each model's own
 * (softmax regression C = 10, the linear SVM C = 1, …); `options` is handed as is to a registered model.
 */
export const ModelConfigSchema = z
  .object({
    kind: z.string().min(1).default("softmax"),
    /** Inverse L2 strength, scikit-learn's C. */
    C: z.number().positive().optional(),
    maxIterations: z.number().int().positive().optional(),
    /** Settings of a registered model (JSON, so the config can still be checkpointed). */
    options: z.record(z.string(), z.unknown()).optional(),
  })
  .strict()
  .superRefine((model, ctx) => {
    const kinds = targetModelKinds();
    if (!kinds.includes(model.kind))
      ctx.addIssue({
        code: "custom",
        path: ["kind"],
        message: `unknown target model "${model.kind}" (known: ${kinds.join(", ")}; registerTargetModel adds one)`,
      });
  })
  .prefault({});
export type ModelConfig = z.infer<typeof ModelConfigSchema>;
