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
