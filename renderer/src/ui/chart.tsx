/**
 * The charts, drawn after the figures: recharts is a chunk of its own, and a chart renders only once the frame
 * that shows the rest of its screen has been painted, so a screen's figures and tables never wait for the
 * chart's code nor for its render (recharts takes hundreds of milliseconds for a month of stacked bars). A
 * chart's box keeps its height (and says it is busy) until it is drawn.
 */
import { lazy, Suspense, useEffect, useState } from 'react';
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

/**
 * False until the frame that shows this component's first render has been painted: a requestAnimationFrame
 * callback runs just before that frame's rendering, a message posted from it is taken just after.
 */
function usePainted(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => setPainted(true);
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    return () => {
      cancelAnimationFrame(frame);
      channel.port1.close();
    };
  }, []);
  return painted;
}

export function StackedBars(props: StackedBarsProps) {
  const painted = usePainted();
  const box = <figure className="chart-box" style={{ height: props.height ?? 280 }} aria-label={props.label} aria-busy="true" />;
  if (!painted) return box;
  return (
    <Suspense fallback={box}>
      <LazyBars {...props} />
    </Suspense>
  );
}
