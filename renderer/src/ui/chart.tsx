/**
 * The charts, loaded after the figures: recharts is a chunk of its own, so a screen's figures and tables
 * paint without waiting for it. A chart's box keeps its height (and says it is busy) until it is drawn.
 */
import { lazy, Suspense } from 'react';
import type { StackedBarsProps } from './stacked-bars';

const loadStackedBars = () => import('./stacked-bars').then((m) => ({ default: m.StackedBars }));
const LazyBars = lazy(loadStackedBars);

/** Start fetching the chart code now (a screen whose data is on its way), without waiting for it. */
export function preloadCharts(): void {
  void loadStackedBars();
}

/** The chart code, loaded (the jsdom tests load it before they start). */
export function loadCharts(): Promise<unknown> {
  return loadStackedBars();
}

export function StackedBars(props: StackedBarsProps) {
  return (
    <Suspense fallback={<figure className="chart-box" style={{ height: props.height ?? 280 }} aria-label={props.label} aria-busy="true" />}>
      <LazyBars {...props} />
    </Suspense>
  );
}
