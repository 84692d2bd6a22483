import { render } from "preact";
import { useCallback, useEffect, useRef, useState } from "preact/hooks";
import type { WorkView } from "../protocol.js";
import { fetchWork, postAnswers } from "./api.js";
import { ItemCard } from "./itemCard.js";
import { answerValue, groupAnswers, type OutboxEntry } from "./outbox.js";
import { Sidebar } from "./sidebar.js";

const POLL_MS = 2000;
/** Time to take back the last answer (u) before a finished batch is sent. */
const SEND_DELAY_MS = 2500;

function initialName(): string {
  const fromUrl = new URLSearchParams(location.search).get("annotator");
  if (fromUrl) return fromUrl;
  const stored = localStorage.getItem("activegraph.annotator");
  if (stored) return stored;
  const made = `person-${Math.random().toString(36).slice(2, 6)}`;
  localStorage.setItem("activegraph.annotator", made);
  return made;
}

/** The items of this person's questions not answered on the page yet, in order. */
function openItems(work: WorkView | null, outbox: readonly OutboxEntry[]) {
  const answered = new Set(outbox.map((entry) => entry.itemId));
  const queue = (work?.questions ?? []).flatMap((question) => question.request.items.map((item) => ({ question, item })));
  return { queue, open: queue.filter(({ item }) => !answered.has(item.id)) };
}

function App() {
  const [annotator, setAnnotator] = useState(initialName);
  const [work, setWork] = useState<WorkView | null>(null);
  const [offline, setOffline] = useState<string | null>(null);
  const [dismissed, setDismissed] = useState<ReadonlySet<number>>(new Set());
  const [sendAt, setSendAt] = useState<number | null>(null);
  const [, rerender] = useState(0);
  // Keys can come faster than renders: the outbox and the work live in refs, read fresh by every
  // key, so two quick keys never answer the same item twice; the comment is read from its field.
  const outboxRef = useRef<OutboxEntry[]>([]);
  const workRef = useRef<WorkView | null>(null);
  const sending = useRef(false);
  const commentField = useRef<HTMLInputElement | null>(null);
  const outbox = outboxRef.current;
  const setOutbox = (next: OutboxEntry[]) => {
    outboxRef.current = next;
    rerender((n) => n + 1);
  };

  const refresh = useCallback(async () => {
    try {
      const fresh = await fetchWork(annotator);
      workRef.current = fresh;
      setWork(fresh);
      setOffline(null);
    } catch (error) {
      setOffline((error as Error).message);
    }
  }, [annotator]);

  useEffect(() => {
    void refresh();
    const timer = setInterval(() => void refresh(), POLL_MS);
    return () => clearInterval(timer);
  }, [refresh]);

  const { queue, open } = openItems(work, outbox);
  const current = open[0];

  const answer = (label: string | null) => {
    const [next] = openItems(workRef.current, outboxRef.current).open;
    if (!next) return;
    const field = commentField.current;
    const entry: OutboxEntry = {
      interruptId: next.question.interruptId,
      itemId: next.item.id,
      value: answerValue(label, field?.value ?? ""),
      shown: label ?? "skip",
    };
    if (field) field.value = "";
    setOutbox([...outboxRef.current, entry]);
  };

  const labelKey = (key: number) => {
    const [next] = openItems(workRef.current, outboxRef.current).open;
    const label = next?.question.request.classes[key - 1];
    if (label !== undefined) answer(label);
  };

  const undo = () => {
    const last = outboxRef.current.at(-1);
    if (!last || sending.current) return;
    setOutbox(outboxRef.current.slice(0, -1));
    const value = last.value;
    if (commentField.current) commentField.current.value = typeof value === "object" && value.comment ? value.comment : "";
  };

  const send = async () => {
    if (outboxRef.current.length === 0 || sending.current) return;
    sending.current = true;
    setSendAt(null);
    const batch = outboxRef.current;
    try {
      await postAnswers(annotator, groupAnswers(batch));
      setOutbox(outboxRef.current.filter((entry) => !batch.includes(entry)));
    } catch (error) {
      setOffline((error as Error).message);
    } finally {
      sending.current = false;
      await refresh();
    }
  };

  // A finished batch is sent after a short delay, during which u takes the last answer back.
  useEffect(() => {
    if (outbox.length > 0 && open.length === 0 && !sending.current) {
      const at = Date.now() + SEND_DELAY_MS;
      setSendAt(at);
      const countdown = setInterval(() => rerender((n) => n + 1), 250);
      const timer = setTimeout(() => void send(), SEND_DELAY_MS);
      return () => {
        clearTimeout(timer);
        clearInterval(countdown);
        setSendAt(null);
      };
    }
    return undefined;
  }, [outbox.length, open.length]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || event.altKey) return;
      const target = event.target as HTMLElement;
      if (target.tagName === "INPUT" || target.tagName === "TEXTAREA") {
        if (target === commentField.current && (event.key === "Escape" || event.key === "Enter")) target.blur();
        return;
      }
      if (/^[1-9]$/.test(event.key)) labelKey(Number(event.key));
      else if (event.key === "s") answer(null);
      else if (event.key === "u") undo();
      else if (event.key === "Enter") void send();
      else if (event.key === "c") commentField.current?.focus();
      else return;
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    commentField.current = document.querySelector<HTMLInputElement>("[data-testid=comment]");
  });

  if (!work) return <p class="empty">{offline ? `Cannot reach the labelling server: ${offline}` : "Loading…"}</p>;
  const refusals = work.you.refusals.filter((refusal) => !dismissed.has(refusal.id));
  const { thread } = work;
  const status =
    thread.phase === "finished"
      ? `The run has finished: ${thread.stopReason ?? "stopped"}.`
      : thread.phase === "running"
        ? "The thread is running (training, then choosing what to ask next); new items appear when it waits on people again."
        : thread.phase === "unfinished"
          ? "The thread stopped between steps; it is being continued."
          : `Round ${thread.round}: the thread waits on people.`;

  return (
    <>
      <header>
        <h1>activegraph · labelling</h1>
        <span class="where">{thread.where}</span>
        <label>
          you are{" "}
          <input
            value={annotator}
            data-testid="annotator"
            onChange={(event) => {
              const name = (event.target as HTMLInputElement).value.trim();
              if (!name) return;
              localStorage.setItem("activegraph.annotator", name);
              setAnnotator(name);
            }}
          />
        </label>
      </header>
      <main>
        <section>
          <div class={`status ${thread.phase}`} data-testid="status" data-phase={thread.phase} data-round={thread.round}>
            {status}
            {thread.failure && <div>Last resume failed: {thread.failure}</div>}
            {offline && <div>Cannot reach the labelling server: {offline}</div>}
          </div>
          {refusals.map((refusal) => (
            <div class="refusal" data-testid="refusal">
              <span>
                {refusal.itemIds.length > 0 && <strong>{refusal.itemIds.join(", ")}: </strong>}
                {refusal.error}
              </span>
              <button type="button" title="dismiss" onClick={() => setDismissed(new Set([...dismissed, refusal.id]))}>
                ×
              </button>
            </div>
          ))}
          {current ? (
            <ItemCard
              question={current.question}
              item={current.item}
              position={queue.length - open.length + 1}
              of={queue.length}
              onLabel={answer}
              onUndo={undo}
              canUndo={outbox.length > 0}
            />
          ) : (
            <p class="empty" data-testid="no-item">
              {outbox.length > 0
                ? "All your items are answered."
                : work.progress.pendingItems > 0 && thread.phase === "waiting"
                  ? `No item for you right now: the ${work.progress.pendingItems} waiting are with other people${work.progress.awaitingAnotherPerson > 0 ? ` (${work.progress.awaitingAnotherPerson} wait for another person's answer)` : ""}.`
                  : "No item for you right now."}
            </p>
          )}
          {outbox.length > 0 && (
            <div class="outbox" data-testid="outbox">
              <strong>
                {outbox.length} answer{outbox.length > 1 ? "s" : ""} not sent yet
              </strong>
              {sendAt !== null && ` — sending in ${Math.max(0, Math.ceil((sendAt - Date.now()) / 1000))} s`}: <kbd>u</kbd>takes the last back, <kbd>Enter</kbd>
              sends now.
              <ol>
                {outbox.map((entry) => (
                  <li>
                    <span class="mono">{entry.itemId}</span> → {entry.shown}
                  </li>
                ))}
              </ol>
            </div>
          )}
          <p class="keys">
            <kbd>1</kbd>–<kbd>9</kbd>label · <kbd>s</kbd>skip · <kbd>u</kbd>undo · <kbd>c</kbd>comment · <kbd>Enter</kbd>send now
          </p>
        </section>
        <Sidebar work={work} />
      </main>
    </>
  );
}

const root = document.getElementById("app")!;
root.textContent = "";
render(<App />, root);
