/**
 * Who bills the usage a fact describes. Exports of a bill or of a provider's usage name it themselves (the
 * fact's provider). A gateway log (LiteLLM) or a coding agent's log (Claude Code, Codex, opencode...) does
 * not bill anything: it records calls that a provider bills. Where that provider's bill covers the same
 * day and model, the bill is the spend and the log only attributes it (project, member, session).
 */

/** Agents whose calls always go to one provider's API. */
const SINGLE_PROVIDER_TOOLS: Readonly<Record<string, string>> = {
  'claude-code': 'anthropic',
  'codex-log': 'openai',
  'gemini-cli-log': 'google-gemini-api',
};

/** Gateways and agents that route to any provider: the fact's host names it. */
const ROUTING_TOOLS: ReadonlySet<string> = new Set(['litellm', 'opencode-log', 'kilo-cli-log', 'roo-code-log', 'cline-log', 'kilo-code-log']);

/** Their names for the providers the ledger imports bills of (LiteLLM's custom_llm_provider, opencode's providerID...). */
const HOST_PROVIDERS: Readonly<Record<string, string>> = {
  anthropic: 'anthropic',
  openai: 'openai',
  openrouter: 'openrouter',
  deepseek: 'deepseek',
  bedrock: 'aws-bedrock',
  'amazon-bedrock': 'aws-bedrock',
  azure: 'azure-openai',
  vertex_ai: 'gcp-vertex',
  'google-vertex': 'gcp-vertex',
  gemini: 'google-gemini-api',
  google: 'google-gemini-api',
  zhipuai: 'zhipu',
};

/** The provider whose bill would cover this fact's usage (its own provider unless it comes from a tool's log). */
export function billingProvider(provider: string, host: string | null): string {
  const single = SINGLE_PROVIDER_TOOLS[provider];
  if (single) return single;
  if (ROUTING_TOOLS.has(provider)) return HOST_PROVIDERS[(host ?? '').toLowerCase()] ?? provider;
  return provider;
}
