import type { Database, DocCollection } from '../db/collection';
import { COLLECTIONS, type DocumentDoc } from '../db/schema';

/** The metadata of agenda documents; the bytes are in the document store (server/documents). */
export class DocumentRepository {
  private readonly documents: DocCollection<DocumentDoc>;
  constructor(db: Database) {
    this.documents = db.collection<DocumentDoc>(COLLECTIONS.documents);
  }

  insert(doc: DocumentDoc): Promise<void> {
    return this.documents.insertOne(doc);
  }

  listByMeeting(meetingId: string): Promise<DocumentDoc[]> {
    return this.documents.find({ meetingId }, { sort: { uploadedAt: 1 } });
  }

  findInMeeting(meetingId: string, id: string): Promise<DocumentDoc | null> {
    return this.documents.findOne({ _id: id, meetingId });
  }

  async delete(id: string): Promise<boolean> {
    return (await this.documents.deleteOne({ _id: id })) > 0;
  }
}
