/** Sold, held and available of one tier as one stacked bar; the figures are given as text too. */
export function TierBar({
  label,
  sold,
  held,
  available,
}: {
  label: string;
  sold: number;
  held: number;
  available: number;
}) {
  const total = Math.max(1, sold + held + available);
  const soldWidth = (sold / total) * 100;
  const heldWidth = (held / total) * 100;
  // Widths are SVG attributes, not inline styles, so the page's Content-Security-Policy allows them.
  return (
    <svg
      role="img"
      aria-label={`${label}: ${sold} sold, ${held} held, ${available} available`}
      className="block h-4 w-full overflow-hidden rounded-full bg-slate-200"
      preserveAspectRatio="none"
    >
      <rect x="0" y="0" height="100%" width={`${soldWidth}%`} className="fill-indigo-600" />
      <rect
        x={`${soldWidth}%`}
        y="0"
        height="100%"
        width={`${heldWidth}%`}
        className="fill-amber-400"
      />
    </svg>
  );
}
