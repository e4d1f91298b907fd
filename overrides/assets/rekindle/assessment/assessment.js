// The barrier self-assessment on the page. All scoring, share codes, the chart and checks of
// saved data happen in Python (rekindle.tools.assessment.ops); this file pages through the
// build-time questionnaire, asks the engine, and writes its answers out as text (and the
// engine's SVG chart, parsed as XML: see chartFrom).
//
// Answers live in the form's native radios, so anything the reader does before the engine
// is ready is simply kept; the engine client queues calls until it is up.
//
// Hooks added here (besides those the fence documents in fence.py):
// - root `data-rk-results-ready="<n>"`: set when results are on screen (n counts renders),
//   removed when they go. A benchmark waits for it after pressing "See my results".
// - root `data-rk-step="<group index>"`: the part on show; the group count means results.
// - root `data-rk-compare-ready="<n>"`: set when a comparison is on screen.
// - root `data-rk-printing-statements`: the reader asked for the statements on paper too.
// - `[data-rk-announce]`: the polite live region for milestones (parts, results).
// - `[data-rk-keep-note]`: what saving is doing (on, off, blocked, deleted, set aside).
// - `[data-rk-partner-problem]`: the message next to the partner-code field.
// - `[data-rk-missing-mark]`: "Not answered yet", on the statement results are waiting for.

import { announce, bringIntoView, clearAnswers, fillAnswers, make, readAnswers } from "./assessment-dom.js";
import { Keeper } from "./assessment-keep.js";
import { renderResults } from "./assessment-results.js";
import { SharePanel } from "./assessment-share.js";
import { getEngine } from "../kit/engine-client.js";
import { connectStatus } from "../kit/widget-kit.js";

const WIDGET = "barrier-assessment";
const STATUS = {
  loading: "Loading the tool on this device… you can start answering already.",
  ready: "Ready. Your answers stay on this device.",
};

export function mount(root) {
  const tool = new Assessment(root);
  tool.start();
  return tool;
}

class Assessment {
  constructor(root) {
    this.root = root;
    this.engine = getEngine();
    this.epoch = 0; // bumped by Delete and unmount: late answers from before are dropped
    this.find = (selector) => root.querySelector(selector);
    this.form = this.find("[data-rk-form]");
    this.groups = [...root.querySelectorAll("[data-rk-group]")];
    this.results = this.find("[data-rk-results]");
    this.resultsBody = this.find("[data-rk-results-body]");
    this.heading = this.find("[data-rk-results-heading]");
    this.missing = this.find("[data-rk-missing]");
    this.printStatements = this.find("[data-rk-print-statements]");
    this.announcer = make("p", {
      className: "rk-visually-hidden",
      attrs: { "aria-live": "polite", "data-rk-announce": "" },
    });
    this.groupIndex = 0;
    this.moved = false; // the reader navigated this visit: a late restore must not move them
    this.listeners = [];
  }

  start() {
    this.root.append(this.announcer);
    this.changeButton = make("button", { type: "button", attrs: { "data-rk-action": "change" } }, "Change my answers");
    this.find('[data-rk-action="print"]').before(this.changeButton);
    for (const group of this.groups) group.querySelector("legend").tabIndex = -1;
    this.keeper = new Keeper(this);
    this.share = new SharePanel(this);
    this.find("[data-rk-compare]").hidden = true; // it comes with the results
    this.stopStatus = connectStatus(this.root, STATUS);
    this.listen(this.root, "click", (event) => this.onClick(event));
    this.listen(this.root, "change", (event) => this.onChange(event));
    this.listen(this.form, "submit", (event) => event.preventDefault());
    this.listen(window, "hashchange", () => this.share.takeFragment());
    this.listen(window, "beforeprint", () => this.openForPrint());
    this.listen(window, "afterprint", () => this.closeAfterPrint());
    this.hideResults();
    this.showGroup(0);
    this.share.takeFragment();
    this.keeper.restore();
  }

  unmount() {
    this.epoch += 1;
    for (const [target, type, handler] of this.listeners) target.removeEventListener(type, handler);
    this.listeners = [];
    this.stopStatus?.();
  }

  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push([target, type, handler]);
  }

  answers() {
    return readAnswers(this.form);
  }

  hasResults() {
    return "rkResultsReady" in this.root.dataset;
  }

  onClick(event) {
    const button = event.target.closest("[data-rk-action], [data-rk-copy]");
    if (!button || !this.root.contains(button)) return;
    if (button.dataset.rkCopy) {
      const field = button.dataset.rkCopy === "link" ? "[data-rk-share-link-field]" : "[data-rk-share-code]";
      this.share.copy(this.find(field));
      return;
    }
    const actions = {
      back: () => this.go(this.groupIndex - 1),
      next: () => this.go(this.groupIndex + 1),
      results: () => this.showResults(),
      change: () => this.go(this.groups.length - 1),
      delete: () => this.deleteAll(),
      share: () => this.share.share(),
      compare: () => this.share.compare(),
      "forget-partner": () => this.share.forgetPartner(),
      print: () => window.print(),
    };
    actions[button.dataset.rkAction]?.();
  }

  onChange(event) {
    const target = event.target;
    if (target.matches("[data-rk-save]")) this.keeper.onToggle();
    else if (target === this.printStatements) this.showStatements(target.checked);
    else if (target.matches("input[type=radio]")) {
      this.moved = true; // answering now: a late restore fills in, but does not move them
      this.clearMark(target.closest("[data-rk-item]"));
      this.keeper.save();
    }
  }

  /** Back, Next, "Change my answers": show that part and put focus on its legend. */
  go(index) {
    this.moved = true;
    this.hideResults();
    this.showGroup(index);
    const legend = this.groups[this.groupIndex].querySelector("legend");
    legend.focus();
    announce(this.announcer, legend.textContent);
    this.keeper.save();
  }

  showGroup(index) {
    const last = this.groups.length - 1;
    this.groupIndex = Math.max(0, Math.min(index, last));
    this.groups.forEach((group, n) => (group.hidden = n !== this.groupIndex));
    this.form.hidden = false;
    this.find('[data-rk-action="back"]').hidden = this.groupIndex === 0;
    this.find('[data-rk-action="next"]').hidden = this.groupIndex === last;
    this.find('[data-rk-action="results"]').hidden = this.groupIndex !== last;
    this.find("[data-rk-minimum]").hidden = this.groupIndex !== last;
    this.setProgress(this.groupIndex + 1, `Part ${this.groupIndex + 1} of ${this.groups.length}`);
    this.root.dataset.rkStep = String(this.groupIndex);
  }

  setProgress(value, text) {
    const progress = this.find("[data-rk-progress]");
    progress.value = value;
    progress.textContent = text;
    this.find("[data-rk-progress-text]").textContent = text;
  }

  /** Score now: results go on screen the moment the engine answers. */
  async showResults({ focus = true } = {}) {
    this.moved = true;
    const epoch = this.epoch;
    this.results.hidden = false;
    this.resultsBody.replaceChildren(make("p", {}, "Working out your results…"));
    let view;
    try {
      view = await this.engine.call(WIDGET, "score", { answers: this.answers() });
    } catch (error) {
      if (epoch === this.epoch) this.resultsBody.replaceChildren(make("p", {}, error.message));
      return;
    }
    if (epoch !== this.epoch) return;
    if (view.status === "too-few") {
      this.showMissing(view, focus);
      return;
    }
    this.clearMark();
    this.resultsBody.replaceChildren(renderResults(this.root, view));
    this.onResultsShown(focus);
  }

  onResultsShown(focus) {
    this.groupIndex = this.groups.length;
    this.form.hidden = true;
    this.setProgress(this.groups.length, "Results");
    this.root.dataset.rkStep = String(this.groups.length);
    this.renders = (this.renders || 0) + 1;
    this.root.dataset.rkResultsReady = String(this.renders);
    if (focus) bringIntoView(this.heading);
    announce(this.announcer, "Your results are ready.");
    this.keeper.save();
    this.share.afterResults();
  }

  /**
   * Too few answers for results: say what is missing and why, right above the first
   * statement without an answer, on its part, and put focus on that note.
   */
  showMissing(view, focus) {
    this.hideResults();
    this.showGroup(view.first_missing_group);
    this.clearMark();
    const item = view.first_missing && this.form.querySelector(`[data-rk-item="${CSS.escape(view.first_missing)}"]`);
    this.missing.textContent = view.message;
    this.missing.hidden = false;
    if (item) {
      item.before(this.missing);
      item.classList.add("rk-assessment__item--missing");
      item.querySelector("legend").after(
        make("p", { className: "rk-assessment__missing-mark", attrs: { "data-rk-missing-mark": "" } }, "Not answered yet"),
      );
    }
    if (focus) bringIntoView(this.missing);
  }

  /** The "not answered yet" mark goes once that statement (or any, with no argument) is answered. */
  clearMark(item = null) {
    const marked = this.form.querySelector(".rk-assessment__item--missing");
    if (!marked || (item && item !== marked)) return;
    marked.classList.remove("rk-assessment__item--missing");
    marked.querySelector("[data-rk-missing-mark]")?.remove();
    this.missing.hidden = true;
  }

  hideResults() {
    this.results.hidden = true;
    this.resultsBody.replaceChildren();
    delete this.root.dataset.rkResultsReady;
    this.share.forgetCode();
  }

  /** Saved answers came back: fill them in and go where the reader was, unless they moved. */
  resume({ answers, group_index: index }) {
    fillAnswers(this.form, answers);
    if (this.moved) return;
    if (index >= this.groups.length) {
      this.showResults({ focus: false });
      return;
    }
    this.showGroup(index);
    announce(this.announcer, `Your saved answers are back. You are on part ${index + 1} of ${this.groups.length}.`);
  }

  /** "Print the statements too": they open here as well, so the screen shows what prints. */
  showStatements(shown) {
    this.root.toggleAttribute("data-rk-printing-statements", shown);
    const how = this.results.querySelector(".rk-assessment__how");
    const statements = this.results.querySelector("[data-rk-statements]");
    if (shown && how) how.open = true;
    if (statements) statements.open = shown;
  }

  /** Paper cannot click: open what the reader asked to print (the statements, if ticked). */
  openForPrint() {
    const wanted = this.printStatements.checked
      ? [...this.results.querySelectorAll(".rk-assessment__how, [data-rk-statements]")]
      : [this.results.querySelector(".rk-assessment__how")];
    this.openedForPrint = wanted.filter((details) => details && !details.open);
    for (const details of this.openedForPrint) details.open = true;
  }

  closeAfterPrint() {
    for (const details of this.openedForPrint || []) details.open = false;
    this.openedForPrint = [];
  }

  deleteAll() {
    this.epoch += 1;
    this.moved = false;
    clearAnswers(this.form);
    this.clearMark();
    this.keeper.deleteAll();
    this.share.clear();
    this.hideResults();
    this.showGroup(0);
  }
}
