// "Take these to the conversation": the worksheet's topics as prompts, for the turn-taking
// timer (and for the comparison, which shows each topic's prompt beside its name).
//
// The comparison links to the conversation page with topic ids in the fragment
// (`#topics=children,trust`), never free text, so a link shows nothing private. Tools never
// import one another in Python, so the prompts come from this tool's own `topics` op through
// the engine (rekindle.tools.deciding.ops): unknown or repeated ids are skipped, and at most
// one prompt per topic comes back, most pressing first. Nothing here ever throws: no topics,
// or an engine that cannot answer, gives an empty list and the timer keeps its own prompts.

import { getEngine } from "../kit/engine-client.js";

const WIDGET = "deciding-worksheet";
const TOPICS = /(?:^|[#&])topics=/i;
const MAX_FRAGMENT = 2000; // every id at once is under 400 characters

/** Whether an address fragment carries topics from the worksheet (asks no engine). */
export function hasTopics(hash = window.location.hash) {
  return typeof hash === "string" && TOPICS.test(hash);
}

/**
 * The topics in a fragment as [{id, title, prompt}], in the worksheet's order, or [] when
 * there are none or the engine could not be asked.
 */
export async function topicsFromAddress(hash = window.location.hash) {
  if (!hasTopics(hash)) return [];
  try {
    const found = await getEngine().call(WIDGET, "topics", { fragment: hash.slice(0, MAX_FRAGMENT) });
    return Array.isArray(found?.topics) ? found.topics : [];
  } catch {
    return [];
  }
}

/** Just the prompts, as a timer's settings hold them (at most `limit`, the timer's own cap). */
export async function topicPrompts(hash = window.location.hash, limit = 20) {
  return (await topicsFromAddress(hash)).map((topic) => topic.prompt).slice(0, limit);
}
