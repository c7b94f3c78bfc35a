/** Every test file: what its tests made outside a running test (test/helpers/tmp.ts) is undone at its end. */
import { afterAll } from 'vitest';
import { runFileCleanups } from './tmp';

afterAll(runFileCleanups);
