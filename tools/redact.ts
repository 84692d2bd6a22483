/**
 * The one redactor for every error text activegraph stores (checkpoints, results, caches), prints
 * or logs. Provider error bodies may echo the API key, URLs may carry credentials: whatever passes
 * through here keeps its meaning and loses its secrets.
 *
 * What it removes: the value of every environment variable whose name says it is a secret (…KEY,
 * …TOKEN, …SECRET, …PASSWORD, …CREDENTIALS), wherever it appears; bearer and basic tokens; API
 * keys in the shapes providers issue (sk-…, hf_…, AIza…, AKIA…, ghp_…, xox…); the password of a URL
 * (`scheme://user:***@host`) and secret-named query parameters and fields (`api_key=***`).
 */
export function redact(text: string): string {
  let out = text;
  for (const secret of environmentSecrets()) out = out.split(secret).join("***");
  return out
    .replace(/\b(Bearer|Basic|Token)\s+[A-Za-z0-9._~+/=-]{6,}/gi, "$1 ***")
    .replace(/\b(sk|pk|rk)-[A-Za-z0-9_-]{8,}/g, "$1-***")
    .replace(/\b(hf|ghp|gho|ghs|github_pat|glpat)_[A-Za-z0-9_]{10,}/g, "$1_***")
    .replace(/\bxox[abprs]-[A-Za-z0-9-]{10,}/g, "xox-***")
    .replace(/\bAIza[0-9A-Za-z_-]{30,}/g, "AIza***")
    .replace(/\b(AKIA|ASIA)[0-9A-Z]{16}\b/g, "$1***")
    .replace(/\b([a-z][a-z0-9+.-]*:\/\/)([^\s:/@]*):([^\s@/]*)@/gi, "$1$2:***@")
    .replace(/([?&;]|\b)((?:api[_-]?key|access[_-]?token|auth[_-]?token|token|secret|password|passwd|pwd|key|sig|signature)=)[^&\s"'#]+/gi, "$1$2***")
    .replace(/("(?:api[_-]?key|apiKey|authorization|access[_-]?token|password|secret|token)"\s*:\s*")[^"]*"/gi, '$1***"')
    .replace(/\b((?:authorization|x-api-key|api-key)\s*[:=]\s*)(?!\*\*\*|(?:Bearer|Basic|Token)\b)[^\s,;"']+/gi, "$1***");
}

const SECRET_NAME = /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|CREDENTIALS?|AUTH)$|^(PGPASSWORD|DATABASE_URL)$/i;
/** Values this short would redact ordinary words. */
const MIN_SECRET_LENGTH = 8;

function environmentSecrets(): string[] {
  const values: string[] = [];
  for (const [name, value] of Object.entries(process.env)) {
    if (!value || value.length < MIN_SECRET_LENGTH || !SECRET_NAME.test(name)) continue;
    values.push(value);
    // A URL-valued secret (DATABASE_URL) leaks through its password too.
    const password = /:\/\/[^:/@\s]*:([^@\s]+)@/.exec(value)?.[1];
    if (password && password.length >= 4) values.push(password);
  }
  // Longest first, so a secret that contains another is removed whole.
  return values.sort((a, b) => b.length - a.length);
}
