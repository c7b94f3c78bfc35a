import type { Command } from '../command';
import { demoCommand } from './demo';
import { importCommand, importsCommand } from './import';
import { reportCommand } from './report';
import { serveCommand } from './serve';
import { callCommand } from './call';

/** Every subcommand, in the order `--help` lists them. */
export const commands: readonly Command[] = [importCommand, importsCommand, reportCommand, demoCommand, serveCommand, callCommand];
