import type { SaleStatus } from '../utils/sale-status';

const styles: Record<SaleStatus['kind'], string> = {
  'sold-out': 'bg-slate-100 text-slate-700 ring-slate-300',
  'all-held': 'bg-amber-50 text-amber-900 ring-amber-200',
  'few-left': 'bg-rose-50 text-rose-800 ring-rose-200',
  'selling-fast': 'bg-amber-50 text-amber-900 ring-amber-200',
  'on-sale': 'bg-emerald-50 text-emerald-800 ring-emerald-200',
};

function label(status: SaleStatus): string {
  switch (status.kind) {
    case 'sold-out':
      return 'Sold out';
    case 'all-held':
      return 'All held';
    case 'few-left':
      return `Only ${status.available.toLocaleString()} left`;
    case 'selling-fast':
      return 'Selling fast';
    case 'on-sale':
      return 'On sale';
  }
}

export function SaleStatusBadge({ status }: { status: SaleStatus }) {
  return (
    <span
      className={`inline-flex shrink-0 items-center rounded-full px-2.5 py-1 text-xs font-semibold whitespace-nowrap tabular-nums ring-1 ring-inset ${styles[status.kind]}`}
    >
      {label(status)}
    </span>
  );
}
