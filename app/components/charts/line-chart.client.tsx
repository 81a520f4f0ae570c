import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

export type LineChartProps = { labels: string[]; series: { label: string; values: (number | null)[] }[]; label: string };

const PALETTE = ["#b22222", "#2f6fb0", "#2e8b57", "#d2691e", "#6a5acd", "#708090", "#c71585", "#008b8b", "#8b4513", "#4682b4", "#9acd32", "#daa520"];

/** Several series over the same labels (e.g. each unit's total per period); gaps stay gaps. */
export default function LineChart({ labels, series, label }: LineChartProps) {
  return (
    <Line
      aria-label={label}
      role="img"
      data={{ labels, datasets: series.map((s, i) => ({ label: s.label, data: s.values, borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length], spanGaps: false })) }}
      options={{ responsive: true, maintainAspectRatio: false, animation: false, plugins: { legend: { position: "right" } } }}
    />
  );
}
