/** Google Cloud Billing SKU descriptions -> token class, model, tier. */
import type { TokenClass } from '../../../../shared/domain/fact';

export const VERTEX_SERVICE_ID = 'C7E2-9256-1C43';
export const GEMINI_API_SERVICE_ID = 'AEFD-7695-64FA';

/**
 * Provider for a billing row: Vertex AI -> 'gcp-vertex'; Gemini API (Google AI Studio paid tier, billed
 * through Cloud Billing) -> 'google-gemini-api' (its price list differs from Vertex). null: not an AI service.
 */
export function providerOfService(id: string | null, description: string | null): string | null {
  if (id === VERTEX_SERVICE_ID || /^vertex ai/i.test(description ?? '')) return 'gcp-vertex';
  if (id === GEMINI_API_SERVICE_ID || /^gemini api$/i.test(description ?? '')) return 'google-gemini-api';
  return null;
}

export interface Sku {
  cls: TokenClass | null;
  /** Thinking output is billed as its own SKU; it is output (not counted as a reasoning subset; see report). */
  thinking: boolean;
  model: string;
  contextTier: string | null;
}

export function parseSku(description: string): Sku {
  const d = description.toLowerCase();
  const cls: TokenClass | null = /cach/.test(d) ? 'cache_read' : /output/.test(d) ? 'output' : /input/.test(d) ? 'input' : null;
  let model: string;
  const api = /token count (?:for )?(.+?)(?: (?:short|long) input text)?$/i.exec(description);
  if (api) model = api[1]!;
  else {
    const m = /^(.*?)\s+(?:Thinking|Text|Input|Output|Regional|Image|Audio|Video)\b/.exec(description);
    model = m ? m[1]! : description;
  }
  const long = /\(long\)|long input/i.test(description) && !/long & standard/i.test(description);
  return { cls, thinking: /thinking/.test(d), model, contextTier: long ? 'long' : null };
}
