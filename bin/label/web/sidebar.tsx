import type { WorkView } from "../protocol.js";

const usd = (value: number) => `$${value.toFixed(value < 1 ? 3 : 2)}`;
const percent = (value: number) => `${(100 * value).toFixed(1)}%`;

/** Progress, money, the learning curve so far, agreement between people, and who is labelling. */
export function Sidebar({ work }: { work: WorkView }) {
  const { progress, agreement } = work;
  const done = progress.humanLabels;
  const share = done + progress.pendingItems > 0 ? done / (done + progress.pendingItems) : 0;
  return (
    <aside>
      <div>
        <h2>Progress</h2>
        <div class="bar">
          <div style={{ width: `${(100 * share).toFixed(1)}%` }} />
        </div>
        <dl data-testid="progress">
          <dt>answered</dt>
          <dd data-testid="answered">
            {done} by people ({progress.labels} labels in all)
          </dd>
          <dt>pending</dt>
          <dd data-testid="pending">
            {progress.pendingItems} item{progress.pendingItems === 1 ? "" : "s"}
            {progress.awaitingAnotherPerson > 0 ? `, ${progress.awaitingAnotherPerson} waiting for another person` : ""}
            {progress.sending > 0 ? `, ${progress.sending} being sent` : ""}
          </dd>
          <dt>spent</dt>
          <dd data-testid="spent">{usd(progress.spentUsd)}</dd>
          <dt>left</dt>
          <dd data-testid="left">{progress.leftUsd === null ? "no USD budget" : `${usd(progress.leftUsd)} of ${usd(progress.maxUsd!)}`}</dd>
          <dt>rounds</dt>
          <dd>
            {progress.rounds}
            {progress.lastAccuracy !== null ? `, test accuracy ${percent(progress.lastAccuracy)}` : ""}
          </dd>
          <dt>you</dt>
          <dd data-testid="you">{work.you.applied} answers applied</dd>
        </dl>
      </div>
      <div class="curve">
        <h2>Learning curve</h2>
        {progress.rounds > 0 && progress.lastAccuracy !== null ? (
          <img data-testid="curve" alt="test accuracy against labels, round by round" src={`/curve.svg?rounds=${progress.rounds}`} />
        ) : (
          <p class="keys">No round evaluated yet.</p>
        )}
      </div>
      <div>
        <h2>Agreement</h2>
        <dl data-testid="agreement">
          <dt>overlap</dt>
          <dd>
            {percent(agreement.overlap)} of items to two people; ties: {agreement.settle === "third" ? "a third person" : "majority"}
          </dd>
          <dt>Cohen's κ</dt>
          <dd data-testid="kappa">
            {agreement.kappa === null ? "no item answered by two people yet" : `${agreement.kappa.toFixed(2)} over ${agreement.items} items`}
          </dd>
          <dt>agreed</dt>
          <dd data-testid="agreed">{agreement.items > 0 ? `${agreement.agreed} of ${agreement.items}` : "–"}</dd>
          <dt>settled</dt>
          <dd>
            {agreement.settledByThird} by a third person, {agreement.settledByMajority} by majority
          </dd>
        </dl>
      </div>
      <div>
        <h2>People</h2>
        <ul class="people" data-testid="people">
          {work.people.map((person) => (
            <li class={person.active ? "active" : ""}>
              {person.annotator}: {person.applied} applied
            </li>
          ))}
        </ul>
      </div>
    </aside>
  );
}
