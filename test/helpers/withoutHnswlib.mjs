// Loaded with `node --import`: makes `hnswlib-node` unresolvable, as on a machine where its native
// build failed (it is an optional dependency), so tests can check the exact-search fallback.
import { register } from "node:module";

const hook = `
export async function resolve(specifier, context, next) {
  if (specifier === "hnswlib-node") {
    const error = new Error("Cannot find package 'hnswlib-node' (hidden by the test)");
    error.code = "ERR_MODULE_NOT_FOUND";
    throw error;
  }
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hook)}`);
