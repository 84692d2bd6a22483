import { afterEach, describe, expect, it } from "vitest";
import { redact } from "../tools/redact.js";

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

describe("redact", () => {
  it("removes API keys, bearer tokens and credentials in URLs, and keeps the rest of the message", () => {
    const cases: Array<[string, string]> = [
      ["401 Incorrect API key provided: sk-proj-abcdef1234567890XYZ.", "401 Incorrect API key provided: sk-***."],
      ["Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.sig", "Authorization: Bearer ***"],
      ["x-api-key: abcdef123456", "x-api-key: ***"],
      ["got Bearer abcdefghijklmnop from the proxy", "got Bearer *** from the proxy"],
      ["cannot reach postgres://ag:hunter2hunter2@db:5432/x", "cannot reach postgres://ag:***@db:5432/x"],
      ["GET https://api.example.com/v1/models?api_key=abc123def456&x=1", "GET https://api.example.com/v1/models?api_key=***&x=1"],
      ['{"error": {"api_key": "k-123456789", "message": "bad"}}', '{"error": {"api_key": "***", "message": "bad"}}'],
      ["hf_abcdefghijklmnopqrstuvwxyz and AKIAABCDEFGHIJKLMNOP", "hf_*** and AKIA***"],
      ["500 Internal server error (simulated)", "500 Internal server error (simulated)"],
    ];
    for (const [text, expected] of cases) expect(redact(text)).toBe(expected);
  });

  it("removes the value of any secret in the environment, whatever its shape", () => {
    process.env.OPENAI_API_KEY = "plainvalue-not-shaped-like-a-key";
    process.env.MY_SERVICE_TOKEN = "tok_0123456789";
    process.env.DATABASE_URL = "postgres://u:s3cretpass@h/db";
    expect(redact("echo: plainvalue-not-shaped-like-a-key / tok_0123456789 / s3cretpass")).toBe("echo: *** / *** / ***");
  });
});
