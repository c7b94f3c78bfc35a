/**
 * The window's build (electron.vite.config.ts): index.html names the chart's chunks (the charts' own module and
 * the chunks it imports, recharts among them) in `<meta name="chart-chunks">`, so the window can ask for them
 * without running them (`renderer/src/ui/chart.tsx` prefetchCharts: `prefetch` links) before it asks the
 * engine for the Overview's other cards; their names carry the build's hashes, which the code does not know.
 */
import type { Plugin } from 'vite';

/** The module whose chunk is the charts'. */
const CHARTS = /[\\/]renderer[\\/]src[\\/]ui[\\/]stacked-bars\.tsx$/;

export function chartChunkNames(): Plugin {
  return {
    name: 'token-ledger:chart-chunks',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(_html, ctx) {
        const chunks = Object.values(ctx.bundle ?? {});
        const charts = chunks.find((c) => c.type === 'chunk' && c.facadeModuleId != null && CHARTS.test(c.facadeModuleId));
        if (charts?.type !== 'chunk') throw new Error('chart-chunks: no chunk for renderer/src/ui/stacked-bars.tsx in the build');
        // Less the chunks the page has already run: the entry and what it imports.
        const loaded = new Set<string>();
        const visit = (file: string) => {
          const chunk = ctx.bundle![file];
          if (loaded.has(file) || chunk?.type !== 'chunk') return;
          loaded.add(file);
          chunk.imports.forEach(visit);
        };
        for (const c of chunks) if (c.type === 'chunk' && c.isEntry) visit(c.fileName);
        const names = [charts.fileName, ...charts.imports]
          .filter((f) => !loaded.has(f))
          .map((f) => `./${f}`)
          .join(' ');
        return [{ tag: 'meta', attrs: { name: 'chart-chunks', content: names }, injectTo: 'head' }];
      },
    },
  };
}
