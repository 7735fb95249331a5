/**
 * Finds an mmob signature in whatever a user pastes: the bare signature, a whole boot snippet, or JSON.
 * Pure string work (no Node APIs) so the renderer can use it while the user types.
 */

export interface ExtractedSignature {
  signature: string;
  /** Other fields found next to it (a snippet or JSON usually carries them). */
  cpDeploymentId?: string;
  email?: string;
  /** Where it came from, for the UI: "signature", "snippet/JSON field", … */
  source: 'bare' | 'field';
}

const FIELD = (name: string) => new RegExp(`["']?${name}["']?\\s*[:=]\\s*["']([^"'\\n]{0,4096})["']`);
const SIGNATURE_SHAPE = /^\s*[^\s:]+:[^\s:]+:[^\s:]+\s*$/;

export function extractMmobSignature(text: string): ExtractedSignature | null {
  if (text.length > 1_000_000) return null;
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  if (SIGNATURE_SHAPE.test(trimmed)) return { signature: trimmed, source: 'bare' };

  const signature = FIELD('signature').exec(text)?.[1];
  if (signature === undefined) return null;
  const result: ExtractedSignature = { signature, source: 'field' };
  const deployment = FIELD('cp_deployment_id').exec(text)?.[1] ?? FIELD('cpDeploymentId').exec(text)?.[1];
  if (deployment !== undefined) result.cpDeploymentId = deployment;
  const email = FIELD('email').exec(text)?.[1];
  if (email !== undefined) result.email = email;
  return result;
}
