/**
 * The charts, drawn after the figures: recharts is a chunk of its own, and a chart renders only once the frame
 * that shows the rest of its screen has been painted, so a screen's figures and tables never wait for the
 * chart's code nor for its render (recharts takes hundreds of milliseconds for a month of stacked bars). A
 * chart's box keeps its height (and says it is busy) until it is drawn.
 */
import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState, type RefObject } from 'react';
import type { StackedBarsProps } from './stacked-bars';

const loadStackedBars = () => import('./stacked-bars').then((m) => ({ default: m.StackedBars }));
const LazyBars = lazy(loadStackedBars);

/**
 * Asks for the chart's code without running it: `prefetch` links (into the HTTP cache, which the assets are
 * allowed to fill for a year) to the chunks the build names in index.html (scripts/chart-chunks.ts; none in the
 * tests). A chart's box asks as the frame that shows it is committed, before the screen's other cards ask the
 * engine for their data in their effects: `tokenledger serve` answers one request at a time, and at 10M facts the
 * top tips alone hold it for a second or two. The code is compiled and run only once the frame is painted
 * (`modulepreload` links, which compile as the code arrives, delayed the demo's figures by ~80 ms).
 */
function prefetchCharts(): void {
  const names = document.querySelector<HTMLMetaElement>('meta[name="chart-chunks"]')?.content.split(' ') ?? [];
  for (const name of names) {
    const href = new URL(name, document.baseURI).href;
    if ([...document.querySelectorAll<HTMLLinkElement>('link[rel="prefetch"]')].some((l) => l.href === href)) continue;
    const link = document.createElement('link');
    link.rel = 'prefetch';
    link.crossOrigin = '';
    link.href = href;
    document.head.append(link);
  }
}

/** The chart code, loaded (the jsdom tests load it before they start). */
export function loadCharts(): Promise<unknown> {
  return loadStackedBars();
}

/**
 * Null until the frame that shows this component's first render has been painted (a requestAnimationFrame
 * callback runs just before that frame's rendering, a message posted from it is taken just after), then the
 * width the box was painted at.
 */
function usePainted(box: RefObject<HTMLElement | null>): number | null {
  const [painted, setPainted] = useState<number | null>(null);
  useEffect(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => setPainted(box.current?.getBoundingClientRect().width ?? 0);
    const frame = requestAnimationFrame(() => channel.port2.postMessage(null));
    return () => {
      cancelAnimationFrame(frame);
      channel.port1.close();
    };
  }, [box]);
  return painted;
}

export function StackedBars(props: StackedBarsProps) {
  const ref = useRef<HTMLElement>(null);
  const width = usePainted(ref);
  useLayoutEffect(prefetchCharts, []);
  const box = <figure ref={ref} className="chart-box" style={{ height: props.height ?? 280 }} aria-label={props.label} aria-busy="true" />;
  if (width === null) return box;
  // Drawn first at the width its box was painted at (a box not laid out, of no width, leaves recharts its
  // default until it measures one).
  return (
    <Suspense fallback={box}>
      <LazyBars {...props} {...(width > 0 ? { initialWidth: width } : {})} />
    </Suspense>
  );
}
