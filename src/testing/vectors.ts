/**
 * Conformance vectors. The independently computed set in ../shared/vectors is read in place whenever it
 * exists (CI always has it); the project's own vectors/ (vendors' documented examples and cases of our
 * own) always run, so `npm test` passes on a clone without ../shared.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const PROJECT_ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const SHARED_VECTORS_DIR = fileURLToPath(new URL('../../../shared/vectors/', import.meta.url));
const OWN_VECTORS_DIR = fileURLToPath(new URL('../../vectors/', import.meta.url));

export const hasSharedVectors = existsSync(SHARED_VECTORS_DIR);

export interface MmobSignVector {
  name: string;
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  timestamp: number;
  nonce: string;
  canonical: string;
  signature: string;
}
export interface MmobVerifyVector {
  name: string;
  secret: string;
  cpId: string;
  cpDeploymentId: string;
  email: string;
  signature: string;
  now: number;
  toleranceSeconds: number;
  valid: boolean;
  codes: string[];
  hints?: string[];
}
export interface EberHashVector {
  name: string;
  secret: string;
  identifierType: 'email' | 'phone' | 'customId';
  identifier: string;
  expiry: string | null;
  hash: string;
}
export interface EberUrlVector extends EberHashVector {
  baseUrl: string;
  phoneCode?: string | null;
  locale: string | null;
  url: string;
}
export interface EberVerifyVector {
  name: string;
  secret: string;
  url: string;
  now: string;
  timezone: string;
  valid: boolean;
  codes: string[];
  hints?: string[];
}

interface VectorFiles {
  'mmob-sign': MmobSignVector;
  'mmob-verify': MmobVerifyVector;
  'eber-hash': EberHashVector;
  'eber-url': EberUrlVector;
  'eber-verify': EberVerifyVector;
}

function readIfExists<T>(path: string): T[] {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as T[]) : [];
}

/** Every vector of a kind, each named with its origin so a failure says which file it came from. */
export function loadVectors<K extends keyof VectorFiles>(kind: K): (VectorFiles[K] & { origin: string })[] {
  const shared = readIfExists<VectorFiles[K]>(`${SHARED_VECTORS_DIR}${kind}.json`).map((v) => ({ ...v, origin: 'shared' }));
  const own = readIfExists<VectorFiles[K]>(`${OWN_VECTORS_DIR}${kind}.json`).map((v) => ({ ...v, origin: 'project' }));
  return [...shared, ...own];
}
