import { cleanup } from '@testing-library/react';
import { afterEach, beforeAll } from 'vitest';
import { METHOD_NAMES } from '../../shared/contract/methods';
import { allHandlers } from '../../electron/engine/handlers';
import { loadScreens } from '../../renderer/src/app/routes';
import { loadCharts } from '../../renderer/src/ui/chart';

// The engine loads a noun's handlers on the first call of one of its methods. Here that first load is
// vitest transforming the feature's sources, which must not eat into a screen's findBy timeout: load them all first.
// So with the window's screens and charts, which it also loads when first shown.
beforeAll(async () => {
  await Promise.all([allHandlers(METHOD_NAMES), loadScreens(), loadCharts()]);
}, 120_000);

afterEach(() => {
  cleanup();
  window.location.hash = '';
});
