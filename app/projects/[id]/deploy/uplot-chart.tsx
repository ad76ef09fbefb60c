"use client";
import { useEffect, useRef } from "react";
import uPlot, { type AlignedData, type Options } from "uplot";
import "uplot/dist/uPlot.min.css";

export interface ChartLine {
  label: string;
  /** Seconds since epoch, ascending. */
  xs: number[];
  ys: number[];
}

const palette = ["#4f46e5", "#059669", "#d97706", "#dc2626", "#0891b2", "#7c3aed", "#65a30d", "#db2777"];

/**
 * Lines over time with uPlot (canvas; smooth with 100,000 points). Loaded only in the browser (next/dynamic,
 * ssr: false). The chart is rebuilt when the set of lines changes, and only fed new data otherwise.
 */
export default function UPlotChart({ lines, title }: { lines: ChartLine[]; title: string }) {
  const container = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const labels = lines.map((line) => line.label).join("\u0000");

  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const names = labels ? labels.split("\u0000") : [];
    const options: Options = {
      width: element.clientWidth || 600,
      height: 260,
      scales: { x: { time: true } },
      series: [
        {},
        ...names.map((label, i) => ({ label, stroke: palette[i % palette.length], width: 1.5, spanGaps: true })),
      ],
      axes: [{}, { size: 60 }],
    };
    chart.current = new uPlot(options, [[]], element);
    const resize = new ResizeObserver(() => chart.current?.setSize({ width: element.clientWidth, height: 260 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      chart.current?.destroy();
      chart.current = null;
    };
  }, [labels]);

  useEffect(() => {
    if (!chart.current) return;
    const data: AlignedData =
      lines.length === 0 ? [[]] : uPlot.join(lines.map((line) => [line.xs, line.ys] as AlignedData));
    chart.current.setData(data);
  }, [lines, labels]);

  return <div ref={container} role="img" aria-label={title} className="w-full" />;
}
