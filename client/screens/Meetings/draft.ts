import type { CreateMeetingRequest } from '../../../shared/api/schemas';
import type { Meeting } from '../../../shared/api/types';
import { DEFAULT_CONFIDENTIALITY, type Confidentiality } from '../../../shared/confidentiality';
import { hasCaseLink, type CaseLink } from '../../../shared/caseLinks';
import type { AgendaItem, RedactedAgendaItem } from '../../../shared/meetings';
import { fromLocalInputValue, toLocalInputValue } from '../../i18n/format';

/** An agenda item being edited; `key` identifies it in the list, `id` once the server has it. */
export interface DraftItem {
  key: string;
  id?: string;
  title: string;
  description: string;
  confidentiality: Confidentiality;
  caseLink: DraftCaseLink;
}

/** A case link as its inputs hold it: every part a string, all empty for none. */
export type DraftCaseLink = CaseLink;

export function emptyCaseLink(): DraftCaseLink {
  return { body: '', meetingDate: '', section: '', diaryNumber: '', url: '' };
}

/** The meeting form's state: strings exactly as the inputs hold them. */
export interface MeetingDraft {
  title: string;
  /** `YYYY-MM-DDTHH:mm` in local time, as a datetime-local input holds it. */
  startsAt: string;
  location: string;
  videoLink: string;
  councilMeetingDate: string;
  agenda: DraftItem[];
}

let keyCounter = 0;
/** A key for a new item; unique within this page, which is all React needs. */
export function newItemKey(): string {
  keyCounter += 1;
  return `new-${keyCounter}`;
}

export function newDraftItem(): DraftItem {
  return {
    key: newItemKey(),
    title: '',
    description: '',
    confidentiality: DEFAULT_CONFIDENTIALITY,
    caseLink: emptyCaseLink(),
  };
}

export function emptyDraft(): MeetingDraft {
  return {
    title: '',
    startsAt: '',
    location: '',
    videoLink: '',
    councilMeetingDate: '',
    agenda: [newDraftItem()],
  };
}

export function isRedacted(item: AgendaItem | RedactedAgendaItem): item is RedactedAgendaItem {
  return 'redacted' in item && item.redacted;
}

export function draftFromMeeting(meeting: Meeting): MeetingDraft {
  return {
    title: meeting.title,
    startsAt: toLocalInputValue(meeting.startsAt),
    location: meeting.location,
    videoLink: meeting.videoLink,
    councilMeetingDate: meeting.councilMeetingDate,
    agenda: meeting.agenda
      .filter((item): item is AgendaItem => !isRedacted(item))
      .map((item) => ({ key: item.id, ...item, caseLink: item.caseLink ?? emptyCaseLink() })),
  };
}

/** The request body for a draft; the schema then judges it. */
export function requestFromDraft(draft: MeetingDraft): CreateMeetingRequest {
  return {
    title: draft.title,
    startsAt: fromLocalInputValue(draft.startsAt),
    location: draft.location,
    videoLink: draft.videoLink.trim(),
    councilMeetingDate: draft.councilMeetingDate,
    agenda: draft.agenda.map(({ id, title, description, confidentiality, caseLink }) => ({
      ...(id ? { id } : {}),
      title,
      description,
      confidentiality,
      caseLink: hasCaseLink(caseLink) ? { ...caseLink, url: caseLink.url.trim() } : null,
    })),
  };
}
