/**
 * Where coding agents keep their logs on Linux, macOS and Windows, and what is there now.
 *
 * `agentRoots` is pure (platform, home folder and environment in, folders out) so every platform's
 * rules are tested on any machine; `findAgentLogs` walks the roots that exist and keeps only the files
 * each tool's importer reads (never an agent's settings, credentials or caches beside them: a Codex
 * home also holds auth.json and config.toml).
 */
import { readdir, stat } from 'node:fs/promises';
import { join, posix, win32 } from 'node:path';
import type { AgentLocation, AgentTool } from '../../../shared/contract/api/agents';

export interface AgentEnv {
  platform: NodeJS.Platform;
  home: string;
  env: Record<string, string | undefined>;
}

export interface AgentRoot {
  tool: AgentTool;
  /** The folder searched. */
  root: string;
  /** Which files under it are the tool's logs (path relative to the root, '/'-separated). */
  accept: RegExp;
}

export const AGENT_LABELS: Record<AgentTool, string> = {
  'claude-code': 'Claude Code',
  codex: 'Codex CLI / Desktop',
  'gemini-cli': 'Gemini CLI',
  opencode: 'opencode',
  'kilo-cli': 'Kilo CLI',
  'qwen-code': 'Qwen Code',
  cline: 'Cline',
  'roo-code': 'Roo Code',
  'kilo-code': 'Kilo Code',
  'copilot-cli': 'GitHub Copilot CLI',
};

/** VS Code and its forks, whose user-data folder holds the Cline / Roo / Kilo Code task folders. */
const VSCODE_FORKS = ['Code', 'Code - Insiders', 'Cursor', 'Windsurf', 'VSCodium'];
const EXTENSIONS: Array<[AgentTool, string]> = [
  ['cline', 'saoudrizwan.claude-dev'],
  ['roo-code', 'rooveterinaryinc.roo-cline'],
  ['kilo-code', 'kilocode.kilo-code'],
];

/** A comma-separated list of folders (CLAUDE_CONFIG_DIR, CODEX_HOME may list several); empty -> none. */
function listVar(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/** The folders to search, in order, each once. */
export function agentRoots({ platform, home, env }: AgentEnv): AgentRoot[] {
  const p = platform === 'win32' ? win32 : posix;
  const j = (...parts: string[]) => p.join(...parts);
  const out: AgentRoot[] = [];
  const add = (tool: AgentTool, root: string, accept: RegExp) => {
    if (!out.some((r) => r.tool === tool && r.root === root)) out.push({ tool, root, accept });
  };
  const xdgConfig = env.XDG_CONFIG_HOME || j(home, '.config');
  const xdgData = env.XDG_DATA_HOME || j(home, '.local', 'share');

  // Claude Code: CLAUDE_CONFIG_DIR (a list) replaces the defaults, ~/.config/claude and ~/.claude.
  const claudeDirs = listVar(env.CLAUDE_CONFIG_DIR);
  for (const d of claudeDirs.length > 0 ? claudeDirs : [j(xdgConfig, 'claude'), j(home, '.claude')]) add('claude-code', j(d, 'projects'), /\.jsonl$/);

  // Codex: ${CODEX_HOME:-~/.codex}/sessions/Y/M/D/rollout-*.jsonl and archived_sessions/rollout-*.jsonl.
  const codexHomes = listVar(env.CODEX_HOME);
  for (const d of codexHomes.length > 0 ? codexHomes : [j(home, '.codex')]) {
    add('codex', j(d, 'sessions'), /(?:^|\/)rollout-[^/]*\.jsonl$/);
    add('codex', j(d, 'archived_sessions'), /^rollout-[^/]*\.jsonl$/);
  }

  // Gemini CLI: ~/.gemini/tmp/<project hash>/chats/ (sessions, and sub-agents one folder down).
  add('gemini-cli', j(home, '.gemini', 'tmp'), /^[^/]+\/chats\/(?:[^/]+\/)?[^/]+\.jsonl?$/);

  // opencode: ${OPENCODE_DATA_DIR:-$XDG_DATA_HOME/opencode} (opencode*.db, and the older JSON store); Kilo CLI beside it.
  const opencodeData = env.OPENCODE_DATA_DIR || j(xdgData, 'opencode');
  add('opencode', opencodeData, /^(?:opencode[\w.-]*\.db|storage\/(?:session|message|part)\/.+\.json)$/);
  add('kilo-cli', j(xdgData, 'kilo'), /^kilo[\w.-]*\.db$/);

  // Qwen Code: ~/.qwen/projects/<project>/chats/*.jsonl, and the older ~/.qwen/tmp/<hash>/chats/*.json.
  add('qwen-code', j(home, '.qwen', 'projects'), /^[^/]+\/chats\/[^/]+\.jsonl$/);
  add('qwen-code', j(home, '.qwen', 'tmp'), /^[^/]+\/chats\/[^/]+\.json$/);

  // Cline / Roo Code / Kilo Code: <user data>/User/globalStorage/<extension id>/tasks/<taskId>/.
  const userData =
    platform === 'win32'
      ? VSCODE_FORKS.map((f) => j(env.APPDATA || j(home, 'AppData', 'Roaming'), f))
      : platform === 'darwin'
        ? VSCODE_FORKS.map((f) => j(home, 'Library', 'Application Support', f))
        : VSCODE_FORKS.map((f) => j(xdgConfig, f));
  userData.push(j(home, '.vscode-server', 'data'));
  for (const u of userData) {
    for (const [tool, ext] of EXTENSIONS) add(tool, j(u, 'User', 'globalStorage', ext, 'tasks'), /^[^/]+\/(?:ui_messages|api_conversation_history|task_metadata)\.json$/);
  }

  // GitHub Copilot CLI: ~/.copilot/session-state/<sessionId>/events.jsonl (older: history-session-state/).
  for (const d of ['session-state', 'history-session-state']) add('copilot-cli', j(home, '.copilot', d), /^(?:[^/]+\/events\.jsonl|[^/]+\.jsonl)$/);
  return out;
}

async function walk(root: string, rel: string, accept: RegExp, out: Array<{ path: string; bytes: number; mtimeMs: number }>): Promise<void> {
  let entries;
  try {
    entries = await readdir(join(root, ...rel.split('/')), { withFileTypes: true });
  } catch {
    return; // a folder that vanished or cannot be read: nothing found there
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) await walk(root, r, accept, out);
    else if (e.isFile() && accept.test(r)) {
      const path = join(root, ...r.split('/'));
      try {
        const st = await stat(path);
        out.push({ path, bytes: st.size, mtimeMs: st.mtimeMs });
      } catch {
        // gone between readdir and stat
      }
    }
  }
}

export interface FoundLogs {
  locations: Array<AgentLocation & { paths: string[] }>;
  searched: string[];
}

/** The agents' log files now on disk, per folder searched (folders without any file are left out). */
export async function findAgentLogs(agentEnv: AgentEnv): Promise<FoundLogs> {
  const roots = agentRoots(agentEnv);
  const locations: FoundLogs['locations'] = [];
  for (const r of roots) {
    const files: Array<{ path: string; bytes: number; mtimeMs: number }> = [];
    await walk(r.root, '', r.accept, files);
    if (files.length === 0) continue;
    const newest = Math.max(...files.map((f) => f.mtimeMs));
    locations.push({
      id: `${r.tool}:${r.root}`,
      tool: r.tool,
      label: AGENT_LABELS[r.tool],
      folder: r.root,
      files: files.length,
      bytes: files.reduce((s, f) => s + f.bytes, 0),
      modifiedAt: new Date(newest).toISOString(),
      paths: files.map((f) => f.path),
    });
  }
  return { locations, searched: roots.map((r) => r.root) };
}
