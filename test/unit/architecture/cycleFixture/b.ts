// The other half of the deliberate cycle (see a.ts).
import type { A } from './a';

export interface B {
  a?: A;
}
