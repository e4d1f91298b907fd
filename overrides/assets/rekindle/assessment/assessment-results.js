// The results view (rekindle.tools.assessment.model.view) written out: a picture first (the
// engine's SVG chart), one headline in band words, the same figures as a table, then what to
// try first (open for the barriers that stand out, folded for the rest), the signs, and one
// explanation of how it was worked out. Every band is said in words; shapes repeat them.

import { chartFrom, guideLink, make, table } from "./assessment-dom.js";

const CAPTION =
  "A longer bar means more of that barrier in your answers. Solid: stands out. Striped: " +
  "some signs. Dotted: little sign. An empty dashed outline: not enough answers.";

/** A fragment holding the whole results view, ready to replace the results body. */
export function renderResults(root, view) {
  const fragment = document.createDocumentFragment();
  fragment.append(
    make("p", { className: "rk-assessment__reflection" }, `${view.disclaimer} ${view.not_validated}`),
    picture(view),
    make("p", { className: "rk-assessment__headline", attrs: { "data-rk-headline": "" } }, view.headline),
    make("p", {}, view.answered_text),
    asTable(view),
    firstSteps(root, view),
    signs(root, view.signs),
  );
  if (view.show_safety_pointer) {
    fragment.append(pointer(root, view.safety, "Staying safe", "rk-assessment__pointer--safety"));
  }
  if (view.show_therapy_pointer) {
    fragment.append(pointer(root, view.therapy, "How sex therapy can help", ""));
  }
  fragment.append(howWorkedOut(view.how));
  return fragment;
}

function picture(view) {
  const svg = chartFrom(view.chart.svg);
  return make(
    "figure",
    { className: "rk-assessment__chart", attrs: { "data-rk-results-chart": "" } },
    svg,
    make("figcaption", {}, CAPTION),
  );
}

/** The chart's figures for anyone who cannot see it, folded so the picture stays first. */
function asTable(view) {
  const rows = view.barriers.map((row) => ({
    cells: [row.title, row.band_label, row.points_text],
    attrs: { "data-rk-table-row": row.id },
  }));
  return make(
    "details",
    { className: "rk-assessment__as-table" },
    make("summary", {}, "The chart as a table"),
    table(`${view.chart.title}, in words`, ["Barrier", "In your answers", "Points"], rows),
  );
}

function firstSteps(root, view) {
  const box = make("div", { className: "rk-assessment__steps" }, make("h3", {}, "What you could try first"));
  if (view.no_top_message) box.append(make("p", {}, view.no_top_message));
  const list = make("ol", { className: "rk-assessment__ranking" });
  for (const row of view.barriers) list.append(barrier(root, row));
  box.append(list);
  return box;
}

/** A barrier that stands out is open; the others are folded to one line with their band. */
function barrier(root, row) {
  const item = make("li", {
    className: `rk-assessment__barrier rk-band--${row.band}`,
    attrs: { "data-rk-barrier": row.id },
  });
  const body = [
    make("p", {}, row.explanation.join(" ")),
    make("p", { className: "rk-assessment__steps-title" }, "First steps you could try:"),
    make("ul", {}, row.first_steps.map((step) => make("li", {}, step))),
    make("p", {}, guideLink(root, row.link, `Read more about ${row.title.toLowerCase()} in the guide`)),
  ];
  if (row.is_top) {
    item.append(
      make("h4", {}, row.title),
      make("p", { className: "rk-assessment__summary" }, row.band_label),
      ...body,
    );
    return item;
  }
  item.append(
    make(
      "details",
      { className: "rk-assessment__fold" },
      make("summary", {}, make("span", { className: "rk-assessment__summary" }, row.band_label), ": ", row.title),
      ...body,
    ),
  );
  return item;
}

function signs(root, view) {
  const items = view.items.map((sign) =>
    make("li", {}, `${sign.short}: you answered ${sign.answer_label}`, sign.counts ? " (counts as a sign)." : "."),
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

/** One explanation for all nine; the statements themselves only one more click away. */
function howWorkedOut(how) {
  const perBarrier = how.barriers.map((b) =>
    make(
      "li",
      { attrs: { "data-rk-how": b.id } },
      make("strong", {}, b.title), ": ", b.sentence,
      make("ul", {}, b.statements.map(statement)),
    ),
  );
  return make(
    "details",
    { className: "rk-assessment__how" },
    make("summary", {}, how.title),
    ...how.rules.map((rule) => make("p", {}, rule)),
    make(
      "details",
      { className: "rk-assessment__statements", attrs: { "data-rk-statements": "" } },
      make("summary", {}, "Each statement and your answer"),
      make("ul", {}, perBarrier),
    ),
  );
}

function statement(answer) {
  const reversed = answer.reverse_keyed ? " (turned around: agreeing counts the other way)" : "";
  return make("li", {}, `“${answer.text}” ${answer.answer_label}${reversed}: ${answer.points} of 4 points.`);
}
