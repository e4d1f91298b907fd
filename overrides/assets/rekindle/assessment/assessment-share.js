// Comparing with a partner, with no server: share codes made by the engine, shown in a
// read-only field and as a link whose code sits in the URL fragment (`#share=...`), which
// browsers never send to the host. A partner's code arriving in the fragment is moved into
// the partner-code field and then removed from the address bar.

import { announce, make } from "./assessment-dom.js";
import { renderCompare } from "./assessment-compare.js";

const WIDGET = "barrier-assessment";
const TEXT = {
  made: "Your code is ready. It holds your answers, so share it only with someone you trust.",
  copied: "Copied.",
  copyByHand: "Your browser did not let us copy. The text is selected: press Ctrl+C, or " +
    "long-press it and choose Copy.",
  noAnswers: "Answer at least one statement first, then make your code.",
  arrived: "Your partner's code is ready to compare: answer the questions yourself, then " +
    "press Compare.",
  compared: "Comparison ready, below.",
  noOwn: "Answer the questions yourself first, then press Compare.",
  empty: "Paste your partner's code or link first.",
};

export class SharePanel {
  constructor(tool) {
    this.tool = tool;
    const find = (selector) => tool.root.querySelector(selector);
    this.output = find("[data-rk-share-output]");
    this.partner = find("[data-rk-partner-code]");
    this.compareOutput = find("[data-rk-compare-output]");
    this.problem = make("p", {
      id: "rk-assessment-partner-problem",
      className: "rk-assessment__problem",
      hidden: true,
      attrs: { "data-rk-partner-problem": "" },
    });
    this.partner.after(this.problem);
    this.shareBox = make("div", { className: "rk-assessment__share", hidden: true });
    this.output.after(this.shareBox);
    this.code = null;
  }

  /** `#share=CODE` in the address: fill the partner field, never the reader's answers. */
  takeFragment() {
    const hash = window.location.hash;
    if (!/^#share=/i.test(hash)) return;
    let code = hash.slice("#share=".length);
    try {
      code = decodeURIComponent(code);
    } catch {
      // a broken escape: keep the raw text, the engine will say what is wrong with it
    }
    forgetFragment();
    // The reader followed their own link: that is not a partner's code, so leave it be.
    if (this.code && squash(code) === squash(this.code)) return;
    this.partner.value = code.slice(0, 600);
    this.clearProblem();
    this.problem.hidden = false;
    this.problem.textContent = TEXT.arrived;
    announce(this.tool.announcer, TEXT.arrived);
  }

  async share(thenCopyLink = false) {
    const answers = this.tool.answers();
    if (!Object.keys(answers).length) return this.say(TEXT.noAnswers);
    const epoch = this.tool.epoch;
    let value;
    try {
      value = await this.tool.engine.call(WIDGET, "share", { answers });
    } catch (error) {
      return this.say(error.message);
    }
    if (epoch !== this.tool.epoch) return null;
    this.showCode(value);
    this.say(TEXT.made);
    if (thenCopyLink) return this.copy(this.shareBox.querySelector("[data-rk-share-link-field]"));
    return null;
  }

  showCode(value) {
    const link = pageAddress() + value.fragment;
    const codeField = field("rk-assessment-my-code", "Your share code", value.code, "data-rk-share-code");
    const linkField = field("rk-assessment-my-link", "Or this link", link, "data-rk-share-link-field");
    this.shareBox.replaceChildren(
      ...codeField,
      make("button", { type: "button", attrs: { "data-rk-copy": "code" } }, "Copy the code"),
      ...linkField,
      // A button, not a clickable <a>: following the link here would reload the page and,
      // unless saving is on, lose the answers just given.
      make("button", { type: "button", attrs: { "data-rk-copy": "link" } }, "Copy the link"),
    );
    this.shareBox.hidden = false;
    this.code = value.code;
  }

  async copy(input) {
    if (!input) return;
    try {
      await navigator.clipboard.writeText(input.value);
      this.say(TEXT.copied);
    } catch {
      input.focus();
      input.select();
      this.say(TEXT.copyByHand);
    }
  }

  async compare() {
    const code = this.partner.value.trim();
    if (!code) return this.showProblem(TEXT.empty);
    const answers = this.tool.answers();
    if (!Object.keys(answers).length) return this.showProblem(TEXT.noOwn, false);
    const epoch = this.tool.epoch;
    let view;
    try {
      view = await this.tool.engine.call(WIDGET, "compare", { answers, code });
    } catch (error) {
      // A bad code changes nothing: the earlier comparison and the answers stay as they are.
      return epoch === this.tool.epoch ? this.showProblem(error.message) : null;
    }
    if (epoch !== this.tool.epoch) return null;
    this.clearProblem();
    this.compareOutput.replaceChildren(renderCompare(this.tool.root, view));
    this.tool.root.dataset.rkCompareReady = String(Number(this.tool.root.dataset.rkCompareReady || 0) + 1);
    announce(this.tool.announcer, TEXT.compared);
    return view;
  }

  showProblem(message, invalid = true) {
    this.problem.textContent = message;
    this.problem.hidden = false;
    this.partner.setAttribute("aria-describedby", this.problem.id);
    if (invalid) this.partner.setAttribute("aria-invalid", "true");
    else this.partner.removeAttribute("aria-invalid");
  }

  clearProblem() {
    this.problem.hidden = true;
    this.problem.textContent = "";
    this.partner.removeAttribute("aria-invalid");
    this.partner.removeAttribute("aria-describedby");
  }

  /** "Delete my answers": the codes, the comparison and any fragment go too. */
  clear() {
    this.output.textContent = "";
    this.shareBox.replaceChildren();
    this.shareBox.hidden = true;
    this.partner.value = "";
    this.clearProblem();
    this.compareOutput.replaceChildren();
    delete this.tool.root.dataset.rkCompareReady;
    this.code = null;
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

/** A code without its dashes and case, to tell whether two codes are the same. */
function squash(code) {
  return code.replace(/[^0-9a-z]/gi, "").toUpperCase();
}

/** This page's address without any fragment: the base of a share link. */
function pageAddress() {
  const { origin, pathname, search } = window.location;
  return origin + pathname + search;
}

/** Take a share code out of the address bar and out of this history entry. */
export function forgetFragment() {
  if (!window.location.hash) return;
  history.replaceState(history.state, "", window.location.pathname + window.location.search);
}
