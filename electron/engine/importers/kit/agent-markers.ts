/** What tells apart coding-agent logs that share their signature keys (read by each side's identify). */

/**
 * What only Qwen Code's records have (Claude Code's logs share the signature keys): Gemini-style
 * `usageMetadata`, `systemPayload`, or a message of `parts` with the role "user" or "model".
 */
export const QWEN_MARKERS = /"usageMetadata"\s*:|"systemPayload"\s*:|"message"\s*:\s*\{\s*"role"\s*:\s*"(?:user|model)"\s*,\s*"parts"\s*:/;
