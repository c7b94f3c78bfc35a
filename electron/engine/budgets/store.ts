/** Budgets: the stored definitions (one JSON definition per row, validated on the way in and out). */
import { budgetDefinitionSchema, type BudgetDefinition } from '../../../shared/domain/budgets/budget';
import { all, run, type ReadableDb, type WritableDb } from '../ledger/db';
import { sql } from '../ledger/sql';
import { dropBudgetCache } from './cache-store';

export interface StoredBudget {
  id: number;
  definition: BudgetDefinition;
  createdAt: number;
  updatedAt: number;
}

interface BudgetRow {
  id: number;
  definition: string;
  created_at: number;
  updated_at: number;
}

function rowToBudget(r: BudgetRow): StoredBudget {
  return { id: r.id, definition: budgetDefinitionSchema.parse(JSON.parse(r.definition)), createdAt: r.created_at, updatedAt: r.updated_at };
}

export function listBudgets(db: ReadableDb): StoredBudget[] {
  return all<BudgetRow>(db, sql`SELECT id, definition, created_at, updated_at FROM budgets ORDER BY name COLLATE NOCASE, id`).map(rowToBudget);
}

export function getBudget(db: ReadableDb, id: number): StoredBudget | null {
  const r = all<BudgetRow>(db, sql`SELECT id, definition, created_at, updated_at FROM budgets WHERE id = ${id}`)[0];
  return r ? rowToBudget(r) : null;
}

export function findBudgetByName(db: ReadableDb, name: string): StoredBudget | null {
  const r = all<BudgetRow>(db, sql`SELECT id, definition, created_at, updated_at FROM budgets WHERE name = ${name} ORDER BY id LIMIT 1`)[0];
  return r ? rowToBudget(r) : null;
}

export function insertBudget(db: WritableDb, def: BudgetDefinition, now: number): number {
  const d = budgetDefinitionSchema.parse(def);
  return Number(run(db, sql`INSERT INTO budgets (name, definition, created_at, updated_at) VALUES (${d.name}, ${JSON.stringify(d)}, ${now}, ${now})`).lastInsertRowid);
}

export function updateBudget(db: WritableDb, id: number, def: BudgetDefinition, now: number): boolean {
  const d = budgetDefinitionSchema.parse(def);
  return run(db, sql`UPDATE budgets SET name = ${d.name}, definition = ${JSON.stringify(d)}, updated_at = ${now} WHERE id = ${id}`).changes > 0;
}

export function deleteBudget(db: WritableDb, id: number): boolean {
  dropBudgetCache(db, id);
  return run(db, sql`DELETE FROM budgets WHERE id = ${id}`).changes > 0;
}
