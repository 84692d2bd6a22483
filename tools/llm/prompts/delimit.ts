/**
 * Pool text is data, never instructions: it goes into the prompt inside a tag, with `&`, `<` and
 * `>` escaped, so nothing an item says can close its tag or open a new section of the prompt.
 */
export function escapeText(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function unescapeText(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** `<tag a="x">escaped text</tag>`; attribute values are escaped too (`"` included). */
export function tagged(tag: string, attributes: Record<string, string>, text: string): string {
  const attrs = Object.entries(attributes)
    .map(([key, value]) => ` ${key}="${escapeText(value).replace(/"/g, "&quot;")}"`)
    .join("");
  return `<${tag}${attrs}>${escapeText(text)}</${tag}>`;
}

/** Every `<tag …>…</tag>` in `prompt`, with attributes and text unescaped. */
export function untag(prompt: string, tag: string): Array<{ attributes: Record<string, string>; text: string }> {
  const out: Array<{ attributes: Record<string, string>; text: string }> = [];
  const pattern = new RegExp(`<${tag}((?:\\s+[a-z]+="[^"]*")*)>([\\s\\S]*?)</${tag}>`, "g");
  for (const match of prompt.matchAll(pattern)) {
    const attributes: Record<string, string> = {};
    for (const attr of match[1].matchAll(/([a-z]+)="([^"]*)"/g)) attributes[attr[1]] = unescapeText(attr[2].replace(/&quot;/g, '"'));
    out.push({ attributes, text: unescapeText(match[2]) });
  }
  return out;
}

/** The first JSON object in a reply, tolerating code fences and prose around it. */
export function extractJson(content: string): unknown {
  const start = content.indexOf("{");
  const end = content.lastIndexOf("}");
  if (start < 0 || end <= start) throw new SyntaxError("no JSON object in the reply");
  return JSON.parse(content.slice(start, end + 1));
}

/** The JSON object of a reply, validated with `schema`; null when there is none or it does not fit. */
export function parseJsonReply<T>(content: string, schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } }): T | null {
  try {
    const parsed = schema.safeParse(extractJson(content));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** A prompt's system text, when it is the prompt of `task`, and its user text. */
export function promptParts(turns: ReadonlyArray<{ role: string; content: string }>, task: string): { system: string; user: string } | null {
  const system = turns.find((turn) => turn.role === "system")?.content ?? "";
  if (!system.startsWith(task)) return null;
  return {
    system,
    user: turns
      .filter((turn) => turn.role === "user")
      .map((turn) => turn.content)
      .join("\n"),
  };
}
