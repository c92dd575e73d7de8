// What backup and restore print about what they did.
import type { Manifest } from './manifest';
import type { Validation } from './validate';

export function describeValidation(validation: Validation): string {
  return (
    `${validation.versions} approved versions' SHA-256 and ${validation.auditEntries} audit ` +
    `entries' chain verified, ${validation.rooms} collab room logs whole`
  );
}

export function describeBackup(manifest: Manifest): string {
  const documents = manifest.collections.reduce((sum, entry) => sum + entry.documents, 0);
  const lines = [
    `Backed up ${documents} documents in ${manifest.collections.length} collections ` +
      `(${manifest.engine} engine, schema version ${manifest.schemaVersion}).`,
    `Consistency: ${manifest.consistency.method}: ${manifest.consistency.note}.`,
    `Checked: ${describeValidation(manifest.validation)}.`,
    `Left out: ${manifest.excluded.map((entry) => entry.name).join(', ')} (see docs/deploy.md, "Backups").`,
  ];
  for (const problem of manifest.validation.problems) lines.push(`WARNING: ${problem}`);
  return `${lines.join('\n')}\n`;
}
