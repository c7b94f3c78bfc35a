/**
 * Values that look like API keys, masked before anything stores or shows them: an export may carry a
 * raw key where a key's name or id belongs (LiteLLM's api_key column, a user field). The ledger keeps
 * the key's kind and last four characters, enough to tell keys apart, never the secret.
 */

/** Vendors' secret-key shapes: OpenAI, Anthropic, OpenRouter, DeepSeek and others' 'sk-...', 'rk-...', Google's 'AIza...'. */
const SECRET = /\b(sk-(?:ant-|proj-|or-v1-|svcacct-|admin-)?|rk-|AIza)[A-Za-z0-9_-]{16,}/g;

/** `text` with every secret-looking key replaced by its prefix, '…' and its last four characters. */
export function maskSecrets(text: string): string {
  return text.replace(SECRET, (key, prefix: string) => `${prefix}…${key.slice(-4)}`);
}

/** The attribution of a fact with secret-looking values masked (the same object when none is). */
export function maskFactSecrets<T extends { account: string | null; project: string | null; apiKey: string | null; member: string | null; tags: Record<string, string> | null }>(f: T): T {
  let changed = false;
  const m = (v: string | null) => {
    if (v === null || (!v.includes('-') && !v.includes('AIza'))) return v;
    const masked = maskSecrets(v);
    if (masked !== v) changed = true;
    return masked;
  };
  const out = { ...f, account: m(f.account), project: m(f.project), apiKey: m(f.apiKey), member: m(f.member) };
  if (f.tags) out.tags = Object.fromEntries(Object.entries(f.tags).map(([k, v]) => [k, m(v)!]));
  return changed ? out : f;
}
