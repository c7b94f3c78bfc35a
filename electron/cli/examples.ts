/** Examples shown at the end of each command's --help: what people type first. */
export const EXAMPLES: Record<string, readonly string[]> = {
  import: ['tokenledger import ~/Downloads/openai-costs.json', 'tokenledger import exports/ --dry-run', 'tokenledger import --agents --yes'],
  imports: ['tokenledger imports list', 'tokenledger imports undo 12'],
  watch: ['tokenledger watch --interval 30'],
  report: [
    'tokenledger report --from 2025-09-01 --to 2025-09-30',
    'tokenledger report --by vendor,model --bucket month',
    'tokenledger report --by project --filter region=CN --currency CNY',
    'tokenledger report reconcile --month 2025-09',
  ],
  tips: ['tokenledger tips', 'tokenledger tips --period 2025-09 --json'],
  budgets: [
    'tokenledger budgets list',
    'tokenledger budgets add --name "China vendors" --amount 300 --currency USD --region CN',
    'tokenledger budgets check   # exit 1 when a budget is over, 2 when one is forecast to be',
  ],
  prices: ['tokenledger prices list --search gpt-4o', 'tokenledger prices show deepseek-chat', 'tokenledger prices set my-model --input 0.5 --output 1.5 --currency USD --from 2025-09-01'],
  fx: ['tokenledger fx list --currency CNY', 'tokenledger fx set CNY 7.12 --from 2025-09-01'],
  vendors: ['tokenledger vendors list --region CN', 'tokenledger vendors set-region mistral EU'],
  names: ['tokenledger names list member --values', 'tokenledger names set project proj_abc123 "Checkout web"'],
  demo: ['tokenledger demo', 'tokenledger demo --remove'],
  serve: ['tokenledger serve --demo', 'tokenledger serve --port 8787 --watch-agents'],
  call: ["tokenledger call report.totals '{\"from\":\"2025-09-01\"}'"],
};
