/// <reference lib="dom" />
import { CandlestickSeries, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'preact/hooks';

export interface Bar {
  time: number;
  open: number;
  high: number;
  low: number;
  close: number;
}

/** One-minute candles; bars come from the REST history, then from each trade pushed. */
export function CandleChart(props: { bars: Bar[] }) {
  const host = useRef<HTMLDivElement>(null);
  const chart = useRef<IChartApi>();
  const series = useRef<ISeriesApi<'Candlestick'>>();

  useEffect(() => {
    if (host.current === null) return;
    const dark = matchMedia('(prefers-color-scheme: dark)').matches;
    chart.current = createChart(host.current, {
      autoSize: true,
      // No attribution logo: it injects a <style> element, which the strict CSP refuses.
      layout: { background: { color: 'transparent' }, textColor: dark ? '#a2aabd' : '#5a6275', attributionLogo: false },
      grid: { vertLines: { visible: false }, horzLines: { color: dark ? '#323a4a' : '#eef1f7' } },
      timeScale: { timeVisible: true },
    });
    series.current = chart.current.addSeries(CandlestickSeries, {
      upColor: '#0f7b5f',
      downColor: '#b3261e',
      wickUpColor: '#0f7b5f',
      wickDownColor: '#b3261e',
      borderVisible: false,
    });
    return () => chart.current?.remove();
  }, []);

  useEffect(() => {
    series.current?.setData(props.bars.map((bar) => ({ ...bar, time: bar.time as UTCTimestamp })));
  }, [props.bars]);

  return <div class="chart" id="chart" ref={host} />;
}
