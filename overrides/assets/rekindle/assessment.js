// Placeholder until the assessment widget lands.
import { connectStatus } from "./widget-kit.js";

export function mount(root) {
  const stop = connectStatus(root);
  return { unmount: stop };
}
