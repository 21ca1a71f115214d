import { act, screen, waitFor, within } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { formatTime } from '../../../lib/format';
import { NOW, TICKET_CODES, ticketFixture } from '../../../test/fixtures';
import { server } from '../../../test/server';
import { FRAME_INTERVAL_MS } from '../hooks/use-camera-scanner';
import {
  CHECKED_IN_AT,
  DOOR_KEY,
  mockCheckIns,
  renderDoor,
  TOKEN,
  TOKEN_KEY,
} from '../testing/mock-door';
import { createFrameDecoder, decodeQrImage } from '../utils/qr-decoder';
import { REPEAT_WINDOW_MS } from '../utils/repeat-guard';

// The decoders read pixels jsdom cannot draw; the page is tested with what they would read.
vi.mock('../utils/qr-decoder', () => ({ decodeQrImage: vi.fn(), createFrameDecoder: vi.fn() }));

const [ADA, GRACE, NOBODY] = TICKET_CODES;
const ada = ticketFixture({ code: ADA, number: 1 });
const grace = ticketFixture({ code: GRACE, holder: 'Grace Hopper', tierName: 'General Admission' });

beforeEach(() => {
  sessionStorage.clear();
  vi.useFakeTimers({ shouldAdvanceTime: true, now: NOW });
});
afterEach(() => {
  vi.useRealTimers();
  sessionStorage.clear();
});

function codeField() {
  return screen.getByLabelText('Ticket code');
}

/** The verdict shown, once the newest scan has one. */
async function verdict(text: RegExp | string) {
  await waitFor(() => {
    expect(screen.getByRole('status')).toHaveTextContent(text);
  });
  return screen.getByTestId('check-in-result');
}

describe('the door page', () => {
  it('lets a valid ticket in, in green with its holder and tier, naming the door', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();
    await user.type(screen.getByLabelText('Door'), 'Door 2');

    await user.type(codeField(), ADA);
    await user.click(screen.getByRole('button', { name: 'Check in' }));

    const shown = await verdict('Valid — let in');
    expect(shown).toHaveAttribute('data-tone', 'go');
    expect(shown).toHaveTextContent('Ada Lindqvist · VIP');
    expect(api.calls).toEqual([
      { body: { code: ADA, door: 'Door 2' }, authorization: `Bearer ${TOKEN}` },
    ]);
    expect(codeField()).toHaveValue('');
    expect(codeField()).toHaveFocus();
  });

  it('takes a scanner gun’s code and Enter twice: valid, then already checked in at that door', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();
    await user.type(screen.getByLabelText('Door'), 'Door 2');
    await user.click(codeField());

    await user.keyboard(`${ADA}{Enter}`);
    expect(await verdict('Valid — let in')).toHaveAttribute('data-tone', 'go');
    expect(codeField()).toHaveFocus();
    await user.keyboard(`${ADA}{Enter}`);

    // At the venue's time, which the ticket read after the refusal tells.
    const shown = await verdict(/Already checked in at 7:42\sPM EST at Door 2/);
    expect(shown).toHaveAttribute('data-tone', 'wait');
    expect(shown).toHaveTextContent('Ada Lindqvist · VIP');
    expect(api.calls).toHaveLength(2);
    expect(codeField()).toHaveFocus();
    expect(codeField()).toHaveValue('');
  });

  it('tells a used ticket’s time on this browser’s clock when its ticket cannot be read', async () => {
    mockCheckIns([{ ...ada, status: 'CHECKED_IN', checkedInAt: CHECKED_IN_AT, door: '3' }], {
      lookups: false,
    });
    const { user } = renderDoor();

    await user.type(codeField(), `${ADA}{Enter}`);

    const time = formatTime(Date.parse(CHECKED_IN_AT)).replace(/\s+/g, ' ');
    expect(await verdict(`Already checked in at ${time} at door 3`)).toHaveAttribute(
      'data-tone',
      'wait',
    );
  });

  it('stops a cancelled ticket in red, naming whose it was', async () => {
    mockCheckIns([{ ...grace, status: 'CANCELLED' }]);
    const { user } = renderDoor();

    await user.type(codeField(), `${GRACE}{Enter}`);

    const shown = await verdict('Cancelled ticket');
    expect(shown).toHaveAttribute('data-tone', 'stop');
    expect(shown).toHaveTextContent('Grace Hopper · General Admission');
    expect(shown).toHaveTextContent('do not let in');
  });

  it('stops a code the server never issued in red', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.type(codeField(), `${NOBODY}{Enter}`);

    expect(await verdict('Not a valid ticket')).toHaveAttribute('data-tone', 'stop');
    expect(api.calls).toHaveLength(1);
  });

  it('stops something that is no ticket code at all without asking the server', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.type(codeField(), 'https://example.com/menu{Enter}');

    expect(await verdict('Not a valid ticket')).toHaveAttribute('data-tone', 'stop');
    expect(api.calls).toHaveLength(0);
  });

  it('takes a link to the ticket’s page as its code', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.type(codeField(), `https://encore.example/tickets/${ADA}{Enter}`);

    await verdict('Valid — let in');
    expect(api.calls[0]?.body.code).toBe(ADA);
  });

  it('asks for a code when Enter comes with none, and sends nothing', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.type(codeField(), '{Enter}');

    expect(codeField()).toHaveAccessibleDescription('Scan a ticket, or type its code.');
    expect(codeField()).toHaveAttribute('aria-invalid', 'true');
    expect(api.calls).toHaveLength(0);
  });

  it('says the check-in did not get through when the network fails and it has no door keys', async () => {
    const api = mockCheckIns([ada]);
    api.network.fail();
    const { user } = renderDoor();

    await user.type(codeField(), `${ADA}{Enter}`);

    const shown = await verdict('Not checked — scan again');
    expect(shown).toHaveAttribute('data-tone', 'neutral');
    expect(shown).toHaveTextContent(/could not reach the box office/i);
    expect(shown).toHaveTextContent('This door has no keys to check tickets offline.');
  });

  it('asks for the organizer token again when the server no longer takes it', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor({ token: 'a-token-changed-on-the-server' });

    await user.type(codeField(), `${ADA}{Enter}`);

    expect(await screen.findByRole('heading', { name: 'Organizer sign-in' })).toBeVisible();
    expect(sessionStorage.getItem(TOKEN_KEY)).toBeNull();
    expect(api.calls[0]?.authorization).toBe('Bearer a-token-changed-on-the-server');
  });

  it('remembers the door’s name in this tab, and sends it with each check-in', async () => {
    const api = mockCheckIns([ada, grace]);
    const first = renderDoor();
    await first.user.type(screen.getByLabelText('Door'), 'Main gate');
    expect(sessionStorage.getItem(DOOR_KEY)).toBe('Main gate');
    first.unmount();

    const { user } = renderDoor();
    expect(screen.getByLabelText('Door')).toHaveValue('Main gate');
    await user.type(codeField(), `${GRACE}{Enter}`);

    await verdict('Valid — let in');
    expect(api.calls[0]?.body).toEqual({ code: GRACE, door: 'Main gate' });
  });

  it('keeps the last scans in view, the newest first', async () => {
    mockCheckIns([ada, grace]);
    const { user } = renderDoor();

    await user.type(codeField(), `${ADA}{Enter}`);
    await verdict('Valid — let in');
    await user.type(codeField(), `${NOBODY}{Enter}`);
    await verdict('Not a valid ticket');

    const recent = screen.getByRole('region', { name: 'Recent scans' });
    const items = within(recent).getAllByRole('listitem');
    expect(items).toHaveLength(2);
    expect(items[0]).toHaveTextContent('Not a valid ticket');
    expect(items[1]).toHaveTextContent('Valid — let in');
    expect(items[1]).toHaveTextContent('Ada Lindqvist');
  });

  it('is linked from the organizer’s pages', async () => {
    mockCheckIns([ada]);
    server.use(http.get('/api/admin/concerts', () => HttpResponse.json({ concerts: [] })));
    const { user, router } = renderDoor({ url: '/organizer' });

    await user.click(await screen.findByRole('link', { name: 'Door check-in' }));

    expect(router.state.location.pathname).toBe('/organizer/door');
    expect(screen.getByRole('heading', { level: 1, name: 'Door check-in' })).toBeVisible();
    expect(screen.getByRole('link', { name: 'Door check-in' })).toHaveAttribute(
      'aria-current',
      'page',
    );
    expect(document.title).toBe('Door check-in — Organizer — Encore Tickets');
    expect(codeField()).toHaveFocus();
  });
});

describe('scanning a photo of a ticket', () => {
  it('checks in the code the picture shows, and returns to the code field', async () => {
    vi.mocked(decodeQrImage).mockResolvedValue(ADA);
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();
    const photo = new File(['png'], 'ticket.png', { type: 'image/png' });

    await user.upload(screen.getByLabelText('Scan a photo of a ticket'), photo);

    expect(await verdict('Valid — let in')).toHaveAttribute('data-tone', 'go');
    expect(vi.mocked(decodeQrImage)).toHaveBeenCalledWith(photo);
    expect(api.calls[0]?.body.code).toBe(ADA);
    expect(codeField()).toHaveFocus();
  });

  it('says so when the picture shows no QR code, and checks nothing in', async () => {
    vi.mocked(decodeQrImage).mockResolvedValue(null);
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.upload(
      screen.getByLabelText('Scan a photo of a ticket'),
      new File(['png'], 'blurry.png', { type: 'image/png' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent('No QR code was found');
    expect(api.calls).toHaveLength(0);
    expect(screen.getByRole('status')).toHaveTextContent('Ready for the first ticket.');
  });

  it('says so when the file is no picture it can read', async () => {
    vi.mocked(decodeQrImage).mockRejectedValue(new DOMException('bad image', 'InvalidStateError'));
    mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.upload(
      screen.getByLabelText('Scan a photo of a ticket'),
      new File(['nope'], 'notes.png', { type: 'image/png' }),
    );

    expect(await screen.findByRole('alert')).toHaveTextContent(
      'That file could not be read as a picture.',
    );
  });
});

describe('scanning with the camera', () => {
  /** What the camera sees: a code, or nothing. */
  let inView: string | null = null;
  const track = { stop: vi.fn() };
  const getUserMedia = vi.fn();

  beforeEach(() => {
    inView = null;
    track.stop = vi.fn();
    vi.mocked(createFrameDecoder).mockResolvedValue(() => Promise.resolve(inView));
    const stream = { getTracks: () => [track] } as unknown as MediaStream;
    getUserMedia.mockReset().mockResolvedValue(stream);
    Object.defineProperty(navigator, 'mediaDevices', {
      configurable: true,
      value: { getUserMedia },
    });
    vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
  });
  afterEach(() => {
    Reflect.deleteProperty(navigator, 'mediaDevices');
  });

  async function pass(ms: number) {
    await act(() => vi.advanceTimersByTimeAsync(ms));
  }

  it('checks a code in once while it stays in view, and again only after it was gone a while', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();
    await user.click(screen.getByRole('button', { name: 'Scan with camera' }));
    expect(await screen.findByText('Hold a ticket’s QR code up to the camera.')).toBeVisible();

    inView = ADA;
    await pass(10 * FRAME_INTERVAL_MS);
    expect(await verdict('Valid — let in')).toHaveAttribute('data-tone', 'go');
    expect(api.calls).toHaveLength(1);

    // Lowered and raised again within the window: the same scan still.
    inView = null;
    await pass(REPEAT_WINDOW_MS / 2);
    inView = ADA;
    await pass(5 * FRAME_INTERVAL_MS);
    expect(api.calls).toHaveLength(1);

    inView = null;
    await pass(REPEAT_WINDOW_MS + 1_000);
    inView = ADA;
    await pass(2 * FRAME_INTERVAL_MS);
    expect(await verdict(/Already checked in at 7:42\sPM EST/)).toHaveAttribute(
      'data-tone',
      'wait',
    );
    expect(api.calls).toHaveLength(2);
  });

  it('checks in each new code at once, one after another', async () => {
    const api = mockCheckIns([ada, grace]);
    const { user } = renderDoor();
    await user.click(screen.getByRole('button', { name: 'Scan with camera' }));
    await screen.findByText('Hold a ticket’s QR code up to the camera.');

    inView = ADA;
    await pass(2 * FRAME_INTERVAL_MS);
    inView = GRACE;
    await pass(2 * FRAME_INTERVAL_MS);

    expect(await verdict('Grace Hopper')).toHaveAttribute('data-tone', 'go');
    expect(api.calls.map((call) => call.body.code)).toEqual([ADA, GRACE]);
  });

  it('lets the camera go on Stop camera, and reads no more', async () => {
    const api = mockCheckIns([ada]);
    const { user } = renderDoor();
    await user.click(screen.getByRole('button', { name: 'Scan with camera' }));
    await screen.findByText('Hold a ticket’s QR code up to the camera.');

    await user.click(screen.getByRole('button', { name: 'Stop camera' }));
    inView = ADA;
    await pass(10 * FRAME_INTERVAL_MS);

    expect(track.stop).toHaveBeenCalled();
    expect(api.calls).toHaveLength(0);
    expect(screen.getByRole('button', { name: 'Scan with camera' })).toBeVisible();
  });

  it('says plainly when camera access is refused, and the code field still works', async () => {
    getUserMedia.mockRejectedValue(new DOMException('denied', 'NotAllowedError'));
    mockCheckIns([ada]);
    const { user } = renderDoor();

    await user.click(screen.getByRole('button', { name: 'Scan with camera' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('Camera access was refused');
    await user.type(codeField(), `${ADA}{Enter}`);
    await verdict('Valid — let in');
  });
});
