export function ConcertsRoute() {
  return <h1 className="text-3xl font-bold tracking-tight">Upcoming concerts</h1>;
}
