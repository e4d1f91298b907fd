// Sharing and comparing, with no server. "Share my code" asks the engine for the reader's
// code and hands its link to the phone's share sheet (Web Share) where there is one, or
// copies it; the code and the link also stay in fields to copy by hand. A code in a link
// sits in the fragment (`#share=...`), which browsers never send to the host.
//
// The other person's code arriving in the fragment is moved into the code field, taken out
// of the address bar, and announced at the top of the worksheet. Nothing is compared until
// the reader has answered and presses Compare (or "See my summary", which compares too).

import { announce, bringIntoView, hasAnswers, make } from "./deciding-dom.js";
import { fillPrompts, renderCompare } from "./deciding-render.js";
import { topicsFromAddress } from "./topics-for-timer.js";

const WIDGET = "deciding-worksheet";
const MAX_FIELD_CHARS = 2000; // the engine refuses anything over 600 in words; keep the field small
const TEXT = {
  shared: "Shared. Your code holds your answers, so send it only to someone you trust.",
  notShared: "Nothing was shared. Your code and link are below if you want them.",
  copied:
    "Link copied. Paste it in a message to the other person. It holds your answers, so send it " +
    "only to someone you trust.",
  copiedField: "Copied.",
  copyByHand:
    "Your browser did not let us copy. The text is selected: press Ctrl+C, or long-press it and " +
    "choose Copy.",
  arrived: "A code came with this link. Fill in your own worksheet first, then press Compare.",
  compared: "The comparison is ready, below.",
  noOwn: "Fill in your own worksheet first, then press Compare.",
  empty: "Paste the other person's code or link first.",
  shareTitle: "Rekindle: deciding together",
  shareText: "My code from Rekindle's deciding-together worksheet, so we can compare:",
};

export class SharePanel {
  constructor(tool) {
    this.tool = tool;
    const find = (selector) => tool.root.querySelector(selector);
    this.output = find("[data-rk-share-output]");
    this.field = find("[data-rk-their-code]");
    this.compareOutput = find("[data-rk-compare-output]");
    this.arrival = find("[data-rk-arrival]");
    this.problem = make("p", {
      id: "rk-deciding-code-problem",
      className: "rk-deciding__problem",
      hidden: true,
      attrs: { "data-rk-code-problem": "" },
    });
    this.field.after(this.problem);
    this.shareBox = make("div", { className: "rk-deciding__share", hidden: true, attrs: { "data-rk-share-box": "" } });
    this.output.closest(".rk-deciding__share-row").after(this.shareBox);
    this.arrived = false;
    this.renders = 0;
  }

  /** `#share=CODE` in the address: fill the code field (never the reader's own answers). */
  takeFragment() {
    const hash = window.location.hash;
    if (!/^#share=/i.test(hash)) return;
    let code = hash.slice("#share=".length);
    try {
      code = decodeURIComponent(code);
    } catch {
      // a broken escape: keep the raw text, and the engine says what is wrong with it
    }
    forgetFragment();
    this.field.value = code.slice(0, MAX_FIELD_CHARS);
    this.clearProblem();
    this.arrived = true;
    this.arrival.hidden = false;
    bringIntoView(this.arrival);
    announce(this.tool.announcer, TEXT.arrived);
  }

  /** "Do not compare": the code goes, and the notice with it. */
  forgetCode() {
    this.arrived = false;
    this.arrival.hidden = true;
    this.field.value = "";
    this.clearProblem();
  }

  /** "Share my code": make it, show it, then the share sheet where there is one, else copy. */
  async share() {
    const epoch = this.tool.epoch;
    let value;
    try {
      value = await this.tool.engine.call(WIDGET, "share", { answers: this.tool.answers() });
    } catch (error) {
      if (epoch === this.tool.epoch) this.tool.showAnswerProblem(error, (message) => this.say(message));
      return;
    }
    if (epoch !== this.tool.epoch) return;
    const link = pageAddress() + value.fragment;
    this.showCode(value.code, link);
    const data = { title: TEXT.shareTitle, text: `${TEXT.shareText} ${value.code}`, url: link };
    if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
      try {
        await navigator.share(data);
        this.say(TEXT.shared);
        return;
      } catch (error) {
        if (error?.name === "AbortError") {
          this.say(TEXT.notShared);
          return;
        }
        // Not allowed here (the press was too long ago, a policy): copying still works.
      }
    }
    await this.copy(this.shareBox.querySelector("[data-rk-share-link]"), TEXT.copied);
  }

  showCode(code, link) {
    const codeField = field("rk-deciding-my-code", "Your code", code, "data-rk-share-code");
    const linkField = field("rk-deciding-my-link", "Or this link", link, "data-rk-share-link");
    this.shareBox.replaceChildren(
      ...codeField,
      make("button", { type: "button", attrs: { "data-rk-copy": "code" } }, "Copy the code"),
      ...linkField,
      // A button, not a link: following it here would reload the page and, unless the
      // worksheet is kept, lose the answers just given.
      make("button", { type: "button", attrs: { "data-rk-copy": "link" } }, "Copy the link"),
    );
    this.shareBox.hidden = false;
  }

  async copy(input, done = TEXT.copiedField) {
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
      this.say(done);
    } catch {
      input.focus();
      input.select();
      this.say(TEXT.copyByHand);
    }
  }

  /** Compare with the code in the field. A bad code changes nothing already on screen. */
  async compare({ quiet = false } = {}) {
    const code = this.field.value.trim();
    if (!code) return quiet ? null : this.showProblem(TEXT.empty);
    const answers = this.tool.answers();
    if (!hasAnswers(answers)) return quiet ? null : this.showProblem(TEXT.noOwn, false);
    const epoch = this.tool.epoch;
    const started = performance.now();
    let view;
    try {
      view = await this.tool.engine.call(WIDGET, "compare", { answers, code });
    } catch (error) {
      if (epoch !== this.tool.epoch) return null;
      if (error.field === "code") return this.showProblem(error.message);
      return this.tool.showAnswerProblem(error, (message) => this.showProblem(message, false));
    }
    if (epoch !== this.tool.epoch) return null;
    this.clearProblem();
    this.arrived = false;
    this.arrival.hidden = true;
    this.compareOutput.replaceChildren(renderCompare(this.tool.root, view));
    this.renders += 1;
    this.tool.root.dataset.rkCompareReady = String(this.renders);
    this.tool.root.dataset.rkCompareMs = String(Math.round(performance.now() - started));
    announce(this.tool.announcer, TEXT.compared);
    this.showPrompts(view.topics_fragment, epoch);
    return view;
  }

  /** Each topic's question, looked up by the same op the conversation page uses. */
  async showPrompts(fragment, epoch) {
    const topics = await topicsFromAddress(fragment);
    if (epoch === this.tool.epoch) fillPrompts(this.compareOutput, topics);
  }

  showProblem(message, invalid = true) {
    this.problem.textContent = message;
    this.problem.hidden = false;
    this.field.setAttribute("aria-describedby", this.problem.id);
    if (invalid) this.field.setAttribute("aria-invalid", "true");
    else this.field.removeAttribute("aria-invalid");
  }

  clearProblem() {
    this.problem.hidden = true;
    this.problem.textContent = "";
    this.field.removeAttribute("aria-invalid");
    this.field.removeAttribute("aria-describedby");
  }

  /** Delete: the codes, the comparison, the notice and any fragment go. */
  clear() {
    this.forgetCode();
    this.shareBox.replaceChildren();
    this.shareBox.hidden = true;
    this.output.textContent = "";
    this.compareOutput.replaceChildren();
    delete this.tool.root.dataset.rkCompareReady;
    forgetFragment();
  }

  say(text) {
    this.output.textContent = text;
  }
}

function field(id, label, value, hook) {
  return [
    make("label", { htmlFor: id }, label),
    make("input", { id, type: "text", readOnly: true, value, attrs: { [hook]: "", spellcheck: "false" } }),
  ];
}

/** This page's address without any fragment: the base of a share link. */
function pageAddress() {
  const { origin, pathname, search } = window.location;
  return origin + pathname + search;
}

/** Take a share code out of the address bar and out of this history entry. */
export function forgetFragment() {
  if (!/^#share=/i.test(window.location.hash)) return;
  history.replaceState(history.state, "", window.location.pathname + window.location.search);
}
