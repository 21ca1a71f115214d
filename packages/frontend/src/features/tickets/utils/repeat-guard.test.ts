import { describe, expect, it } from 'vitest';
import { createRepeatGuard } from './repeat-guard';
import { scannedCode } from './scanned-code';

function clock() {
  let now = 0;
  return {
    now: () => now,
    pass(ms: number) {
      now += ms;
    },
  };
}

describe('telling a fresh scan from the same code seen again', () => {
  it('takes a code the first time, and ignores it while it is seen again within the window', () => {
    const time = clock();
    const isRepeat = createRepeatGuard(3_000, time.now);

    expect(isRepeat('a')).toBe(false);
    time.pass(200);
    expect(isRepeat('a')).toBe(true);
    time.pass(2_700);
    expect(isRepeat('a')).toBe(true);
  });

  it('keeps a code held in view for long one scan: the window starts again at each sighting', () => {
    const time = clock();
    const isRepeat = createRepeatGuard(3_000, time.now);
    isRepeat('a');

    for (let frame = 0; frame < 50; frame += 1) {
      time.pass(200);
      expect(isRepeat('a')).toBe(true);
    }
  });

  it('takes the same code again once it has been out of view for the whole window', () => {
    const time = clock();
    const isRepeat = createRepeatGuard(3_000, time.now);
    isRepeat('a');

    time.pass(3_000);

    expect(isRepeat('a')).toBe(false);
  });

  it('takes another code at once, and then the first again', () => {
    const time = clock();
    const isRepeat = createRepeatGuard(3_000, time.now);
    isRepeat('a');

    time.pass(100);
    expect(isRepeat('b')).toBe(false);
    time.pass(100);
    expect(isRepeat('a')).toBe(false);
  });
});

describe('the code in what was scanned', () => {
  const code = 'PtYgjmUhBel31iEl2hpChYgCfrL1spNxnyVmihA_2O76UM';

  it('is the text itself, trimmed', () => {
    expect(scannedCode(`  ${code}\n`)).toBe(code);
  });

  it('is the last part of a link to the ticket’s page, with or without a query', () => {
    expect(scannedCode(`https://encore.example/tickets/${code}`)).toBe(code);
    expect(scannedCode(`https://encore.example/tickets/${code}/?utm=mail#top`)).toBe(code);
  });

  it('leaves any other link as it is, to be refused as no ticket', () => {
    expect(scannedCode('https://example.com/menu')).toBe('https://example.com/menu');
  });
});
