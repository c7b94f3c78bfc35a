/** The window's routes: a screen and its parameters in the URL hash (`#/explore?by=model`). */
export const SCREENS = ['overview', 'explore', 'agents', 'reconcile', 'imports', 'budgets', 'tips', 'prices', 'settings'] as const;
export type Screen = (typeof SCREENS)[number];

export interface Route {
  screen: Screen;
  params: URLSearchParams;
}

export function parseRoute(hash: string): Route {
  const [path = '', query = ''] = hash.replace(/^#\/?/, '').split('?');
  const screen = (SCREENS as readonly string[]).includes(path) ? (path as Screen) : 'overview';
  return { screen, params: new URLSearchParams(query) };
}

export function routeHash(screen: Screen, params?: Record<string, string>): string {
  const q = params ? new URLSearchParams(params).toString() : '';
  return `#/${screen}${q ? `?${q}` : ''}`;
}

export function navigate(screen: Screen, params?: Record<string, string>): void {
  window.location.hash = routeHash(screen, params);
}
