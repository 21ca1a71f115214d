import { createElement, type ComponentPropsWithoutRef } from 'react';

/** The white, ringed surface that sets one thing apart from the page behind it. */
const CARD_CLASSES = 'rounded-2xl bg-white shadow-sm ring-1 ring-slate-200';

type CardElement = 'article' | 'div' | 'li' | 'section' | 'ul';

/** A card, as the element `as` names (a `div` by default); `className` adds padding and layout. */
export function Card<E extends CardElement = 'div'>({
  as,
  className,
  ...props
}: { as?: E } & ComponentPropsWithoutRef<E>) {
  return createElement(as ?? 'div', {
    ...props,
    className: className ? `${CARD_CLASSES} ${className}` : CARD_CLASSES,
  });
}
