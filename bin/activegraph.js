#!/usr/bin/env node
// The `activegraph` command for npm's bin: loads the TypeScript CLI in this same process.
import { register } from "tsx/esm/api";

register();
await import("./activegraph.ts");
