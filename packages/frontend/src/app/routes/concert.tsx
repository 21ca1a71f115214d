export function ConcertRoute() {
  return <h1 className="text-3xl font-bold tracking-tight">Concert</h1>;
}
