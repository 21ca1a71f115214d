import { z } from 'zod';

// The server's Content-Security-Policy forbids eval. Zod probes for it as the first schemas are
// built, and the browser reports each refused probe as a violation; its plain parser does here.
z.config({ jitless: true });
