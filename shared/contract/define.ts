import type { z } from 'zod';

/** A contract method: its input schema and (as a phantom) its output type. */
export interface MethodSpec<I extends z.ZodType, O> {
  input: I;
  /** Never read at run time: carries the output type. */
  readonly output?: O;
  /** One sentence for docs and `--help`. */
  summary: string;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I, summary: string): MethodSpec<I, O> => ({ input, summary });
}
