// What the timer does to the world besides the page: a chime, a buzz, a screen kept awake.
//
// The chime is synthesised with Web Audio (no audio file to fetch) and scheduled ahead on
// the audio clock for the exact deadline. Timers in hidden tabs are throttled to once a
// second or worse; the audio clock is not, so the turn-end chime is on time even when the
// tab is in the background. The AudioContext is created by the Start press, the gesture
// phones require before they play sound.

export class Chime {
  constructor() {
    this.context = null;
    this.scheduled = [];
    this.muted = false;
  }

  /** Call from a click handler: creates or resumes the audio context while we may. */
  unlock() {
    const AudioContextClass = window.AudioContext || window.webkitAudioContext;
    if (!AudioContextClass) return;
    this.context ??= new AudioContextClass();
    if (this.context.state === "suspended") this.context.resume().catch(() => {});
  }

  /** Play a soft two-note bell `delayMs` from now (0 = now); `soft` for the warning. */
  schedule(delayMs, { soft = false } = {}) {
    if (this.muted || !this.context) return;
    const start = this.context.currentTime + Math.max(0, delayMs) / 1000;
    const notes = soft ? [[523.25, 0]] : [[659.25, 0], [987.77, 0.18]];
    for (const [frequency, offset] of notes) this.scheduled.push(this.note(frequency, start + offset, soft));
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
    gain.gain.exponentialRampToValueAtTime(0.0001, at + 1.6);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(at);
    oscillator.stop(at + 1.7);
    return oscillator;
  }

  cancel() {
    for (const oscillator of this.scheduled) {
      try {
        oscillator.stop();
        oscillator.disconnect();
      } catch {
        /* already finished */
      }
    }
    this.scheduled = [];
  }

  close() {
    this.cancel();
    this.context?.close().catch(() => {});
    this.context = null;
  }
}

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
