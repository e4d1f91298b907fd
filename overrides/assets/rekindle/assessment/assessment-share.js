// Comparing with a partner, with no server: share codes made by the engine, sent with the
// phone's own share sheet (Web Share) where the browser has one, copied otherwise; the code
// and the link stay in fields under "Show my code and link". A link's code sits in the URL
// fragment (`#share=...`), which browsers never send to the host.
//
// A partner's code arriving in the fragment is moved into the partner-code field, removed
// from the address bar, and announced at the top of the tool; once the reader's own results
// are ready, both are compared at once.

import { announce, bringIntoView, make } from "./assessment-dom.js";
import { renderCompare } from "./assessment-compare.js";

const WIDGET = "barrier-assessment";
const TEXT = {
  shared: "Shared. Your code holds your answers, so send it only to someone you trust.",
  notShared: "Nothing was shared.",
  copied: "Link copied. Paste it in a message to your partner. It holds your answers, so send it only to someone you trust.",
  copiedField: "Copied.",
  copyByHand: "Your browser did not let us copy. The text is selected: press Ctrl+C, or " +
    "long-press it and choose Copy.",
  arrived: "Your partner's code came with this link. Answer for yourself first; then you will see both.",
  compared: "Comparison ready, below.",
  noOwn: "Answer the questions yourself first, then press Compare.",
  empty: "Paste your partner's code or link first.",
  shareTitle: "Rekindle self-assessment",
  shareText: "My code for the Rekindle self-assessment, to compare our answers:",
};

export class SharePanel {
  constructor(tool) {
    this.tool = tool;
    const find = (selector) => tool.root.querySelector(selector);
    this.section = find("[data-rk-compare]");
    this.output = find("[data-rk-share-output]");
    this.partner = find("[data-rk-partner-code]");
    this.compareOutput = find("[data-rk-compare-output]");
    this.arrival = find("[data-rk-arrival]");
    this.problem = make("p", {
      id: "rk-assessment-partner-problem",
      className: "rk-assessment__problem",
      hidden: true,
      attrs: { "data-rk-partner-problem": "" },
    });
    this.partner.after(this.problem);
    this.shareBox = make("details", { className: "rk-assessment__share", hidden: true, attrs: { "data-rk-share-details": "" } });
    this.output.after(this.shareBox);
    this.code = null;
    this.link = null;
    this.arrived = false; // a partner's code came with the link and waits for our results
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
    this.arrived = true;
    this.arrival.hidden = false;
    bringIntoView(this.arrival);
    announce(this.tool.announcer, TEXT.arrived);
    if (this.tool.hasResults()) this.compare();
  }

  /** "Do not compare": the partner's code goes, and the notice with it. */
  forgetPartner() {
    this.arrived = false;
    this.arrival.hidden = true;
    this.partner.value = "";
    this.clearProblem();
  }

  /** Results are on screen: make the reader's code now, so Share can open the sheet at once. */
  async afterResults() {
    this.section.hidden = false;
    const epoch = this.tool.epoch;
    await this.makeCode();
    if (this.arrived && epoch === this.tool.epoch && this.partner.value.trim()) await this.compare();
  }

  async makeCode() {
    const epoch = this.tool.epoch;
    try {
      const value = await this.tool.engine.call(WIDGET, "share", { answers: this.tool.answers() });
      if (epoch === this.tool.epoch) this.showCode(value);
    } catch (error) {
      if (epoch === this.tool.epoch) this.say(error.message);
    }
  }

  /** "Share my code": the share sheet where there is one, else copy the link. */
  async share() {
    if (!this.link) await this.makeCode();
    if (!this.link) return null;
    const data = { title: TEXT.shareTitle, text: `${TEXT.shareText} ${this.code}`, url: this.link };
    if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
      try {
        await navigator.share(data);
        return this.say(TEXT.shared);
      } catch (error) {
        if (error?.name === "AbortError") return this.say(TEXT.notShared);
        // Not allowed here (no user gesture, a policy): copying still works.
      }
    }
    return this.copy(this.shareBox.querySelector("[data-rk-share-link-field]"), TEXT.copied);
  }

  showCode(value) {
    this.code = value.code;
    this.link = pageAddress() + value.fragment;
    const codeField = field("rk-assessment-my-code", "Your share code", value.code, "data-rk-share-code");
    const linkField = field("rk-assessment-my-link", "Or this link", this.link, "data-rk-share-link-field");
    this.shareBox.replaceChildren(
      make("summary", {}, "Show my code and link"),
      ...codeField,
      make("button", { type: "button", attrs: { "data-rk-copy": "code" } }, "Copy the code"),
      ...linkField,
      // A button, not a clickable <a>: following the link here would reload the page and,
      // unless saving is on, lose the answers just given.
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
      this.shareBox.open = true;
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
    this.arrived = false;
    this.arrival.hidden = true;
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

  /** The answers may change (Change my answers): no code of old answers stays about. */
  forgetCode() {
    this.output.textContent = "";
    this.shareBox.replaceChildren();
    this.shareBox.hidden = true;
    this.code = null;
    this.link = null;
  }

  /** "Delete my answers": the codes, the comparison, the notice and any fragment go too. */
  clear() {
    this.forgetCode();
    this.section.hidden = true;
    this.forgetPartner();
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
