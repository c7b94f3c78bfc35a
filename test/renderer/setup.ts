import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/methods';
import { allHandlers } from '../../electron/engine/handlers';

// The engine loads a noun's handlers on the first call of one of its methods. Here that first load is
// vitest transforming the feature's sources, which must not eat into a screen's findBy timeout: load them all first.
beforeAll(async () => {
  await allHandlers(METHOD_NAMES);
}, 120_000);

afterEach(() => {
  cleanup();
  window.location.hash = '';
});
