// The learners of a course's results: who, in which group, on which device,
// how much they did. Two actions, each confirmed in words that say exactly
// what happens: merge a learner into another (the same person on two
// devices: the core points out the same name on another device) and delete a learner's data.
// Names come from imported files: text nodes only, never markup.
import { confirmDialog, openModal } from "../../components/modal";
import { h } from "../../dom";
import { formatDate, plural, t } from "../../i18n";
import type { ResultsLearner } from "../../bindings";

export interface LearnerActions {
  merge(keep: ResultsLearner, other: ResultsLearner): Promise<void>;
  remove(learner: ResultsLearner): Promise<void>;
}

/** How a learner is called on screen: their name, or "Anonymous (device 1a2b)". */
export function learnerName(l: ResultsLearner): string {
  return l.name?.trim() ? l.name : t("results.learner.anonymous", { device: l.device_id.slice(0, 4) });
}

/** Other learners with the same name on another device, as the core found them: likely the same person. */
export function sameNameElsewhere(l: ResultsLearner, all: ResultsLearner[]): ResultsLearner[] {
  return all.filter((o) => l.same_name.includes(o.id));
}

/** Asks which learner `other` is the same person as, then confirms; resolves the one to keep, or null. */
export function chooseMergeTarget(other: ResultsLearner, all: ResultsLearner[]): Promise<ResultsLearner | null> {
  const candidates = all.filter((l) => l.id !== other.id);
  return new Promise((resolve) => {
    let answer: ResultsLearner | null = null;
    const modal = openModal(t("results.merge.title"), { onClose: () => resolve(answer), testId: "merge-learner" });
    const likely = new Set(sameNameElsewhere(other, all).map((l) => l.id));
    const select = h(
      "select",
      { class: "input", id: "merge-target" },
      ...candidates
        .sort((a, b) => Number(likely.has(b.id)) - Number(likely.has(a.id)))
        .map((l) =>
          h("option", { value: l.id }, `${learnerName(l)}${l.group ? ` · ${l.group}` : ""} · ${t("results.learner.device", { device: l.device_id.slice(0, 4) })}`),
        ),
    );
    const explain = h("p", { class: "merge-explain", id: "merge-explain" });
    const describe = () => {
      const keep = candidates.find((l) => l.id === select.value);
      explain.textContent = keep ? t("results.merge.body", { other: learnerName(other), keep: learnerName(keep) }) : "";
    };
    select.addEventListener("change", describe);
    describe();
    const no = h("button", { type: "button", class: "button" }, t("common.cancel"));
    const yes = h("button", { type: "button", class: "button button-primary", "data-action": "confirm" }, t("results.merge.confirm"));
    no.addEventListener("click", () => modal.close());
    yes.addEventListener("click", () => {
      answer = candidates.find((l) => l.id === select.value) ?? null;
      modal.close();
    });
    modal.body.append(
      h("p", {}, t("results.merge.intro", { name: learnerName(other) })),
      h("label", { class: "field" }, h("span", { class: "label" }, t("results.merge.label")), select),
      explain,
    );
    modal.actions.append(no, yes);
  });
}

export function renderLearners(learners: ResultsLearner[], actions: LearnerActions): HTMLElement {
  if (learners.length === 0) return h("p", { class: "muted", id: "learners-empty" }, t("results.learners.empty"));
  const rows = learners.map((l) => {
    const twins = sameNameElsewhere(l, learners);
    const merge = h("button", { type: "button", class: "link-button", "data-action": "merge", disabled: learners.length < 2 }, t("results.merge.action"));
    merge.addEventListener("click", async () => {
      const keep = await chooseMergeTarget(l, learners);
      if (keep) await actions.merge(keep, l);
    });
    const remove = h("button", { type: "button", class: "link-button link-danger", "data-action": "delete" }, t("results.delete.action"));
    remove.addEventListener("click", async () => {
      const name = learnerName(l);
      const ok = await confirmDialog(t("results.delete.title", { name }), t("results.delete.body", { name, attempts: l.attempts }), t("results.delete.confirm"), { danger: true });
      if (ok) await actions.remove(l);
    });
    return h(
      "tr",
      { "data-learner": l.id },
      h(
        "th",
        { scope: "row", class: "learner-name" },
        learnerName(l),
        twins.length ? h("span", { class: "badge badge-stale", "data-twin": "true" }, t("results.learner.twin")) : null,
        l.merged.length ? h("span", { class: "muted small learner-merged" }, ` (${plural("results.learner.merged", l.merged.length)})`) : null,
      ),
      h("td", {}, l.group ?? "—"),
      h("td", {}, h("code", { class: "device" }, l.device_id.slice(0, 8))),
      h("td", { class: "num" }, String(l.lessons_completed)),
      h("td", { class: "num" }, String(l.attempts)),
      h("td", {}, l.last_activity ? formatDate(l.last_activity) : "—"),
      h("td", { class: "learner-actions" }, merge, " ", remove),
    );
  });
  return h(
    "table",
    { class: "learners-table", id: "learners" },
    h("caption", { class: "sr-only" }, t("results.learners.title")),
    h(
      "thead",
      {},
      h(
        "tr",
        {},
        ...["name", "group", "device", "completed", "attempts", "seen", "actions"].map((k) => h("th", { scope: "col" }, t(`results.learners.col.${k}` as "results.learners.col.name"))),
      ),
    ),
    h("tbody", {}, ...rows),
  );
}
