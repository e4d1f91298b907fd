// The side-by-side view of two people's results (rekindle.tools.assessment.model.compare) as a
// real table. The biggest differences are marked in words ("Big difference"), so nothing
// depends on colour.

import { guideLink, make } from "./assessment-dom.js";

export function renderCompare(root, view) {
  const { mine, theirs } = view.labels;
  return make(
    "div",
    { className: "rk-assessment__comparison" },
    make("h3", {}, "You and your partner, side by side"),
    make("p", { className: "rk-assessment__biggest" }, view.biggest_summary),
    barrierTable(root, view, mine, theirs),
    signsTable(view.signs, mine, theirs),
    make("p", {}, view.signs.summary, " ", guideLink(root, view.signs.link, "How to start the conversation"), "."),
    make("p", { className: "rk-assessment__reflection" }, view.disclaimer),
  );
}

function headRow(...titles) {
  return make("thead", {}, make("tr", {}, titles.map((t) => make("th", { scope: "col" }, t))));
}

/** Wide tables scroll sideways on a phone; the wrapper is focusable so keys can scroll it. */
function scroller(label, table) {
  return make(
    "div",
    { className: "rk-assessment__table-wrap", tabIndex: 0, attrs: { role: "region", "aria-label": label } },
    table,
  );
}

function barrierTable(root, view, mine, theirs) {
  const rows = view.rows.map((row) =>
    make(
      "tr",
      { className: row.is_big ? "rk-assessment__big" : "", attrs: { "data-rk-compare-row": row.id } },
      make("th", { scope: "row" }, guideLink(root, row.link, row.title)),
      make("td", {}, row.mine.summary),
      make("td", {}, row.theirs.summary),
      make(
        "td",
        {},
        row.is_big ? make("strong", { className: "rk-assessment__big-label" }, "Big difference. ") : null,
        row.sentence,
      ),
    ),
  );
  return scroller(
    "Barriers side by side",
    make(
      "table",
      { className: "rk-assessment__table" },
      make("caption", {}, "Each barrier: your result, your partner's, and how far apart they are"),
      headRow("Barrier", mine, theirs, "Difference"),
      make("tbody", {}, rows),
    ),
  );
}

function signsTable(signs, mine, theirs) {
  const yesNo = (counts) => (counts ? "Yes" : "No");
  const rows = signs.items.map((sign) =>
    make(
      "tr",
      {},
      make("th", { scope: "row" }, sign.short),
      make("td", {}, yesNo(sign.mine)),
      make("td", {}, yesNo(sign.theirs)),
    ),
  );
  return make(
    "div",
    {},
    make(
      "table",
      { className: "rk-assessment__table rk-assessment__table--narrow" },
      make("caption", {}, "Signs that closeness may be slipping: did each of you agree?"),
      headRow("Sign", mine, theirs),
      make("tbody", {}, rows),
    ),
  );
}
