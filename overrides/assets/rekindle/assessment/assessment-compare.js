// Two people's results side by side (rekindle.tools.assessment.model.compare): paired bars
// (the engine's SVG; yours solid, your partner's striped), the differences named in words
// (a list on a phone, a table on a wider screen: the stylesheet picks one), and the signs.
// "One of the biggest differences" is said in words, so nothing depends on colour.

import { chartFrom, guideLink, make, table } from "./assessment-dom.js";

export function renderCompare(root, view) {
  const { mine, theirs } = view.labels;
  return make(
    "div",
    { className: "rk-assessment__comparison" },
    make("h3", {}, "You and your partner, side by side"),
    make("p", { className: "rk-assessment__biggest" }, view.biggest_summary),
    make(
      "figure",
      { className: "rk-assessment__chart", attrs: { "data-rk-compare-chart": "" } },
      chartFrom(view.chart.svg),
      make("figcaption", {}, "Solid bars are yours, striped bars your partner's. A longer bar means more of that barrier."),
    ),
    differences(root, view, mine, theirs),
    barrierTable(root, view, mine, theirs),
    signsTable(view.signs, mine, theirs),
    make("p", {}, view.signs.summary, " ", guideLink(root, view.signs.link, "How to start the conversation"), "."),
    make("p", { className: "rk-assessment__reflection" }, view.disclaimer),
  );
}

function bigMark(row) {
  return row.is_big ? make("strong", { className: "rk-assessment__big-label" }, "One of the biggest differences. ") : null;
}

/** On a phone: one short paragraph per barrier, in words. */
function differences(root, view, mine, theirs) {
  const items = view.rows.map((row) =>
    make(
      "li",
      { className: row.is_big ? "rk-assessment__big" : "", attrs: { "data-rk-compare-item": row.id } },
      make("strong", {}, guideLink(root, row.link, row.title)),
      make("br"),
      bigMark(row),
      row.sentence,
      ` ${mine}: ${row.mine.band_label.toLowerCase()}. ${theirs}: ${row.theirs.band_label.toLowerCase()}.`,
    ),
  );
  return make(
    "div",
    { className: "rk-assessment__differences" },
    make("h4", {}, "The differences, in words"),
    make("ul", {}, items),
  );
}

/** On a wider screen: the same as a table. */
function barrierTable(root, view, mine, theirs) {
  const rows = view.rows.map((row) => ({
    className: row.is_big ? "rk-assessment__big" : "",
    attrs: { "data-rk-compare-row": row.id },
    cells: [guideLink(root, row.link, row.title), row.mine.summary, row.theirs.summary, [bigMark(row), row.sentence]],
  }));
  return make(
    "div",
    { className: "rk-assessment__table-wrap" },
    table("Each barrier: your result, your partner's, and how far apart they are", ["Barrier", mine, theirs, "Difference"], rows),
  );
}

function signsTable(signs, mine, theirs) {
  const yesNo = (counts) => (counts ? "Yes" : "No");
  const rows = signs.items.map((sign) => ({ cells: [sign.short, yesNo(sign.mine), yesNo(sign.theirs)] }));
  return table(
    "Signs that closeness may be slipping: did each of you agree?",
    ["Sign", mine, theirs],
    rows,
    "rk-assessment__table rk-assessment__table--narrow",
  );
}
