import type { AnswersResponse, WorkView } from "../protocol.js";

/** The page's two calls to its server. */
export async function fetchWork(annotator: string): Promise<WorkView> {
  const response = await fetch(`/api/work?annotator=${encodeURIComponent(annotator)}`, { cache: "no-store" });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  return (await response.json()) as WorkView;
}

export async function postAnswers(annotator: string, answers: Record<string, Record<string, unknown>>): Promise<AnswersResponse> {
  const response = await fetch("/api/answers", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ annotator, answers }),
  });
  if (!response.ok) throw new Error(((await response.json()) as { error: string }).error);
  return (await response.json()) as AnswersResponse;
}
