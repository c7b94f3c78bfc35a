/** The book routes a price is looked up on, in order, when a route has no entry of its own. */

/** The Bedrock geographic profile whose list an AWS region's in-region price follows (eu-central-1 -> eu.). */
export function bedrockGeoOfRegion(region: string): string[] {
  if (region.startsWith('us-')) return ['bedrock-geo'];
  if (region.startsWith('eu-')) return ['bedrock-geo:eu'];
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return ['bedrock-geo:jp', 'bedrock-geo:apac'];
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4') return ['bedrock-geo:au', 'bedrock-geo:apac'];
  if (region.startsWith('ap-')) return ['bedrock-geo:apac'];
  if (region.startsWith('ca-')) return ['bedrock-geo:ca'];
  return [];
}

/**
 * OpenRouter bills each request at the price of the provider that served it. A provider that is the
 * model's maker (or a cloud with its own route in the book) bills that list; a third-party host bills its
 * own list, which the book knows under LiteLLM's provider name.
 */
const OPENROUTER_HOST_ROUTES: Record<string, string> = {
  openai: 'direct', anthropic: 'direct', 'google-ai-studio': 'direct', deepseek: 'direct', 'moonshot-ai': 'direct',
  'z-ai': 'direct', alibaba: 'direct', mistral: 'direct', xai: 'direct', cohere: 'direct', minimax: 'direct',
  'google-vertex': 'vertex', 'amazon-bedrock': 'bedrock', azure: 'azure-global',
  groq: 'host:groq', together: 'host:together_ai', fireworks: 'host:fireworks_ai', deepinfra: 'host:deepinfra',
  novita: 'host:novita', cerebras: 'host:cerebras', nebius: 'host:nebius', hyperbolic: 'host:hyperbolic',
  sambanova: 'host:sambanova', baseten: 'host:baseten', lambda: 'host:lambda_ai', parasail: 'host:parasail',
};

/**
 * Routes tried in order when a route has no entry of its own. Uplift rules scale only a fallback to one of
 * their `base` routes (see upliftRuleSchema).
 */
export function routeFallbacks(route: string): string[] {
  if (route === 'direct') return ['direct'];
  if (route.startsWith('bedrock@')) return [route, ...bedrockGeoOfRegion(route.slice(8)), 'bedrock', 'bedrock-global', 'direct'];
  if (route.startsWith('bedrock-geo:')) return [route, 'bedrock-geo', 'bedrock', 'bedrock-global', 'direct'];
  if (route === 'bedrock-geo' || route === 'bedrock-gov') return [route, 'bedrock', 'bedrock-global', 'direct'];
  if (route === 'bedrock' || route === 'bedrock-global') return [route, route === 'bedrock' ? 'bedrock-global' : 'bedrock', 'direct'];
  if (route === 'azure-datazone' || route === 'azure-regional') return [route, 'azure-global', 'direct'];
  if (route === 'azure-global') return [route, 'direct'];
  if (route.startsWith('vertex@')) return [route, 'vertex', 'direct'];
  if (route.startsWith('openrouter:')) {
    const host = OPENROUTER_HOST_ROUTES[route.slice(11)];
    return host ? [route, ...routeFallbacks(host), 'openrouter'].filter((r, i, a) => a.indexOf(r) === i) : [route, 'openrouter', 'direct'];
  }
  if (route === 'openrouter' || route === 'vertex' || route === 'azure-ai' || route === 'openrouter-free') return [route, ...(route === 'openrouter-free' ? ['openrouter'] : []), 'direct'];
  return [route];
}

/** True when an uplift rule's route key or prefix ('bedrock@*') covers `route`. */
export function routeMatches(pattern: string, route: string): boolean {
  return pattern.endsWith('*') ? route.startsWith(pattern.slice(0, -1)) : route === pattern || route.startsWith(`${pattern}:`);
}
