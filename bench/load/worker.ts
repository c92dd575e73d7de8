// A load generator: one process, pinned to the load core, holding every simulated client of a
// workload, taking orders from the orchestrator.
import { serve } from '../lib/ipc';
import {
  closePool,
  coldLoad,
  fillSections,
  openDocs,
  openIdle,
  probe,
  stormHold,
  stormRelease,
  stormSetup,
} from './pools';
import { typing, type TypingArgs } from './typing';

// A client that hits a closed server logs; the bench only cares about what it measures.
process.on('unhandledRejection', () => undefined);

type Args<F> = F extends (args: infer A) => unknown ? A : never;

serve({
  typing: (args) => typing(args as TypingArgs),
  openIdle: (args) => openIdle(args as Args<typeof openIdle>),
  openDocs: (args) => openDocs(args as Args<typeof openDocs>),
  closePool: (args) => Promise.resolve(closePool(args as Args<typeof closePool>)),
  coldLoad: (args) => coldLoad(args as Args<typeof coldLoad>),
  stormSetup: (args) => stormSetup(args as Args<typeof stormSetup>),
  stormHold: (args) => stormHold(args as Args<typeof stormHold>),
  stormRelease: (args) => stormRelease(args as Args<typeof stormRelease>),
  probe: (args) => probe(args as Args<typeof probe>),
  fillSections: (args) => fillSections(args as Args<typeof fillSections>),
  cpu: () => Promise.resolve(process.cpuUsage()),
});
