import { METHOD_NAMES } from '../../../shared/contract/methods';
import type { Command } from '../command';
import { CliError } from '../errors';

/** Any contract method from a script: `tokenledger call report.totals '{"from":"2025-09-01"}'`. */
export const callCommand: Command = {
  usage: "call <method> ['<json input>']",
  help: `  <method>    one of: ${METHOD_NAMES.join(', ')}
  <json>      the method's input object (default {})`,
  helpValues: { methods: METHOD_NAMES.join(', ') },
  allowPositionals: true,
  async run({ positionals }, ctx) {
    const [method, json = '{}'] = positionals;
    if (!method) throw new CliError('errors.call.needsMethod');
    let input: unknown;
    try {
      input = JSON.parse(json) as unknown;
    } catch (err) {
      throw new CliError('errors.call.notJson', { detail: (err as Error).message });
    }
    const api = await ctx.api();
    const value = await api.call(method as never, input as never);
    ctx.io.out(JSON.stringify(value, null, 2));
    return 0;
  },
};
