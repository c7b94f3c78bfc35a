/**
 * The call the window's first screen makes (the Overview of the current month): the page's early script
 * (renderer/public/early-overview.js) sends it before the app has loaded, and the hosts start answering it
 * as the window opens (electron/engine/first-answer.ts). Its input as the screen sends it, JSON and all.
 */
export const FIRST_SCREEN_CALL = { method: 'report.overview', input: { quick: true } } as const;
