// The group export: one zip with the group's data as JSON (shared/api/groupExport.ts) and the PDF
// of every approved version, rendered by the per-version export's own code for the same audience.
// Entries are written one at a time, a meeting's versions loaded only when its turn comes, so the
// server holds one version and one PDF at a time; `group.json` comes last, from what was written.
import {
  GROUP_EXPORT_FORMAT,
  GROUP_EXPORT_FORMAT_VERSION,
  type ExportedMeeting,
  type GroupExport,
  type ExportedVersionSummary,
} from '../../shared/api/groupExport';
import type { AuditEntry, AuditExport } from '../../shared/audit';
import type { Audience } from '../../shared/confidentiality';
import type { Locale } from '../../shared/locales';
import { toAuditEntry, walkChain } from '../audit/readChain';
import type { AppContext } from '../context';
import type { GroupDoc } from '../db/schema';
import { audienceContent, viewOf } from '../versions/versionView';
import { groupExportVersionPath } from './fileName';
import {
  exportedConsentRequests,
  exportedGroup,
  exportedMeeting,
  exportedMembers,
  exportedParties,
  exportedTrackedItems,
  exportedVersion,
  meetingsOldestFirst,
  versionSummaryFor,
} from './groupData';
import { groupExportReadme } from './groupReadme';
import { renderPdf } from './pdf';
import type { ZipStream } from './zipStream';

export interface GroupExportRequest {
  group: GroupDoc;
  audience: Audience;
  locale: Locale;
  exportedBy: { id: string; name: string };
  exportedAt: Date;
  /** Whether the requester sees members' emails in the member administration. */
  withEmails: boolean;
  /** Whether the requester reads the audit log (then `audit.json` is included). */
  withAudit: boolean;
}

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/** Writes every entry of the export into `zip`; the caller finishes (or aborts) it. */
export async function writeGroupExport(
  ctx: AppContext,
  request: GroupExportRequest,
  zip: ZipStream,
): Promise<{ versions: number }> {
  const { group, audience, locale } = request;
  await zip.add('README.txt', groupExportReadme(audience, locale));

  const meetings: ExportedMeeting[] = [];
  let versionCount = 0;
  for (const meeting of await meetingsOldestFirst(ctx, group._id)) {
    const summaries: ExportedVersionSummary[] = [];
    for (const doc of await ctx.repos.memoVersions.list(meeting._id)) {
      const path = groupExportVersionPath(
        { id: meeting._id, startsAt: meeting.startsAt.toISOString() },
        doc.version,
      );
      const files = { json: `${path}.json`, pdf: `${path}.pdf` };
      // One redaction per version, for its JSON and its PDF alike.
      const content = await audienceContent(ctx, doc, audience, meeting.agenda);
      await zip.add(files.json, json(await exportedVersion(ctx, meeting, doc, audience, content)));
      const view = viewOf({ meeting, version: doc, audience, groupName: group.name, content });
      await zip.add(files.pdf, await renderPdf(view, locale), false);
      summaries.push(versionSummaryFor(doc, files));
      versionCount++;
    }
    const review = await ctx.repos.memoReviews.findByMeeting(meeting._id);
    meetings.push(exportedMeeting(meeting, audience, summaries, review));
  }

  const [parties, members, trackedItems, consentRequests] = await Promise.all([
    ctx.repos.groups.listAllParties(group._id),
    exportedMembers(ctx, group._id, request.withEmails),
    exportedTrackedItems(ctx, group._id, audience),
    exportedConsentRequests(ctx, group._id, audience),
  ]);
  const groupExport: GroupExport = {
    format: GROUP_EXPORT_FORMAT,
    formatVersion: GROUP_EXPORT_FORMAT_VERSION,
    exportedAt: request.exportedAt.toISOString(),
    exportedBy: request.exportedBy,
    audience,
    group: exportedGroup(group),
    parties: exportedParties(parties),
    members,
    meetings,
    trackedItems,
    consentRequests,
  };
  await zip.add('group.json', json(groupExport));

  if (request.withAudit) {
    const entries: AuditEntry[] = [];
    const verification = await walkChain(ctx.repos.auditLog, group._id, (doc) =>
      entries.push(toAuditEntry(doc)),
    );
    const audit: AuditExport = {
      groupId: group._id,
      exportedAt: request.exportedAt.toISOString(),
      verification,
      entries,
    };
    await zip.add('audit.json', json(audit));
  }
  return { versions: versionCount };
}
