/**
 * Cheaper siblings of the same vendor, by family, tried in order: the first the book prices on the
 * same route at the same time is the what-if (rule 2).
 */
export const CHEAPER_SIBLINGS: Record<string, readonly string[]> = {
  'claude-opus-4-1': ['claude-sonnet-4'],
  'claude-opus-4': ['claude-sonnet-4'],
  'claude-3-opus': ['claude-3-5-sonnet'],
  'claude-sonnet-4-5': ['claude-haiku-4-5'],
  'claude-sonnet-4': ['claude-3-5-haiku'],
  'claude-3-7-sonnet': ['claude-3-5-haiku'],
  'claude-3-5-sonnet': ['claude-3-5-haiku'],
  'gpt-4o': ['gpt-4o-mini'],
  'gpt-4.1': ['gpt-4.1-mini'],
  'gpt-4.1-mini': ['gpt-4.1-nano'],
  'gpt-5': ['gpt-5-mini'],
  'gpt-5-mini': ['gpt-5-nano'],
  o3: ['o4-mini'],
  o1: ['o3-mini'],
  'gemini-2.5-pro': ['gemini-2.5-flash'],
  'gemini-2.5-flash': ['gemini-2.5-flash-lite'],
  'deepseek-reasoner': ['deepseek-chat'],
  'glm-4.5': ['glm-4.5-air'],
  'glm-4.6': ['glm-4.5-air'],
  'nova-pro': ['nova-lite'],
  'nova-lite': ['nova-micro'],
  'mistral-large': ['mistral-small'],
};
