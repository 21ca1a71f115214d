export interface TierStock {
  total: number;
  sold: number;
  held: number;
  /** Tickets kept for the tier's waiting list, not offered to anyone on it yet. */
  waiting?: number;
}

/** available = total − sold − held − kept for the waiting list, never below zero. */
export function availableTickets(stock: TierStock): number {
  return Math.max(0, stock.total - stock.sold - stock.held - (stock.waiting ?? 0));
}
