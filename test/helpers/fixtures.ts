import { copyFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { RunConfigInput } from "../../runtime/config/runConfig.js";

export const FIXTURE_TRAIN = fileURLToPath(new URL("../fixtures/topics.train.jsonl", import.meta.url));
export const FIXTURE_TEST = fileURLToPath(new URL("../fixtures/topics.test.jsonl", import.meta.url));
/** The fixture as CLI arguments: `--dataset <train> --test <test>`. */
export const FIXTURE_DATA = ["--dataset", FIXTURE_TRAIN, "--test", FIXTURE_TEST];

/** The fixture as a benchmark dataset: a folder `name` in `dir` holding train.jsonl and test.jsonl; returns its path. */
export function fixtureDatasetFolder(dir: string, name = "topics"): string {
  const folder = join(dir, name);
  mkdirSync(folder);
  copyFileSync(FIXTURE_TRAIN, join(folder, "train.jsonl"));
  copyFileSync(FIXTURE_TEST, join(folder, "test.jsonl"));
  return folder;
}

/** A run on the committed three-topic fixture (240 pool items, 90 test items). */
export function fixtureConfig(overrides: Partial<RunConfigInput> = {}): RunConfigInput {
  return {
    dataset: { train: FIXTURE_TRAIN, test: FIXTURE_TEST },
    strategy: "margin",
    initial: { size: 10 },
    batchSize: 10,
    seed: 7,
    stopping: { maxLabels: 30 },
    ...overrides,
  };
}

const TOPIC_WORDS: Record<string, readonly string[]> = {
  food_: [
    "dessert",
    "kitchen",
    "bake",
    "oven",
    "garlic",
    "bread",
    "meal",
    "butter",
    "grill",
    "chef",
    "soup",
    "recipe",
    "sauce",
    "flour",
    "salad",
    "cheese",
    "pasta",
    "fruit",
    "taste",
    "spicy",
  ],
  sport: [
    "medal",
    "race",
    "trophy",
    "player",
    "coach",
    "fans",
    "team",
    "match",
    "champion",
    "league",
    "goal",
    "stadium",
    "keeper",
    "score",
    "sprint",
    "pitch",
    "tackle",
    "season",
    "referee",
  ],
  tech_: [
    "laptop",
    "cable",
    "data",
    "cloud",
    "network",
    "server",
    "battery",
    "phone",
    "kernel",
    "update",
    "software",
    "app",
    "router",
    "code",
    "install",
    "chip",
    "screen",
    "browser",
    "pixel",
    "robot",
  ],
};

/** A stand-in person for the fixture: the topic whose words the text has most of (right on 91% of the pool). */
export function fixtureTopic(text: string): string {
  const words = text.split(/\s+/);
  const score = (label: string) => words.filter((word) => TOPIC_WORDS[label].includes(word)).length;
  return Object.keys(TOPIC_WORDS).reduce((best, label) => (score(label) > score(best) ? label : best));
}
