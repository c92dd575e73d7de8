import { randomUUID } from 'node:crypto';
import type { Locale } from '../../shared/locales';
import type { Database, DocCollection } from '../db/collection';
import { insertIfAbsent } from '../db/insertIfAbsent';
import { COLLECTIONS, type UserDoc } from '../db/schema';
import { conflict } from '../errors';

export class UserRepository {
  private readonly users: DocCollection<UserDoc>;
  constructor(db: Database) {
    this.users = db.collection<UserDoc>(COLLECTIONS.users);
  }

  async create(input: { email: string; name: string; passwordHash: string; locale: Locale }) {
    const user: UserDoc = { _id: randomUUID(), ...input, createdAt: new Date() };
    if (!(await insertIfAbsent(this.users, user)))
      throw conflict('An account with this email exists.');
    return user;
  }

  findById(id: string) {
    return this.users.findOne({ _id: id });
  }

  findByEmail(email: string) {
    return this.users.findOne({ email: email.toLowerCase() });
  }

  findByIds(ids: readonly string[]) {
    return this.users.find({ _id: { $in: ids } });
  }

  findByEmails(emails: readonly string[]) {
    return this.users.find({ email: { $in: emails.map((email) => email.toLowerCase()) } });
  }

  list() {
    return this.users.find({}, { sort: { createdAt: 1 } });
  }

  disable(id: string, at = new Date()) {
    return this.users.updateOne({ _id: id }, { $set: { disabledAt: at } });
  }

  enable(id: string) {
    return this.users.updateOne({ _id: id }, { $unset: { disabledAt: true } });
  }

  remove(id: string) {
    return this.users.deleteOne({ _id: id });
  }

  update(
    id: string,
    changes: Partial<Pick<UserDoc, 'name' | 'locale' | 'passwordHash' | 'emailPreference'>>,
  ) {
    return this.users.findOneAndUpdate({ _id: id }, { $set: changes });
  }
}
