// Imported first by the browser entries (the page and the worker), before any schema exists: zod
// builds a schema's fast parser with `new Function`, probing for it with a caught `new Function('')`
// when the schema is created. The app's CSP forbids eval, and Chromium reports even the caught probe
// as a violation, so the browser runs zod interpreted (what the CSP would force anyway). The CLI
// and benchmarks in Node do not import this and keep the compiled parsers.
import { z } from 'zod';

z.config({ jitless: true });
