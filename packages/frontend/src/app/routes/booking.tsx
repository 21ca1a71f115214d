export function BookingRoute() {
  return <h1 className="text-3xl font-bold tracking-tight">Booking</h1>;
}
