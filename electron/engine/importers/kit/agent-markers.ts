/** What tells apart coding-agent logs that share their signature keys (read by each side's identify). */
import type { FileHead } from '../types';
import { hasKey } from './common';

/** A message of `parts` with the role "user" or "model" (Gemini-style). */
const MESSAGE_PARTS = /"message"\s*:\s*\{\s*"role"\s*:\s*"(?:user|model)"\s*,\s*"parts"\s*:/;

/**
 * What only Qwen Code's records have (Claude Code's logs share the signature keys): Gemini-style
 * `usageMetadata`, `systemPayload`, or a message of `parts` with the role "user" or "model". The message
 * pattern holds the keys message, role and parts: a head lacking one of them is not searched for it.
 */
export function qwenMarked(head: FileHead): boolean {
  if (hasKey(head, 'usageMetadata') || hasKey(head, 'systemPayload')) return true;
  return hasKey(head, 'message') && hasKey(head, 'role') && hasKey(head, 'parts') && MESSAGE_PARTS.test(head.text);
}
