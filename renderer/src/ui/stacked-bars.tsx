/** A stacked bar chart (recharts) of amounts per x label and series, with a fixed height so nothing jumps. */
import { memo, startTransition, useCallback, useEffect, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

// Props that are the same objects at every render: recharts copies its children's props into its store, and a
// new object there is a change it draws again.
const MARGIN = { top: 8, right: 12, bottom: 4, left: 8 };
const TICK = { fontSize: 11 };
const LEGEND = { fontSize: 12 };

const PALETTE = ['#2456c9', '#d9822b', '#2f9e6e', '#b83280', '#7a5af8', '#0f9fb5', '#c2410c', '#64748b', '#a16207', '#15803d'];

export interface StackedBarsProps {
  data: { x: string; [series: string]: string | number }[];
  series: string[];
  label: string;
  format: (v: number) => string;
  height?: number;
  /** Stack the series (sums); false draws them side by side (ratios, which do not add up). */
  stacked?: boolean;
  /** The box's width when known (the first render draws at it, not at a default that is then corrected). */
  initialWidth?: number;
}

/** How far a new chart is drawn: its frame (axes, grid, tooltip, legend), then its series hidden, then its bars. */
type Step = 'frame' | 'series' | 'bars';
const NEXT = { frame: 'series', series: 'bars', bars: 'bars' } as const;

/**
 * recharts lays a chart out in several passes that React runs back to back in one task (its parts register in a
 * store from their effects, and a store's updates are rendered at once): the axes, then the legend measured,
 * each pass drawing every bar again. So a new chart is drawn in three tasks, and input is handled between them:
 * its frame; its series, hidden (they register, and the legend takes its size, with no bar drawn); then, as a
 * transition, its bars, drawn once on a layout that no longer changes. The box is kept hidden and busy until
 * then, so the half-drawn chart is never seen. Later data (the other stacking, another month) is drawn at once:
 * recharts updates a drawn chart in one short pass.
 */
function useStep(): Step {
  const [step, setStep] = useState<Step>('frame');
  useEffect(() => {
    if (step === 'bars') return;
    const channel = new MessageChannel();
    channel.port1.onmessage = () => startTransition(() => setStep(NEXT[step]));
    channel.port2.postMessage(null);
    return () => channel.port1.close();
  }, [step]);
  return step;
}

/** Drawn again only when its props change (the screen around it renders again as its other requests answer). */
export const StackedBars = memo(function StackedBars({ data, series, label, format, height = 280, stacked = true, initialWidth = 800 }: StackedBarsProps) {
  const tick = useCallback((v: number) => format(v), [format]);
  const tip = useCallback((v: unknown) => format(Number(v)), [format]);
  const step = useStep();
  const ready = step === 'bars';
  return (
    <figure className="chart-box" style={{ height, visibility: ready ? undefined : 'hidden' }} aria-label={label} role="img" aria-busy={ready ? undefined : true}>
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: initialWidth, height }}>
        <BarChart data={data} margin={MARGIN}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="x" tick={TICK} />
          <YAxis tickFormatter={tick} tick={TICK} width={72} />
          <Tooltip formatter={tip} />
          <Legend wrapperStyle={LEGEND} />
          {step !== 'frame' &&
            series.map((s, i) => (
              <Bar key={s} dataKey={s} stackId={stacked ? 'a' : undefined} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} hide={!ready} />
            ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
});
