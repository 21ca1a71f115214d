/**
 * Loaded with `--import` before a server process: that process's wall clock (`Date.now`, which
 * the host clock and the log times read) runs HOST_CLOCK_SKEW_MS away from the real one, as on a
 * host whose clock is off.
 */
const skew = Number(process.env.HOST_CLOCK_SKEW_MS ?? 0);
const realNow = Date.now.bind(Date);
Date.now = () => realNow() + skew;
