/**
 * Model catalog: one canonical id for a model across every route that sells it.
 *
 * Canonical-id policy
 * - `model` is the vendor's own first-party API id, lower case, with the vendor's version
 *   separators: `claude-sonnet-4-5-20250929`, `claude-3-5-haiku-20241022`, `gpt-4o-2024-08-06`,
 *   `gemini-2.5-pro`, `deepseek-chat`, `glm-4.5-air`, `qwen3-coder`.
 * - A dated snapshot KEEPS its date (`gpt-4o-2024-05-13` and the `gpt-4o` alias were priced
 *   differently), and `family` is the id without the snapshot date (`gpt-4o`, `claude-sonnet-4-5`).
 *   The price book looks a model up by `model` first and falls back to `family`.
 * - Route spellings are folded: OpenRouter dotted versions (`claude-sonnet-4.5` -> `claude-sonnet-4-5`),
 *   OpenRouter's own Claude permaslug dates (`claude-4-sonnet-20250522` -> `claude-sonnet-4`, since the
 *   date is OpenRouter's, not Anthropic's), Bedrock `us.anthropic.…-v1:0`, Vertex `…@20250929`,
 *   Azure meter names (`gpt 4o 0513 Input global Tokens` -> `gpt-4o-2024-05-13`), GCP SKU text and
 *   Anthropic console display names (`Claude Haiku 3.5` -> `claude-3-5-haiku`).
 * - Moving aliases stay aliases (`deepseek-chat`, `mistral-large-latest`, `~anthropic/claude-sonnet-latest`):
 *   their price follows the book's effective dates, not a guess of which snapshot they meant.
 * - An id whose maker cannot be told returns null (the fact stays unpriced, never $0).
 */
import type { Region } from './fact';
import { createVendorRegistry, type VendorRegistry } from './vendors';
import catalog from './catalog-data.json';
import { SERVED_ALIASES, type ServedAlias } from './served-aliases';

export type RouteKind =
  | 'direct'
  | 'openrouter'
  | 'bedrock'
  | 'azure'
  | 'azure-ai'
  | 'vertex'
  | 'fine-tune'
  | 'host';

export interface RouteInfo {
  kind: RouteKind;
  /** Who served it: 'openrouter', 'aws-bedrock', a LiteLLM provider, OpenRouter's provider_name... */
  host: string | null;
  /** 'global', 'us', 'eu', 'apac', 'jp', 'au', 'us-gov', 'data-zone', 'regional', or a cloud region. */
  geo: string | null;
  /**
   * The route key the price book uses (see price-book.ts routeFallbacks): 'direct', 'bedrock' (region
   * not named), 'bedrock@<region>', 'bedrock-geo' (the US geo profile us.), 'bedrock-geo:<eu|apac|jp|au|ca>',
   * 'bedrock-global', 'bedrock-gov', 'azure-global', 'azure-datazone', 'azure-regional', 'vertex',
   * 'vertex@<region>', 'openrouter', 'openrouter:<host>', 'openrouter-free' (a `:free` variant), 'host:<provider>',
   * 'fine-tune'.
   */
  priceRoute: string;
  /** OpenRouter variant (`free`, `thinking`, `online`...) */
  variant?: string;
}

export interface ResolvedModel {
  model: string;
  family: string;
  vendor: string;
  originRegion: Region;
  route: RouteInfo;
}

export interface ResolveHints {
  /** FactDraft.provider or a LiteLLM provider name ('openrouter', 'aws-bedrock', 'azure', 'gemini'...). */
  provider?: string;
  /** Who served it (OpenRouter provider_name). */
  host?: string;
  /**
   * The cloud region or zone the export names for the row (FactDraft.inferenceGeo): a Bedrock row in
   * eu-central-1 is priced on that region's list, a Vertex row on a regional endpoint on its own.
   */
  geo?: string;
}

const LITELLM_PROVIDERS = new Set<string>(catalog.litellmProviders);
const KNOWN_SNAPSHOTS: Record<string, string> = catalog.knownSnapshots;

/** Org prefixes used by OpenRouter / Hugging Face style paths, mapped to vendor ids. */
const ORG_VENDOR: Record<string, string> = {
  anthropic: 'anthropic', openai: 'openai', google: 'google', 'meta-llama': 'meta', meta: 'meta',
  mistralai: 'mistral', mistral: 'mistral', deepseek: 'deepseek', 'deepseek-ai': 'deepseek',
  qwen: 'alibaba', alibaba: 'alibaba', moonshotai: 'moonshot', moonshot: 'moonshot', 'z-ai': 'zhipu',
  zai: 'zhipu', 'zai-org': 'zhipu', thudm: 'zhipu', 'x-ai': 'xai', xai: 'xai', cohere: 'cohere',
  amazon: 'amazon', microsoft: 'microsoft', ai21: 'ai21', nvidia: 'nvidia', perplexity: 'perplexity',
  writer: 'writer', 'ibm-granite': 'ibm', ibm: 'ibm', upstage: 'upstage', minimax: 'minimax',
  minimaxai: 'minimax', baidu: 'baidu', tencent: 'tencent', bytedance: 'bytedance', 'bytedance-seed': 'bytedance',
  '01-ai': '01ai', stepfun: 'stepfun', 'stepfun-ai': 'stepfun', xiaomi: 'xiaomi', meituan: 'meituan',
  kwaipilot: 'kuaishou', inclusionai: 'antgroup', sakana: 'sakana',
  twelvelabs: 'twelvelabs', allenai: 'allenai', 'swiss-ai': 'swiss-ai', 'bsc-lt': 'bsc', hcompany: 'hcompany',
  paddlepaddle: 'baidu', skywork: 'skywork', huggingfaceh4: 'huggingface', sdaia: 'sdaia',
};

/** Model-name patterns -> vendor (tested in order on the normalized name). */
const NAME_VENDOR: Array<[RegExp, string]> = [
  [/^claude/, 'anthropic'],
  [/^(gpt|chatgpt|o1|o3|o4|codex|text-embedding|dall-e|gpt-image|whisper|tts-1|davinci|babbage|omni-moderation|computer-use)/, 'openai'],
  [/^(gemini|gemma|codegemma|imagen|veo|learnlm|palm|chat-bison|text-bison|codechat-bison|lyria|medlm)/, 'google'],
  [/^(deepseek)/, 'deepseek'],
  // `coder-model`: Qwen Code's OAuth alias (portal.qwen.ai), a Qwen model whose version the vendor moves.
  [/^(qwen|qwq|qvq|code-?qwen|coder-model$)/, 'alibaba'],
  [/^(kimi|moonshot)/, 'moonshot'],
  [/^(glm|chatglm|cogview|codegeex|charglm|embedding-3$)/, 'zhipu'],
  [/^ernie/, 'baidu'],
  [/^hunyuan/, 'tencent'],
  [/^(doubao|seed-|ui-tars)/, 'bytedance'],
  [/^(minimax|abab)/, 'minimax'],
  [/^yi-/, '01ai'],
  [/^step-/, 'stepfun'],
  [/^baichuan/, 'baichuan'],
  [/^(sensechat|sensenova)/, 'sensetime'],
  [/^mimo/, 'xiaomi'],
  [/^longcat/, 'meituan'],
  [/^kat-/, 'kuaishou'],
  [/^(ling|ring)-/, 'antgroup'],
  [/^(spark|generalv3|4\.0ultra)/, 'iflytek'],
  [/^grok/, 'xai'],
  [/^(command|c4ai|aya|embed-|rerank-)/, 'cohere'],
  [/^(nova|titan)/, 'amazon'],
  [/^(phi-|mai-)/, 'microsoft'],
  [/^(jamba|j2-)/, 'ai21'],
  [/nemotron/, 'nvidia'],
  [/^(sonar|r1-1776|pplx)/, 'perplexity'],
  [/^palmyra/, 'writer'],
  [/^granite/, 'ibm'],
  [/^solar/, 'upstage'],
  [/^jais/, 'g42'],
  [/^(luminous|pharia)/, 'aleph_alpha'],
  [/^(mistral|mixtral|codestral|mamba-codestral|magistral|devstral|ministral|pixtral|voxtral|open-mistral|open-mixtral|open-codestral)/, 'mistral'],
  [/^pegasus-/, 'twelvelabs'],
  [/^(dbrx|mpt-)/, 'databricks'],
  [/^snowflake-arctic/, 'snowflake'],
  [/^reka-/, 'reka'],
  [/^gigachat/, 'sber'],
  [/^mercury/, 'inception'],
  [/^morph-/, 'morph'],
  [/^v0-\d/, 'vercel'],
  [/^lfm-/, 'liquid'],
  [/^(firefunction|firellava|firesearch)/, 'fireworks'],
  [/^flux-/, 'black-forest-labs'],
  [/^intern(vl|lm)/, 'shanghai-ai-lab'],
  [/^(starcoder|zephyr-)/, 'huggingface'],
  [/^stablecode/, 'stability'],
  [/^pythia-/, 'eleutherai'],
  [/^nous-/, 'nous'],
  [/^(olmo|olmocr)/, 'allenai'],
  [/^apertus/, 'swiss-ai'],
  [/^(salamandra|alia-)/, 'bsc'],
  [/^holo\d/, 'hcompany'],
  [/^sarvam/, 'sarvam'],
  [/^allam/, 'sdaia'],
  [/^(paddleocr|ernie)/, 'baidu'],
  [/^(skywork|r1v4)/, 'skywork'],
  [/llama/, 'meta'],
  [/^hermes/, 'meta'],
];

const BEDROCK_GEO = /^(us-gov|us|eu|apac|au|jp|ca|global)\.(?=[a-z0-9-]+\.)/;
const BEDROCK_ORG = /^(anthropic|amazon|meta|mistral|deepseek|qwen|moonshotai|moonshot|minimax|zai|openai|google|cohere|ai21|writer|nvidia|xai|twelvelabs|stability)\./;
const ROUTE_PREFIXES = new Set(['openrouter', 'bedrock', 'bedrock_converse', 'bedrock_mantle', 'azure', 'azure_ai', 'vertex_ai', 'gemini']);

/**
 * The book route of a Bedrock geographic inference profile. The US profile (us.) keeps the plain
 * 'bedrock-geo' key; the others carry their geo, since their prices differ (Nova on eu. is 30 % above us.).
 */
export function bedrockGeoRoute(geo: string): string {
  return geo === 'us' ? 'bedrock-geo' : `bedrock-geo:${geo}`;
}

const REGION_RE = /^[a-z]{2}(-gov)?-[a-z]+-\d$/;
const VERTEX_REGION_RE = /^[a-z]+-[a-z]+\d+$/;

/** A Bedrock or Vertex route narrowed by the region the export names (hints.geo). */
function withGeoHint(rt: RouteInfo, geo: string | undefined): RouteInfo {
  const g = geo?.trim().toLowerCase();
  if (!g) return rt;
  if (rt.kind === 'bedrock' && rt.priceRoute === 'bedrock' && REGION_RE.test(g)) {
    return g.includes('-gov-') ? route('bedrock', 'bedrock-gov', rt.host, 'us-gov') : route('bedrock', `bedrock@${g}`, rt.host, g);
  }
  if (rt.kind === 'vertex' && rt.priceRoute === 'vertex' && VERTEX_REGION_RE.test(g)) return route('vertex', `vertex@${g}`, rt.host, g);
  return rt;
}

let defaultRegistry: VendorRegistry | null = null;
function registry(r?: VendorRegistry): VendorRegistry {
  if (r) return r;
  defaultRegistry ??= createVendorRegistry();
  return defaultRegistry;
}

function route(kind: RouteKind, priceRoute: string, host: string | null = null, geo: string | null = null): RouteInfo {
  return { kind, host, geo, priceRoute };
}

function routeFromProvider(provider: string | undefined, host: string | undefined): RouteInfo {
  const p = (provider ?? '').toLowerCase();
  if (p === 'openrouter') return route('openrouter', host ? `openrouter:${slug(host)}` : 'openrouter', host ?? 'openrouter');
  if (p === 'aws-bedrock' || p.startsWith('bedrock')) return route('bedrock', 'bedrock', 'aws-bedrock');
  if (p === 'azure-openai' || p === 'azure') return route('azure', 'azure-global', 'azure');
  if (p === 'azure_ai') return route('azure-ai', 'azure-ai', 'azure_ai');
  if (p === 'gcp-vertex' || p.startsWith('vertex_ai')) return route('vertex', 'vertex', 'gcp-vertex');
  if (p === '' || DIRECT_PROVIDERS.has(p)) return route('direct', 'direct', p || null);
  // A coding agent's log (codex-log, gemini-cli-log, ...) and Cursor's usage export name the vendor's own
  // model ids: priced at the vendor's list, unless the log says which host served the call (opencode
  // through OpenRouter, ...). Cursor's own router model (`auto`) has no vendor list (price-fact.ts).
  if (p.endsWith('-log') || p === 'cursor') {
    const h = (host ?? '').toLowerCase();
    return h && h !== p && !h.endsWith('-log') ? routeFromProvider(h, undefined) : route('direct', 'direct', p);
  }
  return route('host', `host:${p}`, p);
}

/** Providers that are a vendor's own first-party API (FactDraft providers and LiteLLM names) -> that vendor. */
const PROVIDER_VENDOR: Record<string, string> = {
  openai: 'openai', 'text-completion-openai': 'openai', chatgpt: 'openai', anthropic: 'anthropic', deepseek: 'deepseek',
  zhipu: 'zhipu', zai: 'zhipu', moonshot: 'moonshot', dashscope: 'alibaba', alibaba: 'alibaba', volcengine: 'bytedance',
  mistral: 'mistral', codestral: 'mistral', 'text-completion-codestral': 'mistral', xai: 'xai', gemini: 'google',
  google: 'google', 'google-ai-studio': 'google', cohere: 'cohere', cohere_chat: 'cohere', minimax: 'minimax',
  baidu: 'baidu', tencent: 'tencent', perplexity: 'perplexity', ai21: 'ai21', amazon_nova: 'amazon', meta_llama: 'meta',
};
/** Direct providers plus log sources that carry the vendor's own ids (priced at the vendor's list). */
const DIRECT_PROVIDERS = new Set([...Object.keys(PROVIDER_VENDOR), 'claude-code-log', 'litellm']);

function slug(s: string): string {
  return s.trim().toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

/**
 * Resolve a raw model string from any export to its canonical id, maker and route.
 * Returns null when the maker cannot be told (synthetic entries, storage meters, unknown ids).
 */
export function resolveModel(
  modelRaw: string,
  hints: ResolveHints = {},
  vendors?: VendorRegistry,
): ResolvedModel | null {
  let s = modelRaw.trim();
  if (!s || s.startsWith('<')) return null;
  let rt = routeFromProvider(hints.provider, hints.host);
  let orgVendor: string | undefined;
  let dropVendorDate = false;

  // Bedrock CUR usage type naming a model id: USW2-qwen.qwen3-next-80b-a3b-instruct-mantle-input-tokens-standard.
  const curId = /^[A-Z]{2,4}\d-([a-z0-9]+\.[\w.:-]+?)(?:-mantle)?-(?:input|output|cache)/.exec(s);
  if (curId) {
    s = curId[1]!;
    rt = route('bedrock', 'bedrock', 'aws-bedrock');
  }

  // Display-name and SKU text (spaces) first: Azure meters, GCP SKUs, Bedrock CUR, Anthropic console.
  if (!curId && (/\s/.test(s) || /-(Inp|Outp|Input|Output)-/i.test(s))) {
    const fromText = parseMeterText(s, rt);
    if (!fromText) return null;
    s = fromText.name;
    rt = fromText.route;
  }

  // AWS ARN -> the model / inference-profile id.
  const arn = /^arn:aws[\w-]*:bedrock:([\w-]*):[^:]*:[\w-]+\/(.+)$/.exec(s);
  if (arn) {
    s = arn[2]!;
    rt = route('bedrock', 'bedrock', 'aws-bedrock', arn[1] || null);
  }

  // Fine-tunes: ft:<base>:<org>::<id>
  const ft = /^ft:([^:]+)/.exec(s);
  if (ft) {
    s = ft[1]!;
    rt = route('fine-tune', 'fine-tune', rt.host, null);
  }

  // Leading "~" marks OpenRouter's moving "latest" alias.
  if (s.startsWith('~')) {
    s = s.slice(1);
    rt = route('openrouter', rt.kind === 'openrouter' ? rt.priceRoute : 'openrouter', rt.host ?? 'openrouter');
  }

  // Path-style ids: route prefixes, LiteLLM hosts, vendor orgs.
  let parts = s.split('/').filter((p) => p !== '');
  while (parts.length > 1) {
    const head = parts[0]!.toLowerCase();
    if (head === 'openrouter') {
      rt = route('openrouter', rt.kind === 'openrouter' ? rt.priceRoute : 'openrouter', rt.host ?? 'openrouter');
      parts = parts.slice(1);
    } else if (head === 'bedrock' || head === 'bedrock_converse' || head === 'bedrock_mantle') {
      rt = route('bedrock', 'bedrock', 'aws-bedrock');
      parts = parts.slice(1);
      if (parts.length > 1 && /^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(parts[0]!)) {
        const region = parts[0]!;
        rt = region.includes('-gov-')
          ? route('bedrock', 'bedrock-gov', 'aws-bedrock', 'us-gov')
          : route('bedrock', `bedrock@${region}`, 'aws-bedrock', region);
        parts = parts.slice(1);
      }
    } else if (head === 'azure') {
      parts = parts.slice(1);
      const zone = parts.length > 1 ? parts[0]!.toLowerCase() : '';
      if (zone === 'eu' || zone === 'us') {
        rt = route('azure', 'azure-datazone', 'azure', 'data-zone');
        parts = parts.slice(1);
      } else if (zone === 'global' || zone === 'global-standard') {
        rt = route('azure', 'azure-global', 'azure', 'global');
        parts = parts.slice(1);
      } else rt = route('azure', 'azure-global', 'azure', rt.geo);
    } else if (head === 'azure_ai') {
      rt = route('azure-ai', 'azure-ai', 'azure_ai');
      parts = parts.slice(1);
    } else if (head === 'vertex_ai' || head.startsWith('vertex_ai-')) {
      rt = route('vertex', 'vertex', 'gcp-vertex');
      parts = parts.slice(1);
    } else if (head === 'gemini') {
      rt = route('direct', 'direct', 'gemini');
      parts = parts.slice(1);
    } else if (ORG_VENDOR[head.replace(/^~/, '')] !== undefined && !(LITELLM_PROVIDERS.has(head) && parts.length > 2)) {
      orgVendor = ORG_VENDOR[head.replace(/^~/, '')];
      // A bare `org/model` with no provider hint is OpenRouter's spelling.
      if (rt.kind === 'direct' && !hints.provider) rt = route('openrouter', 'openrouter', 'openrouter');
      if (rt.kind === 'openrouter' && orgVendor === 'anthropic') dropVendorDate = true;
      parts = parts.slice(1);
      break;
    } else if (LITELLM_PROVIDERS.has(head) || ROUTE_PREFIXES.has(head)) {
      rt = DIRECT_PROVIDERS.has(head) ? route('direct', 'direct', head) : route('host', `host:${head}`, head);
      parts = parts.slice(1);
    } else {
      // Unknown org segment (NousResearch, accounts/fireworks/models...): keep the last segment.
      parts = parts.slice(-1);
    }
  }
  let name = (parts[parts.length - 1] ?? '').trim();

  // OpenRouter variants.
  const variant = /:(free|thinking|online|beta|extended|nitro|floor|exacto)$/i.exec(name);
  if (variant) {
    const v = variant[1]!.toLowerCase();
    // A `:free` variant is billed $0 whoever serves it (the book prices it from the paid model at x0).
    rt = { ...rt, ...(v === 'free' && rt.kind === 'openrouter' ? { priceRoute: 'openrouter-free' } : {}), variant: v };
    name = name.slice(0, variant.index);
  }

  // Bedrock native ids: geo profile, org prefix, version suffix.
  const geo = BEDROCK_GEO.exec(name);
  if (geo) {
    const g = geo[1]!;
    rt =
      g === 'global'
        ? route('bedrock', 'bedrock-global', 'aws-bedrock', 'global')
        : g === 'us-gov'
          ? route('bedrock', 'bedrock-gov', 'aws-bedrock', 'us-gov')
          : route('bedrock', bedrockGeoRoute(g), 'aws-bedrock', g);
    name = name.slice(geo[0].length);
  }
  const org = BEDROCK_ORG.exec(name);
  if (org) {
    if (rt.kind === 'direct' && !hints.provider) rt = route('bedrock', 'bedrock', 'aws-bedrock');
    orgVendor ??= ORG_VENDOR[org[1]!] ?? (org[1] === 'zai' ? 'zhipu' : undefined);
    name = name.slice(org[0].length);
  }
  if (rt.kind === 'bedrock' || org || geo) name = name.replace(/-v\d+(:\d+)?$/, '').replace(/:\d+$/, '');

  // Vertex: name@date / name@default / name@001; Model Garden -maas suffix.
  const at = /@(\w+)$/.exec(name);
  if (at) {
    name = name.slice(0, at.index);
    if (/^\d{8}$/.test(at[1]!)) name = `${name.replace(/-v2$/, '')}-${at[1]}`;
    if (rt.kind === 'direct' && !hints.provider) rt = route('vertex', 'vertex', 'gcp-vertex');
  }
  name = name.replace(/-maas$/i, '');

  let model = canonicalName(name.toLowerCase(), dropVendorDate);
  if (!model) return null;
  // Azure names a model version by month and day ("gpt-4o-mini-0718" is version 2024-07-18).
  if (rt.kind === 'azure') model = azureSnapshot(model);
  rt = withGeoHint(rt, hints.geo);
  const vendor = vendorOf(model, orgVendor);
  if (!vendor) return null;
  // A first-party platform reselling another vendor's model (Tencent TokenHub selling DeepSeek) is a host.
  const seller = rt.kind === 'direct' && rt.host ? PROVIDER_VENDOR[rt.host] : undefined;
  if (seller && seller !== vendor) rt = route('host', `host:${rt.host}`, rt.host);
  return {
    model,
    family: familyOf(model),
    vendor,
    originRegion: registry(vendors).regionOf(vendor),
    route: rt,
  };
}

/** "gpt-4o-mini-0718" -> "gpt-4o-mini-2024-07-18" when the OpenAI snapshot of that month and day is known. */
function azureSnapshot(model: string): string {
  const m = /^(.*)-(\d{4})$/.exec(model);
  const date = m ? KNOWN_SNAPSHOTS[`${m[1]}@${m[2]}`] : undefined;
  return date ? `${m![1]}-${date}` : model;
}

/** Vendor-specific spelling fixes on a lower-case name without route parts. */
function canonicalName(n: string, dropVendorDate: boolean): string {
  n = n.replace(/_/g, '-').replace(/\s+/g, '-');
  // Fireworks-style "4p6" -> "4.6".
  n = n.replace(/(\d)p(\d)/g, '$1.$2');
  if (/claude/.test(n)) return canonicalClaude(n, dropVendorDate);
  n = n.replace(/^meta-(?=llama)/, '');
  const llama = /^llama-?(\d+)(?:[.-](\d+))?(-.*)?$/.exec(n);
  if (llama) n = `llama-${llama[1]}${llama[2] ? '.' + llama[2] : ''}${llama[3] ?? ''}`;
  // Resellers prefix the maker or themselves: databricks-gpt-5, openai-gpt-4o (Gradient, Snowflake), alibaba-qwen3-32b.
  n = n.replace(/^databricks-/, '');
  const org = /^(openai|alibaba|anthropic|google|meta|mistral|deepseek)-(.+)$/.exec(n);
  if (org && NAME_VENDOR.some(([re, v]) => v === (ORG_VENDOR[org[1]!] ?? org[1]) && re.test(org[2]!))) n = org[2]!;
  // Version dots spelled as dashes: gemini-2-5-flash, gpt-5-1.
  n = n.replace(/^(gemini|gpt)-(\d)-(\d)(?=-|$)/, '$1-$2.$3');
  n = n.replace(/^gpt-35-/, 'gpt-3.5-');
  n = n.replace(/^zai-(?=glm)/, '');
  // DeepSeek on OpenRouter: deepseek-chat-v3-0324 -> deepseek-v3-0324; Bedrock deepseek.r1 -> deepseek-r1.
  n = n.replace(/^deepseek-chat-v(\d)/, 'deepseek-v$1');
  if (/^(r1|v3(\.\d)?)(-|$)/.test(n)) n = `deepseek-${n}`;
  // Nova on Bedrock: nova-pro-v1 -> nova-pro.
  n = n.replace(/^(nova-[a-z0-9-]+?)-v\d+$/, '$1');
  return n;
}

const CLAUDE_TIERS = ['opus', 'sonnet', 'haiku', 'instant'];

function canonicalClaude(n: string, dropVendorDate: boolean): string {
  const m = /claude-?(.*)$/.exec(n);
  if (!m) return n;
  const tokens = m[1]!.split(/[-.]/).filter(Boolean);
  let tier: string | undefined;
  const version: string[] = [];
  let date: string | undefined;
  const rest: string[] = [];
  for (const t of tokens) {
    if (CLAUDE_TIERS.includes(t) && !tier) tier = t;
    else if (/^\d{8}$/.test(t)) date = t;
    else if (/^\d{1,2}$/.test(t) && !date && rest.length === 0) version.push(t);
    else if (t === 'v2' || t === 'latest' || t === 'v1') {
      if (t === 'latest') rest.push(t);
    } else rest.push(t);
  }
  if (!tier) return n;
  const major = Number(version[0] ?? '0');
  const v = version.join('-');
  let id = version.length === 0 ? `claude-${tier}` : major >= 4 ? `claude-${tier}-${v}` : `claude-${v}-${tier}`;
  if (rest.length) id += `-${rest.join('-')}`;
  if (date && !dropVendorDate) id += `-${date}`;
  return id;
}

/** The id without its snapshot date: gpt-4o-2024-08-06 -> gpt-4o, claude-sonnet-4-20250514 -> claude-sonnet-4. */
export function familyOf(model: string): string {
  return model
    .replace(/-\d{4}-\d{2}-\d{2}$/, '')
    .replace(/-(19|20)\d{6}$/, '')
    .replace(/-(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, '')
    .replace(/-(2[3-9])(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])$/, '')
    .replace(/-(2[3-9])(0[1-9]|1[0-2])$/, '')
    .replace(/-latest$/, '');
}

function vendorOf(model: string, orgVendor: string | undefined): string | undefined {
  for (const [re, vendor] of NAME_VENDOR) if (re.test(model)) return vendor;
  return orgVendor;
}

/** Azure meter names, GCP SKU descriptions, Bedrock CUR usage types and console display names. */
function parseMeterText(text: string, rt: RouteInfo): { name: string; route: RouteInfo } | null {
  const t = text.trim();
  // GCP SKU: "... gemini 2.5 flash lite ...", "Gemini 2.5 Flash Native Image Generation".
  const gem = /gemini[\s-]+(\d+(?:\.\d+)?)[\s-]+(pro|flash[\s-]+lite|flash)(?:[\s-]+(native[\s-]+image))?/i.exec(t);
  if (gem) {
    const variant = gem[2]!.toLowerCase().replace(/\s+/, '-');
    const name = `gemini-${gem[1]}-${variant}${gem[3] ? '-image' : ''}`;
    return { name, route: rt.kind === 'direct' && /predictions|caching/i.test(t) ? route('vertex', 'vertex', 'gcp-vertex') : rt };
  }
  // Bedrock CUR usage type: USW2-Claude4.5Sonnet-input-tokens, USE1-NovaLite-input-tokens.
  const cur = /^[A-Z]{2,4}\d?-(Claude[\d.]*(?:Sonnet|Opus|Haiku)[\d.]*|Nova[A-Z][a-z]+)-/.exec(t);
  if (cur) {
    const c = cur[1]!;
    const geo = /cross-region-global/i.test(t) ? route('bedrock', 'bedrock-global', 'aws-bedrock', 'global') : route('bedrock', 'bedrock', 'aws-bedrock');
    if (c.startsWith('Nova')) return { name: `nova-${c.slice(4).toLowerCase()}`, route: geo };
    const m = /^Claude([\d.]*)(Sonnet|Opus|Haiku)([\d.]*)$/.exec(c)!;
    return { name: `claude-${m[2]!.toLowerCase()}-${(m[1] || m[3] || '').replace('.', '-')}`, route: geo };
  }
  // Azure meter: "gpt 4o 0513 Input global Tokens", "gpt-4o-mini-0718-Batch-Inp-glbl Tokens", "GPT 5 Inpt Glbl".
  const az = /^(.*?)[\s-]+(?:(?:cached|batch)[\s-]+)*(?:inp|inpt|input|outp|output)\b[\s-]*(.*)$/i.exec(t);
  if (az && !/^claude/i.test(t)) {
    const scope = az[2]!.toLowerCase();
    const isAzure = rt.kind === 'azure' || /glbl|global|data[\s-]*zone|dzone|regional/.test(scope);
    const azureRoute = !isAzure
      ? rt
      : /data[\s-]*zone|dzone/.test(scope)
      ? route('azure', 'azure-datazone', 'azure', 'data-zone')
      : /regional/.test(scope)
        ? route('azure', 'azure-regional', 'azure', 'regional')
        : route('azure', 'azure-global', 'azure', 'global');
    let words = az[1]!.toLowerCase().replace(/[\s-]+(cached|batch)$/g, '').replace(/[\s-]+(cached|batch)$/g, '').split(/[\s-]+/);
    if (words[0] === 'r1') words = ['deepseek', 'r1'];
    const last = words[words.length - 1]!;
    let name: string;
    if (/^\d{4}$/.test(last)) {
      const base = words.slice(0, -1).join('-').replace(/^gpt-(\d)/, 'gpt-$1').replace(/^gpt-35/, 'gpt-3.5');
      const date = KNOWN_SNAPSHOTS[`${base}@${last}`];
      name = date ? `${base}-${date}` : `${base}-${last}`;
    } else name = words.join('-');
    name = name.replace(/^gpt-(\d)-(\d)(?=-|$)/, 'gpt-$1.$2');
    return { name, route: azureRoute };
  }
  // Console display names: "Claude Sonnet 4", "Claude Haiku 3.5", "Claude Opus 4.1".
  const cl = /^claude\s+(?:(opus|sonnet|haiku|instant)\s+([\d.]+)|([\d.]+)\s+(opus|sonnet|haiku|instant))/i.exec(t);
  if (cl) {
    const tier = (cl[1] ?? cl[4]!).toLowerCase();
    const version = cl[2] ?? cl[3]!;
    const r = /cross-region-global|global cross-region/i.test(t) ? route('bedrock', 'bedrock-global', 'aws-bedrock', 'global') : rt;
    return { name: `claude-${tier}-${version}`, route: r };
  }
  // "GLM-4.5-Air" style names with no spaces never reach here; other prose is not a model.
  return null;
}

// ---- the model a report shows ---------------------------------------------------------------------

export { SERVED_ALIASES, type ServedAlias } from './served-aliases';

const servedById = new Map<string, ServedAlias[]>();
for (const a of SERVED_ALIASES) servedById.set(a.servedId, [...(servedById.get(a.servedId) ?? []), a]);

/**
 * The model a report groups a fact under: a dated snapshot folds into the alias it was served under on
 * the fact's day (`gpt-5-2025-08-07` on 2025-09-03 is `gpt-5`); a snapshot pinned after its alias moved
 * on (`gpt-4o-2024-05-13` in 2025) stays itself, as does every id the catalog has no alias for.
 */
export function reportModel(model: string, day: string): string {
  for (const a of servedById.get(model) ?? []) if (day >= a.from && (a.until === null || day < a.until)) return a.model;
  return model;
}
