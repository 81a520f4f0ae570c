import { CategoryScale, Chart as ChartJS, Legend, LinearScale, LineElement, PointElement, Tooltip } from "chart.js";
import { Line } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, PointElement, LineElement, Tooltip, Legend);

export type RankMovementProps = {
  rows: { label: string; heatsRank: number; finalRank: number }[];
  stageLabels: [string, string];
  label: string;
};

const PALETTE = ["#b22222", "#2f6fb0", "#2e8b57", "#d2691e", "#6a5acd", "#708090", "#c71585", "#008b8b"];

/** A slope chart: each finalist's heats rank joined to their final rank (rank 1 at the top). */
export default function RankMovementChart({ rows, stageLabels, label }: RankMovementProps) {
  return (
    <Line
      aria-label={label}
      role="img"
      data={{
        labels: stageLabels,
        datasets: rows.map((r, i) => ({ label: r.label, data: [r.heatsRank, r.finalRank], borderColor: PALETTE[i % PALETTE.length], backgroundColor: PALETTE[i % PALETTE.length] })),
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { reverse: true, min: 1, ticks: { precision: 0 } } },
        plugins: { legend: { position: "right" } },
      }}
    />
  );
}
