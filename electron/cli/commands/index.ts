import type { Command } from '../command';
import { watchCommand } from './agents';
import { budgetsCommand } from './budgets';
import { demoCommand } from './demo';
import { importCommand, importsCommand } from './import';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { callCommand } from './call';
import { pricesCommand } from './prices';
import { fxCommand } from './fx';
import { vendorsCommand } from './vendors';
import { tipsCommand } from './tips';
import { namesCommand } from './names';
import { bundleCommand, teamCommand } from './team';
import { planCommand } from './plans';
import { blocksCommand, statuslineCommand } from './agent-views';

/** Every subcommand, in the order `--help` lists them. */
export const commands: readonly Command[] = [importCommand, importsCommand, watchCommand, reportCommand, blocksCommand, statuslineCommand, pricesCommand, fxCommand, vendorsCommand, namesCommand, planCommand, bundleCommand, teamCommand, budgetsCommand, tipsCommand, demoCommand, serveCommand, callCommand];
