// The deciding-together worksheet on the page. The rules (what is complete, the summary, share
// codes, the comparison, what is kept) are Python's (rekindle.tools.deciding.ops); this file
// reads the build-time form, asks the engine, and writes its answers out as text.
//
// Answers live in the form's native radios and checkboxes, so anything the reader does
// before the engine is ready is simply kept; the engine client queues calls until it is up.
//
// Hooks added here (besides those the fence documents in rekindle.tools.deciding.fence):
// - root `data-rk-summary-ready="<n>"`: set when the summary is on screen (n counts renders).
// - root `data-rk-compare-ready="<n>"` and `data-rk-compare-ms`: a comparison is on screen,
//   and how long the engine call and the DOM write took (for the benchmark).
// - `[data-rk-announce]`: the polite live region for milestones.
// - `[data-rk-keep-note]`: what keeping is doing; `[data-rk-code-problem]`: the message under
//   the code field; `[data-rk-field-problem]`: the message inside an unfinished area or reason.

import {
  announce,
  bringIntoView,
  clearAnswers,
  fillAnswers,
  make,
  readAnswers,
  syncClearButtons,
  syncReasons,
  unpickArea,
} from "./deciding-dom.js";
import { Keeper } from "./deciding-keep.js";
import { renderSummary } from "./deciding-render.js";
import { SharePanel } from "./deciding-share.js";
import { getEngine } from "../kit/engine-client.js";
import { connectStatus } from "../kit/widget-kit.js";

const WIDGET = "deciding-worksheet";
const STATUS = {
  loading: "Loading the worksheet on this device… you can start answering already.",
  ready: "Ready. Your answers stay on this device.",
};

export function mount(root) {
  const tool = new Worksheet(root);
  tool.start();
  return tool;
}

class Worksheet {
  constructor(root) {
    this.root = root;
    this.engine = getEngine();
    this.epoch = 0; // bumped by Delete and unmount: late answers from before are dropped
    this.find = (selector) => root.querySelector(selector);
    this.form = this.find("[data-rk-form]");
    this.noteField = this.find("[data-rk-note]");
    this.summary = this.find("[data-rk-summary]");
    this.summaryBody = this.find("[data-rk-summary-body]");
    this.announcer = make("p", {
      className: "rk-visually-hidden",
      attrs: { "aria-live": "polite", "data-rk-announce": "" },
    });
    this.listeners = [];
    this.summaries = 0;
  }

  start() {
    this.root.append(this.announcer);
    this.keeper = new Keeper(this);
    this.share = new SharePanel(this);
    this.stopStatus = connectStatus(this.root, STATUS);
    this.listen(this.root, "click", (event) => this.onClick(event));
    this.listen(this.root, "change", (event) => this.onChange(event));
    this.listen(this.root, "input", (event) => event.target === this.noteField && this.keeper.noteChanged());
    this.listen(this.form, "submit", (event) => event.preventDefault());
    this.listen(window, "hashchange", () => this.share.takeFragment());
    this.listen(window, "pagehide", () => this.keeper.flush());
    this.listen(document, "visibilitychange", () => document.hidden && this.keeper.flush());
    this.summaryBody.replaceChildren();
    this.summary.hidden = true;
    syncReasons(this.form);
    syncClearButtons(this.form);
    this.share.takeFragment();
    this.keeper.restore();
  }

  unmount() {
    this.keeper.flush();
    this.keeper.stop();
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

  /** What `save` keeps: the answers as they stand, and the private note. */
  draft() {
    return { answers: this.answers(), note: this.noteField.value };
  }

  onClick(event) {
    const button = event.target.closest("[data-rk-action], [data-rk-copy]");
    if (!button || !this.root.contains(button)) return;
    if (button.dataset.rkCopy) {
      const hook = button.dataset.rkCopy === "link" ? "[data-rk-share-link]" : "[data-rk-share-code]";
      this.share.copy(this.find(hook));
      return;
    }
    const actions = {
      summary: () => this.showSummary(),
      "clear-area": () => this.clearArea(button.closest("[data-rk-area]")),
      delete: () => this.deleteAll(),
      share: () => this.share.share(),
      compare: () => this.share.compare(),
      "forget-code": () => this.share.forgetCode(),
      print: () => this.print(),
    };
    actions[button.dataset.rkAction]?.();
  }

  onChange(event) {
    const target = event.target;
    if (target.matches("[data-rk-keep]")) {
      this.keeper.onToggle();
      return;
    }
    if (target === this.noteField) {
      this.keeper.flush();
      return;
    }
    if (!this.form.contains(target)) return;
    if (target.matches("[data-rk-reason-tick]")) syncReasons(this.form);
    syncClearButtons(this.form);
    this.clearFieldProblem(target.closest("[data-rk-area], [data-rk-reason]"));
    this.keeper.save();
  }

  clearArea(area) {
    if (!area) return;
    unpickArea(area);
    syncClearButtons(this.form);
    this.clearFieldProblem(area);
    area.querySelector("input[type=radio]")?.focus();
    announce(this.announcer, `${area.querySelector("legend").textContent}: cleared.`);
    this.keeper.save();
  }

  /** "See my summary": the engine's summary on screen; then compare, if a code is waiting. */
  async showSummary() {
    const epoch = this.epoch;
    const problem = this.find("[data-rk-summary-problem]");
    problem?.remove();
    let view;
    try {
      view = await this.engine.call(WIDGET, "summary", { answers: this.answers() });
    } catch (error) {
      if (epoch === this.epoch) this.showAnswerProblem(error, (message) => this.summaryProblem(message));
      return;
    }
    if (epoch !== this.epoch) return;
    this.summary.hidden = false;
    this.summaryBody.replaceChildren(renderSummary(this.root, view));
    this.summaries += 1;
    this.root.dataset.rkSummaryReady = String(this.summaries);
    bringIntoView(this.find("[data-rk-summary-heading]"));
    announce(this.announcer, "Your summary is ready.");
    if (this.share.field.value.trim()) await this.share.compare({ quiet: true });
  }

  /** A problem with "See my summary" itself, said next to its button. */
  summaryProblem(message) {
    const actions = this.find(".rk-deciding__actions");
    const note = make("p", { className: "rk-deciding__problem", attrs: { "data-rk-summary-problem": "" } }, message);
    actions.append(note);
  }

  /**
   * The engine refused the answers: unfinished ("incomplete", naming the area or reason) or
   * not the worksheet's values ("invalid-answers", forged or a stale page). The message is
   * said where the reader acted (`say`) and, when it names a part, inside that part too,
   * with focus moved there. Nothing the reader entered is changed.
   */
  showAnswerProblem(error, say) {
    say(error.message);
    const part = error.field ? this.partNamed(error.field) : null;
    if (!part) return;
    this.clearFieldProblem(part);
    const id = `rk-deciding-problem-${part.dataset.rkArea || part.dataset.rkReason}`;
    const note = make("p", { id, className: "rk-deciding__problem", attrs: { "data-rk-field-problem": "" } }, error.message);
    const legend = part.querySelector(":scope > legend");
    if (legend) legend.after(note);
    else part.prepend(note);
    // A fieldset carries its description; a reason's row is a plain div, so its group does.
    const described = part.matches("fieldset") ? part : part.querySelector("[data-rk-changed]");
    described?.setAttribute("aria-describedby", id);
    part.classList.add("rk-deciding--problem");
    const groups = [...part.querySelectorAll("[data-rk-choices], [data-rk-firmness], [data-rk-changed]")];
    const open = groups.find((group) => !group.hidden && !group.querySelector("input:checked"));
    const target = (open || part).querySelector("input");
    target?.focus({ preventScroll: true });
    part.scrollIntoView({ block: "center", behavior: "instant" });
  }

  partNamed(id) {
    return [...this.form.querySelectorAll("[data-rk-area], [data-rk-reason]")].find(
      (part) => (part.dataset.rkArea || part.dataset.rkReason) === id,
    );
  }

  clearFieldProblem(part) {
    if (!part) return;
    part.querySelector(":scope > [data-rk-field-problem]")?.remove();
    part.removeAttribute("aria-describedby");
    part.querySelector("[data-rk-changed]")?.removeAttribute("aria-describedby");
    part.classList.remove("rk-deciding--problem");
  }

  /** The print button prints the summary and the comparison alone (see deciding.css);
   * the browser's own Print prints the page, with those in place of the worksheet. */
  print() {
    this.root.dataset.rkPrintOnly = "";
    const done = () => delete this.root.dataset.rkPrintOnly;
    window.addEventListener("afterprint", done, { once: true });
    window.print();
  }

  /** A kept worksheet came back: fill it in where the reader has not answered yet. */
  resume({ answers, note }) {
    fillAnswers(this.form, answers);
    if (note && !this.noteField.value) this.noteField.value = note;
  }

  deleteAll() {
    this.epoch += 1;
    clearAnswers(this.form);
    for (const part of this.form.querySelectorAll("[data-rk-area], [data-rk-reason]")) this.clearFieldProblem(part);
    this.find("[data-rk-summary-problem]")?.remove();
    this.keeper.deleteAll();
    this.share.clear();
    this.summaryBody.replaceChildren();
    this.summary.hidden = true;
    delete this.root.dataset.rkSummaryReady;
    announce(this.announcer, "Your worksheet was deleted.");
  }
}
