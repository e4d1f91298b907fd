// The summary and the side-by-side comparison, built from the engine's view models
// (rekindle.tools.deciding.model.summary and .compare) as text, never as HTML.
// Every finding is said in words (headings and sentences); colour and borders only repeat
// them. No score, no percentage, no verdict: the engine gives none, and nothing is added.
// One column of cards, never a table, so nothing scrolls sideways on a phone.

import { guideLink, make, pageHref } from "./deciding-dom.js";

const SAFETY_PAGE = "safety.md";
const CONVERSATION_PAGE = "after-a-breakup/the-conversation.md";

/** The reader's own summary: what they want and how firmly, and which reasons changed. */
export function renderSummary(root, view) {
  const secret = new Set([...root.querySelectorAll("[data-rk-reason][data-rk-private]")].map((r) => r.dataset.rkReason));
  const item = (entry) =>
    make(
      "li",
      { attrs: secret.has(entry.id) ? { "data-rk-private-item": "" } : {} },
      make("strong", {}, `${entry.title}: `),
      entry.text,
    );
  const sections = view.sections.map((section) =>
    make(
      "div",
      {
        className: `rk-deciding__summary-part${partState(section.items, secret)}`,
        attrs: { "data-rk-summary-section": section.id },
      },
      make("h4", {}, section.heading),
      section.items.length
        ? make("ul", {}, section.items.map(item))
        : make("p", { className: "rk-deciding__empty" }, section.empty),
    ),
  );
  return make(
    "div",
    { className: "rk-deciding__summary-view" },
    view.safety ? pointer(root, view.safety) : null,
    sections,
    view.unanswered.length
      ? make("p", { className: "rk-deciding__empty" }, `Not answered: ${view.unanswered.join(", ")}.`)
      : null,
    make(
      "p",
      { className: "rk-deciding__reflection" },
      "This is where you stand today, in your own answers. It is not a verdict, and it can change.",
    ),
  );
}

/** Empty sections, and sections holding only a private reason, are left off paper. */
function partState(items, secret) {
  if (!items.length) return " rk-deciding__summary-part--empty";
  return items.every((entry) => secret.has(entry.id)) ? " rk-deciding__summary-part--private" : "";
}

function pointer(root, safety) {
  return make(
    "p",
    { className: "rk-deciding__pointer", attrs: { "data-rk-safety-pointer": "" } },
    safety.note,
    " ",
    guideLink(root, safety.page, "Safety and getting help"),
    ".",
  );
}

function sides(mine, theirs) {
  return make(
    "dl",
    { className: "rk-deciding__sides" },
    make("div", {}, make("dt", {}, "You"), make("dd", { attrs: { "data-rk-side": "mine" } }, mine)),
    make("div", {}, make("dt", {}, "Them"), make("dd", { attrs: { "data-rk-side": "theirs" } }, theirs)),
  );
}

function areaCard(row) {
  return make(
    "li",
    { className: `rk-deciding__card rk-deciding__card--${row.status}`, attrs: { "data-rk-compare-area": row.id } },
    make("h5", {}, row.title),
    make("p", { className: "rk-deciding__sentence" }, row.sentence),
    sides(row.mine.text, row.theirs.text),
  );
}

function areaSection(section) {
  if (section.status === "unanswered") return unansweredSection(section);
  return make(
    "section",
    {
      className: `rk-deciding__group rk-deciding__group--${section.status}`,
      attrs: { "data-rk-compare-section": section.status },
    },
    make("h4", {}, section.heading),
    make("p", {}, section.intro),
    make("ul", { className: "rk-deciding__cards" }, section.areas.map(areaCard)),
  );
}

/** Areas neither answered are named in one line; the rest still show who answered what. */
function unansweredSection(section) {
  const neither = section.areas.filter((row) => !row.mine.firmness && !row.theirs.firmness);
  const one = section.areas.filter((row) => !neither.includes(row));
  return make(
    "section",
    { className: "rk-deciding__group", attrs: { "data-rk-compare-section": section.status } },
    make("h4", {}, section.heading),
    make("p", {}, section.intro),
    one.length ? make("ul", { className: "rk-deciding__cards" }, one.map(areaCard)) : null,
    neither.length
      ? make(
          "p",
          { attrs: { "data-rk-compare-neither": "" } },
          `Neither of you answered: ${neither.map((row) => row.title).join(", ")}.`,
        )
      : null,
  );
}

function reasonCard(row) {
  return make(
    "li",
    { className: `rk-deciding__card rk-deciding__card--${row.status}`, attrs: { "data-rk-compare-reason": row.id } },
    make("h5", {}, row.label),
    make("p", { className: "rk-deciding__sentence" }, make("strong", {}, `${row.heading}. `), row.sentence),
    sides(row.mine.label, row.theirs.label),
  );
}

function reasonSection(reasons) {
  if (!reasons.length) return null;
  return make(
    "section",
    { className: "rk-deciding__group", attrs: { "data-rk-compare-section": "reasons" } },
    make("h4", {}, "Why it ended: has it changed?"),
    make("p", {}, "Each reason either of you ticked, the ones not changed yet first."),
    make("ul", { className: "rk-deciding__cards" }, reasons.map(reasonCard)),
  );
}

/** Topic ids to their titles, from the comparison itself (areas and reasons). */
function topicTitles(view) {
  const titles = new Map();
  for (const section of view.sections) for (const row of section.areas) titles.set(row.id, row.title);
  for (const row of view.reasons) titles.set(row.id, row.label);
  return view.topics.map((id) => [id, titles.get(id) ?? id]);
}

/** One topic: its name now, its prompt once the engine has looked it up (fillPrompts). */
function topicItem([id, title]) {
  return make(
    "li",
    { attrs: { "data-rk-topic": id } },
    make("strong", {}, title),
    make("span", { className: "rk-deciding__prompt", attrs: { "data-rk-topic-prompt": "" } }),
  );
}

/** Write each topic's prompt (from the `topics` op) under its name in the comparison. */
export function fillPrompts(output, topics) {
  for (const topic of topics) {
    const item = [...output.querySelectorAll("[data-rk-topic]")].find((li) => li.dataset.rkTopic === topic.id);
    const slot = item?.querySelector("[data-rk-topic-prompt]");
    if (slot) slot.textContent = topic.prompt;
  }
}

function topicsSection(root, view) {
  const href = pageHref(root, CONVERSATION_PAGE);
  const body = view.topics.length
    ? [
        make(
          "p",
          {},
          "Where your must-haves clash, where you want different things, where either of you is " +
            "unsure, and reasons not changed yet, each with a question to start from. Only the " +
            "topics' names travel in the link to the conversation, never your answers.",
        ),
        make("ol", { attrs: { "data-rk-topics": "" } }, topicTitles(view).map(topicItem)),
        href
          ? make(
              "p",
              {},
              make(
                "a",
                {
                  href: href + view.topics_fragment,
                  className: "md-button md-button--primary rk-deciding__topics-link",
                  attrs: { "data-rk-topics-link": "" },
                },
                "Take these to the conversation",
              ),
            )
          : null,
      ]
    : [
        make(
          "p",
          {},
          "Nothing here stands out as needing a talk first. You can still use ",
          guideLink(root, CONVERSATION_PAGE, "the turn-taking conversation"),
          " for anything on your minds.",
        ),
      ];
  return make(
    "section",
    { className: "rk-deciding__group rk-deciding__topics", attrs: { "data-rk-compare-section": "topics" } },
    make("h4", {}, "Topics for the conversation"),
    body,
  );
}

/** Both worksheets side by side: sections by rule, reasons, then the topics to talk about. */
export function renderCompare(root, view) {
  return make(
    "div",
    { className: "rk-deciding__comparison" },
    make(
      "p",
      { className: "rk-deciding__reflection" },
      "Side by side, with no score and no verdict: this shows where you meet and where to start talking.",
    ),
    view.sections.map(areaSection),
    reasonSection(view.reasons),
    topicsSection(root, view),
    make(
      "p",
      { className: "rk-deciding__pointer" },
      "If talking about any of this feels unsafe, stop and read ",
      guideLink(root, SAFETY_PAGE, "Safety and getting help"),
      ".",
    ),
  );
}
