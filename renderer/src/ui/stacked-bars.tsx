/** A stacked bar chart (recharts) of amounts per x label and series, with a fixed height so nothing jumps. */
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const PALETTE = ['#2456c9', '#d9822b', '#2f9e6e', '#b83280', '#7a5af8', '#0f9fb5', '#c2410c', '#64748b', '#a16207', '#15803d'];

export interface StackedBarsProps {
  data: { x: string; [series: string]: string | number }[];
  series: string[];
  label: string;
  format: (v: number) => string;
  height?: number;
  /** Stack the series (sums); false draws them side by side (ratios, which do not add up). */
  stacked?: boolean;
}

export function StackedBars({ data, series, label, format, height = 280, stacked = true }: StackedBarsProps) {
  return (
    <figure className="chart-box" style={{ height }} aria-label={label} role="img">
      <ResponsiveContainer width="100%" height={height} initialDimension={{ width: 800, height }}>
        <BarChart data={data} margin={{ top: 8, right: 12, bottom: 4, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="x" tick={{ fontSize: 11 }} />
          <YAxis tickFormatter={(v: number) => format(v)} tick={{ fontSize: 11 }} width={72} />
          <Tooltip formatter={(v) => format(Number(v))} />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          {series.map((s, i) => (
            <Bar key={s} dataKey={s} stackId={stacked ? 'a' : undefined} fill={PALETTE[i % PALETTE.length]} isAnimationActive={false} />
          ))}
        </BarChart>
      </ResponsiveContainer>
    </figure>
  );
}
