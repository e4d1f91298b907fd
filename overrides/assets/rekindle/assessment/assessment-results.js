// The results view (rekindle.tools.assessment.model.view) written out as elements and text.
// Every band is said in words ("Strong: 75 out of 100"); colour only repeats it.

import { guideLink, make } from "./assessment-dom.js";

/** A fragment holding the whole results view, ready to replace the results body. */
export function renderResults(root, view) {
  const fragment = document.createDocumentFragment();
  fragment.append(
    make("p", { className: "rk-assessment__reflection" }, `${view.disclaimer} ${view.not_validated}`),
    make("p", {}, `You answered ${view.answered} of ${view.total} statements.`),
    make("h3", {}, "Your barriers, strongest first"),
  );
  if (view.no_top_message) fragment.append(make("p", {}, view.no_top_message));
  fragment.append(
    make("ol", { className: "rk-assessment__ranking" }, view.barriers.map((b) => barrier(root, b))),
    signs(root, view.signs),
  );
  if (view.show_safety_pointer) {
    fragment.append(pointer(root, view.safety, "Staying safe", "rk-assessment__pointer--safety"));
  }
  if (view.show_therapy_pointer) {
    fragment.append(pointer(root, view.therapy, "How sex therapy can help", ""));
  }
  return fragment;
}

function barrier(root, row) {
  const item = make(
    "li",
    { className: `rk-assessment__barrier rk-band--${row.band}`, attrs: { "data-rk-barrier": row.id } },
    make("h4", {}, row.title),
    make("p", { className: "rk-assessment__summary" }, row.summary),
  );
  if (row.is_top) item.append(...explained(root, row));
  item.append(howWorkedOut(row.how));
  return item;
}

/** A top barrier: a few plain sentences, one or two first steps, the guide section. */
function explained(root, row) {
  return [
    make("p", {}, row.explanation.join(" ")),
    make("p", { className: "rk-assessment__steps-title" }, "First steps you could try:"),
    make("ul", {}, row.first_steps.map((step) => make("li", {}, step))),
    make("p", {}, guideLink(root, row.link, `Read more about ${row.title.toLowerCase()} in the guide`)),
  ];
}

function howWorkedOut(how) {
  const counted = how.counted.map((answer) =>
    make(
      "li",
      {},
      `“${answer.text}” You answered ${answer.answer_label}`,
      answer.reverse_keyed ? " (a reversed statement: agreeing counts the other way)" : "",
      `: ${answer.points} of 4 points.`,
    ),
  );
  const skipped = how.skipped.map((item) => make("li", {}, `“${item.text}” Skipped: no points.`));
  return make(
    "details",
    { className: "rk-assessment__how" },
    make("summary", {}, "How this was worked out"),
    make("p", {}, how.sentence),
    counted.length || skipped.length ? make("ul", {}, counted, skipped) : null,
    make("p", {}, how.rules),
  );
}

function signs(root, view) {
  const items = view.items.map((sign) =>
    make(
      "li",
      {},
      `${sign.short}: you answered ${sign.answer_label}`,
      sign.counts ? " (counts as a sign)." : ".",
    ),
  );
  return make(
    "div",
    { className: "rk-assessment__signs" },
    make("h3", {}, "Signs that closeness may be slipping"),
    make("p", {}, view.summary),
    make("ul", {}, items),
    make("p", {}, view.rule),
    make("p", {}, guideLink(root, view.link, "How to start the conversation with your partner")),
  );
}

function pointer(root, view, linkText, extraClass) {
  return make(
    "aside",
    { className: `rk-assessment__pointer ${extraClass}`.trim() },
    make("p", {}, view.text, " ", guideLink(root, view.link, linkText), "."),
  );
}
