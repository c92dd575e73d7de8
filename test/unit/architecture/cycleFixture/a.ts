// Half of a deliberate type-only cycle: the import cycle test proves it can see one.
import type { B } from './b';

export interface A {
  b?: B;
}
