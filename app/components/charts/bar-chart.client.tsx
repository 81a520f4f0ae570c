import { BarElement, CategoryScale, Chart as ChartJS, Legend, LinearScale, Tooltip } from "chart.js";
import { Bar } from "react-chartjs-2";

ChartJS.register(CategoryScale, LinearScale, BarElement, Tooltip, Legend);

export type BarChartProps = {
  labels: string[];
  values: number[];
  /** the data set's name, shown in the legend and read by screen readers */
  label: string;
  horizontal?: boolean;
  color?: string;
};

/** A plain bar chart (Chart.js on a canvas; the page also shows the numbers as a table). */
export default function BarChart({ labels, values, label, horizontal = false, color = "#b22222" }: BarChartProps) {
  return (
    <Bar
      aria-label={label}
      role="img"
      data={{ labels, datasets: [{ label, data: values, backgroundColor: values.map((v) => (v < 0 ? "#2f6fb0" : color)) }] }}
      options={{
        indexAxis: horizontal ? "y" : "x",
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        plugins: { legend: { display: false } },
      }}
    />
  );
}
