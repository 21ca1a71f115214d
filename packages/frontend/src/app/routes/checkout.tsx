export function CheckoutRoute() {
  return <h1 className="text-3xl font-bold tracking-tight">Checkout</h1>;
}
