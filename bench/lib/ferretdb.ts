// FerretDB (SQLite backend) as the MongoDB-compatible server for our MongoDB path: the tests' own
// launcher, pinned to the servers' core when taskset is there. `npm run provision` installs it.
import { startFerretDB as launch, type FerretDB } from '../../test/support/ferretdb';
import { HAS_TASKSET } from './proc';

export { ferretAvailable, type FerretDB } from '../../test/support/ferretdb';

export function startFerretDB(core: number | null): Promise<FerretDB> {
  return launch({ core: HAS_TASKSET ? core : null });
}
