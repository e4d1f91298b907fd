// The page's limits on what reaches the engine (kit/shape.js) agree with the engine's own
// (rekindle.engine.nesting): the same depth for the same text, the same limit; and the
// names kept in the browser carry this copy's path (kit/scope.js).
import { execFileSync } from "node:child_process";
import { strict as assert } from "node:assert";
import { test } from "node:test";
import { python } from "./python.js";
import {
  MAX_DEPTH,
  heldJSONDepth,
  problemWith,
  textDepth,
} from "../../overrides/assets/rekindle/kit/shape.js";
import { isSiteName, siteName } from "../../overrides/assets/rekindle/kit/scope.js";

const TEXTS = ["", "1", "[]", "[[1]]", '{"a": [{"b": []}]}', '["[[[", "]"]', '"\\"[["',
  '{"k": "}{"}', "[[[ a note", "] [", " [[]] ", "[".repeat(64) + "]".repeat(64),
  "[".repeat(3000) + "]".repeat(3000)];

test("the page and the engine measure depth alike", () => {
  const script = "import json,sys\nfrom rekindle.engine.nesting import *\n"
    + "texts = json.loads(sys.argv[1])\n"
    + "print(json.dumps([MAX_DEPTH, [[text_depth(t), held_json_depth(t)] for t in texts]]))";
  const [limit, depths] = JSON.parse(execFileSync(python(), ["-c", script, JSON.stringify(TEXTS)]));
  assert.equal(limit, MAX_DEPTH);
  assert.deepEqual(TEXTS.map((text) => [textDepth(text), heldJSONDepth(text)]), depths);
});

test("deep data is refused whether it is an object or text holding JSON", () => {
  let deep = [];
  for (let i = 0; i < 10_000; i++) deep = [deep];
  assert.equal(problemWith({ saved: deep }), "too-deep");
  assert.equal(problemWith({ saved: "[".repeat(3000) + "]".repeat(3000) }), "too-deep");
  assert.equal(problemWith({ saved: { format: 1, settings: { name_a: "[[[[" } } }), null);
  assert.equal(problemWith({ entry: "[".repeat(500) + " typed, not data" }), null);
  assert.equal(problemWith({ text: "x".repeat(6_000_001) }), "too-large");
  const loop = {};
  loop.self = loop;
  assert.equal(problemWith(loop), "too-deep"); // a cycle ends too, never hangs
});

test("names carry the copy's path and never match another copy's", () => {
  const name = siteName("rekindle.turn-timer");
  assert.match(name, /^rekindle \/.*\/ turn-timer$/);
  assert.equal(siteName("pause.journal").endsWith(" pause.journal"), true);
  assert.equal(isSiteName(name), true);
  assert.equal(isSiteName("rekindle-notes"), false);
  assert.equal(isSiteName("rekindle.turn-timer"), false);
  const [, path] = name.split(" ");
  assert.equal(isSiteName(`rekindle ${path.slice(0, -1)}-beta/ turn-timer`), false);
});
