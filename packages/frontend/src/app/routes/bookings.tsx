export function BookingsRoute() {
  return <h1 className="text-3xl font-bold tracking-tight">My bookings</h1>;
}
