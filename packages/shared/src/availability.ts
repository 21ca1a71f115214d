export interface TierStock {
  total: number;
  sold: number;
  held: number;
}

/** available = total − sold − held, never below zero. */
export function availableTickets(stock: TierStock): number {
  return Math.max(0, stock.total - stock.sold - stock.held);
}
