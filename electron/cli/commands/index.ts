import type { CommandEntry } from '../command';

/**
 * Every subcommand, in the order `--help` lists them. A command's module (and what it imports) loads
 * only when that command runs, so `tokenledger --help` reads this table alone.
 */
export const commands: readonly CommandEntry[] = [
  { name: 'import', summary: 'Import provider exports (files or folders) in one transaction; --dry-run previews', load: async () => (await import('./import')).importCommand },
  { name: 'imports', summary: 'History of import batches; undo a batch', load: async () => (await import('./import')).importsCommand },
  { name: 'mappings', summary: 'Column mappings for CSV exports no built-in format reads: list, add from a sample file, remove', load: async () => (await import('./mappings')).mappingsCommand },
  { name: 'watch', summary: "Keep the coding agents' logs imported as they are written (one live summary line)", load: async () => (await import('./agents')).watchCommand },
  { name: 'report', summary: 'Totals of the ledger, or a grouping by model, vendor, region, project... (the dashboard’s figures)', load: async () => (await import('./report')).reportCommand },
  { name: 'blocks', summary: "Five-hour usage blocks of the agents' calls, with the active block's burn rate and projection", load: async () => (await import('./agent-views')).blocksCommand },
  { name: 'statusline', summary: "One line for Claude Code's status line: today's, this block's and this session's cost", load: async () => (await import('./agent-views')).statuslineCommand },
  { name: 'prices', summary: 'The price book: list, show and history of a model, overrides, loading a price source', load: async () => (await import('./prices')).pricesCommand },
  { name: 'fx', summary: 'FX rates: list, set or unset a rate per USD from a day, import a CSV of rates', load: async () => (await import('./fx')).fxCommand },
  { name: 'vendors', summary: "Vendors and their origin region: list, set a vendor's region, reset it to the built-in one", load: async () => (await import('./vendors')).vendorsCommand },
  { name: 'names', summary: 'Display names for projects, keys, members and accounts: list, set, remove', load: async () => (await import('./names')).namesCommand },
  { name: 'plan', summary: "Say whether a tool's usage is included in your plan (notional) or pay-as-you-go (spend)", load: async () => (await import('./plans')).planCommand },
  { name: 'export', summary: 'Export the spend of any range as a FOCUS 1.2 dataset (CSV or Parquet) for a warehouse', load: async () => (await import('./export')).exportCommand },
  { name: 'bundle', summary: "Share this machine's ledger with the team: export a bundle, merge the others', list, undo", load: async () => (await import('./team')).bundleCommand },
  { name: 'team', summary: "This machine's member, name and shared team folder", load: async () => (await import('./team')).teamCommand },
  { name: 'review', summary: "A month's review pack: a PDF (totals, daily chart, tables) and one CSV per table", load: async () => (await import('./review')).reviewCommand },
  { name: 'close', summary: 'Close a month (later imports into it are held for confirmation); list, accept or discard holds', load: async () => (await import('./close')).closeCommand },
  { name: 'reopen', summary: 'Open a closed month again', load: async () => (await import('./close')).reopenCommand },
  { name: 'budgets', summary: 'Budgets: list, add, remove, import/export the team file, check (exit 1 over, 2 projected over)', load: async () => (await import('./budgets')).budgetsCommand },
  { name: 'tips', summary: 'Efficiency tips for a month, each with its saving in money and its evidence', load: async () => (await import('./tips')).tipsCommand },
  { name: 'demo', summary: "Load a generated demo (a team's last three months and this one) into a demo ledger, or remove it", load: async () => (await import('./demo')).demoCommand },
  { name: 'serve', summary: 'Serve the dashboard and the API to a browser on 127.0.0.1 (access token in the URL)', load: async () => (await import('./serve')).serveCommand },
  { name: 'call', summary: 'Call any API method with a JSON input and print its JSON answer (for scripts)', load: async () => (await import('./call')).callCommand },
];
