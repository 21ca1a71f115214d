import type { MaskitoOptions, MaskitoPreprocessor } from '@maskito/core';
import { maskitoDate } from '@maskito/kit';

/** "12/2030", as some cards print it and some autofill fills it, keeps the year's last two digits. */
function shortenYear(text: string): string {
  return text.replace(/^(\s*\d{1,2}\s*[-/.\s]\s*)\d{2}(\d{2})\s*$/, '$1$2');
}

const fourDigitYears: MaskitoPreprocessor = ({ elementState, data }, actionType) => {
  if (actionType === 'insert') return { elementState, data: shortenYear(data) };
  if (actionType === 'validation') {
    const value = shortenYear(elementState.value);
    return { elementState: { value, selection: [value.length, value.length] }, data };
  }
  return { elementState, data };
};

const MONTH_YEAR = maskitoDate({ mode: 'mm/yy', separator: '/' });

/**
 * The card's expiry as it is typed: "1230" becomes "12/30", a month that can only be one digit
 * gets its zero ("4" becomes "04"), deleting steps back over the slash, and a pasted "12 / 30",
 * "12-30" or "12/2030" becomes "12/30".
 */
export const EXPIRY_MASK: MaskitoOptions = {
  ...MONTH_YEAR,
  preprocessors: [fourDigitYears, ...MONTH_YEAR.preprocessors],
};
