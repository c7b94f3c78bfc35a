/**
 * `npm run bench -- team-dims`: what the team's dimensions cost a rebuild of the derived tables. Every
 * rollup and tip cell row is keyed by member and machine, which are lookups per fact (ledger/team-dims.ts:
 * the fact's batch's machine, else this ledger's; the fact's member, else its machine's). The same
 * rebuild of the same synthetic ledger (BENCH_FACTS, default 300000; every member left to its machine,
 * the dearest case) runs with those lookups, and with each replaced by a plain column read of the fact,
 * alternately, in the same run: the ratio is the lookups' share.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Bench } from './run';
import { generate } from './queries';
import { createEngine } from '../electron/engine';
import { transaction, type WritableDb } from '../electron/engine/ledger/db';
import { rebuildDerived } from '../electron/engine/ledger/derived';
import { factMachineSql, factMemberSql } from '../electron/engine/ledger/team-dims';

/** Rebuild with every statement's team lookups swapped for column reads of the fact (the reference). */
function withoutLookups(db: WritableDb, fn: () => void): void {
  const member = factMemberSql().text;
  const machine = factMachineSql().text;
  const prepare = db.prepare.bind(db);
  (db as { prepare: unknown }).prepare = (text: string) => prepare(text.replaceAll(member, 'f.member').replaceAll(machine, 'f.format'));
  try {
    fn();
  } finally {
    (db as { prepare: unknown }).prepare = prepare;
  }
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export const bench: Bench = {
  name: 'team-dims',
  summary: 'a rebuild of the rollups and tip cells with the member/machine lookups per fact vs the same rebuild reading plain columns',
  async run() {
    const n = Number(process.env.BENCH_FACTS ?? '300000');
    const dir = mkdtempSync(join(tmpdir(), 'tokenledger-bench-team-'));
    try {
      const path = join(dir, 'ledger.sqlite');
      generate(path, n);
      const engine = createEngine({ dbPath: path });
      const db = engine.ctx.db;
      // Agent logs name no member: every fact's member is its machine's.
      transaction(db, () => {
        db.exec('UPDATE usage_facts SET member = NULL');
        db.exec(`INSERT INTO settings (key, value) VALUES ('team.machineId', '"bench-machine"') ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
        db.exec(`INSERT INTO machine_members (machine_id, member) VALUES ('bench-machine', 'ada') ON CONFLICT (machine_id) DO UPDATE SET member = excluded.member`);
      });
      const rebuild = () => transaction(db, () => rebuildDerived(db));
      rebuild(); // warm the page cache
      const withL: number[] = [];
      const without: number[] = [];
      for (let i = 0; i < 3; i++) {
        let t = performance.now();
        rebuild();
        withL.push(performance.now() - t);
        t = performance.now();
        withoutLookups(db, rebuild);
        without.push(performance.now() - t);
      }
      rebuild(); // leave the real rows
      engine.close();
      const a = median(withL);
      const b = median(without);
      console.log(`${n} facts: rebuild with team lookups ${a.toFixed(0)} ms, reading plain columns ${b.toFixed(0)} ms: ratio ${(a / b).toFixed(3)} (lookups ${(((a - b) / b) * 100).toFixed(1)} % of the rebuild)`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
