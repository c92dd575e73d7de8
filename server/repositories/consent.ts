import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import {
  COLLECTIONS,
  type ConsentAnswerDoc,
  type ConsentReleaseDoc,
  type ConsentRequestDoc,
  type ConsentRoundDoc,
  type ConsentRoundEndDoc,
} from '../db/schema';

const SEQ_DIGITS = 8;
const numbered = (requestId: string, n: number) =>
  `${requestId}:${String(n).padStart(SEQ_DIGITS, '0')}`;
export const consentRoundId = numbered;
export const consentRoundEndId = numbered;
export const consentAnswerId = numbered;

/**
 * The unanimity gate's storage (issues 5, 13). Every state change is a unique-key insert, never a
 * conditional update (FerretDB applies those non-atomically): round n is started once and ended
 * once, answer n is taken once, a request is released once. Nothing here deletes.
 */
export class ConsentRepository {
  private readonly requests: DocCollection<ConsentRequestDoc>;
  private readonly rounds: DocCollection<ConsentRoundDoc>;
  private readonly answers: DocCollection<ConsentAnswerDoc>;
  private readonly releases: DocCollection<ConsentReleaseDoc>;
  private readonly roundEnds: DocCollection<ConsentRoundEndDoc>;

  constructor(db: Database) {
    this.roundEnds = db.collection<ConsentRoundEndDoc>(COLLECTIONS.consentRoundEnds);
    this.requests = db.collection<ConsentRequestDoc>(COLLECTIONS.consentRequests);
    this.rounds = db.collection<ConsentRoundDoc>(COLLECTIONS.consentRounds);
    this.answers = db.collection<ConsentAnswerDoc>(COLLECTIONS.consentAnswers);
    this.releases = db.collection<ConsentReleaseDoc>(COLLECTIONS.consentReleases);
  }

  async createRequest(doc: ConsentRequestDoc): Promise<void> {
    await this.requests.insertOne(doc);
  }

  findRequest(requestId: string): Promise<ConsentRequestDoc | null> {
    return this.requests.findOne({ _id: requestId });
  }

  /** A group's requests of one kind, newest first. */
  listRequests(groupId: string, kind: ConsentRequestDoc['kind']): Promise<ConsentRequestDoc[]> {
    return this.requests.find({ groupId, kind }, { sort: { createdAt: -1 } });
  }

  /** Every request of the group, of any kind, oldest first. */
  listAllRequests(groupId: string): Promise<ConsentRequestDoc[]> {
    return this.requests.find({ groupId }, { sort: { createdAt: 1 } });
  }

  /** Declassification proposals on one version, oldest first. */
  listDeclassifications(meetingId: string, version: number): Promise<ConsentRequestDoc[]> {
    return this.requests
      .find({ meetingId, kind: 'declassification' }, { sort: { createdAt: 1 } })
      .then((docs) => docs.filter((doc) => doc.declassification?.version === version));
  }

  /** The publication proposals of one meeting's versions, oldest first. */
  listPublications(meetingId: string): Promise<ConsentRequestDoc[]> {
    return this.requests.find({ meetingId, kind: 'publication' }, { sort: { createdAt: 1 } });
  }

  /** Only a draft's title changes; the caller checks it is still a draft. */
  async renameRequest(requestId: string, title: string): Promise<void> {
    await this.requests.updateOne({ _id: requestId }, { $set: { title } });
  }

  /** Set by whoever started the round (the unique round insert decides who that is). */
  async setDeadline(requestId: string, deadline: Date | null): Promise<void> {
    await this.requests.updateOne({ _id: requestId }, { $set: { deadline } });
  }

  /** Requests whose deadline for answers falls in (from, to]: candidates for reminders. */
  requestsDueBetween(from: Date, to: Date): Promise<ConsentRequestDoc[]> {
    return this.requests.find({ deadline: { $gt: from, $lte: to } });
  }

  /**
   * Ids of requests where a party asked for time until a deadline in (from, to]. Deadlines are
   * stored as ISO strings in UTC (`toISOString`), which compare in time order as strings.
   */
  async timeAskedDueBetween(from: Date, to: Date): Promise<string[]> {
    const answers = await this.answers.find({
      answer: 'time',
      deadline: { $gt: from.toISOString(), $lte: to.toISOString() },
    });
    return [...new Set(answers.map((answer) => answer.requestId))];
  }

  /** False when round n was already started (by another writer or instance). */
  startRound(doc: ConsentRoundDoc): Promise<boolean> {
    return insertIfAbsent(this.rounds, doc);
  }

  async latestRound(requestId: string): Promise<ConsentRoundDoc | null> {
    const [latest] = await this.rounds.find({ requestId }, { sort: { round: -1 }, limit: 1 });
    return latest ?? null;
  }

  /** Every round, oldest first. */
  listRounds(requestId: string): Promise<ConsentRoundDoc[]> {
    return this.rounds.find({ requestId }, { sort: { round: 1 } });
  }

  /** False when round `doc.round` has ended already (released, edited or parties changed). */
  endRound(doc: ConsentRoundEndDoc): Promise<boolean> {
    return insertIfAbsent(this.roundEnds, doc);
  }

  /** How each round that ended did, oldest first. */
  listRoundEnds(requestId: string): Promise<ConsentRoundEndDoc[]> {
    return this.roundEnds.find({ requestId }, { sort: { round: 1 } });
  }

  findRoundEnd(requestId: string, round: number): Promise<ConsentRoundEndDoc | null> {
    return this.roundEnds.findOne({ _id: consentRoundEndId(requestId, round) });
  }

  /** Whether the party ever answered a consent request. */
  async partyAnswered(partyId: string): Promise<boolean> {
    return (await this.answers.findOne({ partyId })) !== null;
  }

  /** False when answer number `doc.seq` is taken: read the last one again and retry. */
  appendAnswer(doc: ConsentAnswerDoc): Promise<boolean> {
    return insertIfAbsent(this.answers, doc);
  }

  async lastAnswer(requestId: string): Promise<ConsentAnswerDoc | null> {
    const [latest] = await this.answers.find({ requestId }, { sort: { seq: -1 }, limit: 1 });
    return latest ?? null;
  }

  /** The request's answer history in stored order (the order decides which answer is latest). */
  listAnswers(requestId: string): Promise<ConsentAnswerDoc[]> {
    return this.answers.find({ requestId }, { sort: { seq: 1 } });
  }

  /** False when the request was already released. */
  release(doc: ConsentReleaseDoc): Promise<boolean> {
    return insertIfAbsent(this.releases, doc);
  }

  findRelease(requestId: string): Promise<ConsentReleaseDoc | null> {
    return this.releases.findOne({ _id: requestId });
  }

  /** A group's released requests of one kind, newest first. */
  listReleases(groupId: string, kind: ConsentReleaseDoc['kind']): Promise<ConsentReleaseDoc[]> {
    return this.releases.find({ groupId, kind }, { sort: { releasedAt: -1 } });
  }

  /** Released overlays of one memo version, in release order (how they must be applied). */
  async declassificationsOf(meetingId: string, version: number): Promise<ConsentReleaseDoc[]> {
    const docs = await this.releases.find(
      { meetingId, kind: 'declassification' },
      { sort: { releasedAt: 1 } },
    );
    return docs.filter((doc) => doc.declassification?.version === version);
  }
}
