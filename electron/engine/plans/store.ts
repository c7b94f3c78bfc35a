/** usage_plans: the user's word on how each tool's (and account's) usage is paid. */
import type { PlanAccount, PlanTool, UsagePlan, UsagePlanSetting } from '../../../shared/contract/api/plans';
import { all, get, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';

export function listPlanSettings(db: ReadableDb): UsagePlanSetting[] {
  return all<{ tool: string; account: string; plan: UsagePlan }>(db, sql`SELECT provider AS tool, account, plan FROM usage_plans ORDER BY provider, account`).map(
    (r) => ({ tool: r.tool, account: r.account === '' ? null : r.account, plan: r.plan }),
  );
}

/** Providers whose usage no bill of their own states (from the wide rollup), most facts first, with their accounts. */
export function planTools(db: ReadableDb): PlanTool[] {
  const tools = all<Omit<PlanTool, 'accounts'>>(
    db,
    sql`SELECT r.provider AS tool, r.facts AS facts, p.plan AS plan
        FROM (SELECT provider, sum(facts) AS facts FROM rollup_daily GROUP BY provider HAVING sum(billed_nano) IS NULL) r
        LEFT JOIN usage_plans p ON p.provider = r.provider AND p.account = ''
        ORDER BY r.facts DESC, r.provider`,
  );
  const accounts = all<PlanAccount & { tool: string }>(
    db,
    sql`SELECT r.provider AS tool, r.account AS account, r.facts AS facts, p.plan AS plan
        FROM (SELECT provider, account, sum(facts) AS facts FROM rollup_daily WHERE account IS NOT NULL AND account <> '' GROUP BY provider, account) r
        LEFT JOIN usage_plans p ON p.provider = r.provider AND p.account = r.account
        ORDER BY r.facts DESC, r.account`,
  );
  return tools.map((t) => ({ ...t, accounts: accounts.filter((a) => a.tool === t.tool).map(({ account, facts, plan }) => ({ account, facts, plan })) }));
}

export function putPlan(db: WritableDb, tool: string, account: string | null, plan: UsagePlan | null, now: number): boolean {
  if (plan === null) return run(db, sql`DELETE FROM usage_plans WHERE provider = ${tool} AND account = ${account ?? ''}`).changes > 0;
  return (
    run(
      db,
      sql`INSERT INTO usage_plans (provider, account, plan, updated_at) VALUES (${tool}, ${account ?? ''}, ${plan}, ${now})
          ON CONFLICT (provider, account) DO UPDATE SET plan = excluded.plan, updated_at = excluded.updated_at WHERE plan <> excluded.plan`,
    ).changes > 0
  );
}

/** Whether the ledger holds facts of this tool (and account): a day at a time (the facts' index leads with the day). */
export function toolInLedger(db: ReadableDb, tool: string, account: string | null): boolean {
  const acc = account === null ? sql.raw('1 = 1') : sql`account = ${account}`;
  return get(db, sql`SELECT 1 AS x FROM ledger_days d WHERE EXISTS (SELECT 1 FROM usage_facts WHERE day = d.day AND provider = ${tool} AND ${acc}) LIMIT 1`) !== undefined;
}

/** The UTC days that hold facts of this tool (and account): the days whose figures a setting moves. */
export function toolDays(db: ReadableDb, tool: string, account: string | null): string[] {
  const acc = account === null ? sql.raw('1 = 1') : sql`account = ${account}`;
  return all<{ day: string }>(db, sql`SELECT d.day FROM ledger_days d WHERE EXISTS (SELECT 1 FROM usage_facts WHERE day = d.day AND provider = ${tool} AND ${acc})`).map((r) => r.day);
}
