// Limits on what may be sent to the engine, checked on the page before anything is sent.
//
// Saved data is read back from storage that other sites on the same address can write
// (see scope.js), and it can be damaged. Data nested thousands of levels deep (a few KB of
// "[[[[...") made structured cloning, JSON and Python's parser recurse until the worker
// died, and every "Try again" sent the same call again. No tool's data is more than a few
// levels deep, and the largest (a journal backup) stays under 5 MB, so these limits never
// refuse real data. Both walks are loops, never recursion, so checking cannot overflow.

export const MAX_DEPTH = 64;
export const MAX_CHARS = 6_000_000; // characters of text, keys included: above a 5 MB backup

function depths(text) {
  let depth = 0;
  let deepest = 0;
  let lowest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (inString) {
      if (char === "\\") i++;
      else if (char === '"') inString = false;
    } else if (char === '"') {
      inString = true;
    } else if (char === "[" || char === "{") {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (char === "]" || char === "}") {
      depth--;
      if (depth < lowest) lowest = depth;
    }
  }
  return { deepest, lowest, final: depth };
}

/** How deeply JSON text nests ("[[1]]" is 2): brackets counted outside of strings. */
export function textDepth(text) {
  return depths(text).deepest;
}

/**
 * The depth of a string's text if it is shaped like JSON (saved data as it was read:
 * "[...]" or "{...}" with its brackets balanced), else 0: what a reader typed ("[[[ note")
 * is text, however many brackets it holds. The same rule as rekindle.engine.nesting.
 */
export function heldJSONDepth(text) {
  const stripped = text.trim();
  if (!/^[[{]/.test(stripped) || !/[\]}]$/.test(stripped)) return 0;
  const { deepest, lowest, final } = depths(stripped);
  return lowest === 0 && final === 0 ? deepest : 0;
}

/**
 * Why `value` must not go to the engine, or null when it may: "too-deep" or "too-large".
 * Strings that hold JSON (saved data as it was read) are measured inside too.
 */
export function problemWith(value) {
  let chars = 0;
  const todo = [[value, 1]];
  while (todo.length) {
    const [item, depth] = todo.pop();
    if (typeof item === "string") {
      chars += item.length;
      if (chars > MAX_CHARS) return "too-large";
      if (depth + heldJSONDepth(item) > MAX_DEPTH) return "too-deep";
      continue;
    }
    if (item === null || typeof item !== "object") continue;
    if (depth > MAX_DEPTH) return "too-deep";
    for (const [key, inner] of Object.entries(item)) {
      chars += key.length;
      todo.push([inner, depth + 1]);
    }
    if (chars > MAX_CHARS) return "too-large";
  }
  return null;
}

/** What a tool shows when saved data broke these limits (site-storage.js set it aside). */
export const REFUSED = {
  "too-deep":
    "Something saved on this device for this tool could not be read: it is nested far more " +
    "deeply than anything the tool saves. It was set aside, not deleted, and the tool " +
    "carries on without it.",
  "too-large":
    "Something saved on this device for this tool could not be read: it is far larger than " +
    "anything the tool saves. It was set aside, not deleted, and the tool carries on " +
    "without it.",
};
