// What the timer does to the world besides the page: a chime, a buzz, a screen kept awake.
//
// The chime is synthesised with Web Audio (no audio file to fetch) and scheduled ahead on
// the audio clock for the exact deadline. Timers in hidden tabs are throttled to once a
// second or worse; the audio clock is not, so the turn-end chime is on time even when the
// tab is in the background. The AudioContext is created by the first press, the gesture
// phones require before they play sound. Which bells should exist is decided by the pure
// planner (timer-plan.js); this file only plays and calls off what it is told, by key.

export class Chime {
  constructor() {
    this.context = null;
    this.notes = new Map(); // key -> { at (page clock ms), oscillators }
  }

  /** Call from a click handler: creates or resumes the audio context while we may. */
  unlock() {
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    // A press replayed after a reload is no gesture: the browser would refuse (and warn).
    if (!AudioContextClass || navigator.userActivation?.hasBeenActive === false) return;
    this.context ??= new AudioContextClass();
    if (this.context.state === "suspended") this.context.resume().catch(() => {});
  }

  get ready() {
    return this.context !== null;
  }

  /** What is scheduled, as the planner sees it: [{key, at}]. */
  scheduled() {
    return [...this.notes].map(([key, note]) => ({ key, at: note.at }));
  }

  /**
   * Schedule the bell called `key` for page time `at` (seen at page time `now`) on the audio
   * clock, which hidden tabs do not throttle: a two-note bell, or one quiet note for `soft`.
   */
  play(key, at, now, { soft = false } = {}) {
    if (!this.context || this.notes.has(key)) return;
    const start = this.context.currentTime + Math.max(0, at - now) / 1000;
    const tones = soft ? [[523.25, 0]] : [[659.25, 0], [987.77, 0.18]];
    const oscillators = tones.map(([frequency, offset]) =>
      this.note(frequency, start + offset, soft),
    );
    this.notes.set(key, { at, oscillators });
  }

  note(frequency, at, soft) {
    const ctx = this.context;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = "sine";
    oscillator.frequency.value = frequency;
    const peak = soft ? 0.08 : 0.18;
    gain.gain.setValueAtTime(0.0001, at);
    gain.gain.exponentialRampToValueAtTime(peak, at + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, at + NOTE_SECONDS);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + NOTE_SECONDS + 0.1);
    return oscillator;
  }

  /** Call off one bell (the planner only ever asks for bells still to come). */
  cancel(key) {
    const note = this.notes.get(key);
    if (!note) return;
    this.notes.delete(key);
    for (const oscillator of note.oscillators) {
      try {
        oscillator.stop();
        oscillator.disconnect();
      } catch {
        /* already finished */
      }
    }
  }

  /** Forget bells that have long finished, so the list stays short. */
  prune(now) {
    for (const [key, note] of this.notes) {
      if (note.at < now - 10_000) this.notes.delete(key);
    }
  }

  close() {
    for (const key of [...this.notes.keys()]) this.cancel(key);
    this.context?.close().catch(() => {});
    this.context = null;
  }
}

const NOTE_SECONDS = 1.6;

/** A short buzz where the device has one and the reader left vibration on. */
export function buzz(enabled) {
  if (enabled && typeof navigator.vibrate === "function") navigator.vibrate([120, 80, 120]);
}

/** Keeps the screen on while a session runs (Screen Wake Lock, where the browser has it). */
export class Awake {
  constructor() {
    this.sentinel = null;
    this.wanted = false;
  }

  async hold() {
    this.wanted = true;
    if (this.sentinel || !navigator.wakeLock || document.visibilityState !== "visible") return;
    try {
      this.sentinel = await navigator.wakeLock.request("screen");
      this.sentinel.addEventListener("release", () => (this.sentinel = null));
      if (!this.wanted) this.release();
    } catch {
      this.sentinel = null; // battery saver or policy said no: the timer still works
    }
  }

  release() {
    this.wanted = false;
    const sentinel = this.sentinel;
    this.sentinel = null;
    sentinel?.release().catch(() => {});
  }

  /** The browser drops the lock when the tab is hidden; take it again on return. */
  refresh() {
    if (this.wanted) this.hold();
  }
}
