// The exported PDFs checked by a real PDF/A validator: veraPDF, the PDF Association's reference
// implementation, fetched from Maven Central by scripts/provision.mjs. Without Java or veraPDF
// the test is skipped and says so; the structure and XMP checks in pdf.test.ts still run.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import type { ReleasedStatement } from '../../../shared/api/consent';
import { renderPdf } from '../../../server/export/pdf';
import { renderStatementPdf } from '../../../server/statements/pdf';
// @ts-expect-error: the provisioning script is plain JavaScript without types.
import { VERAPDF_LIB } from '../../../scripts/provision.mjs';
import type { MemoVersionView } from '../../../shared/api/memoVersions';
import { fixtureView, longContent, NORDIC_TEXT, viewOf } from './viewFixture';

const run = promisify(execFile);
// VERAPDF_LIB in the environment: a copy elsewhere (e.g. another checkout's).
const lib = process.env.VERAPDF_LIB ?? (VERAPDF_LIB as string);
const validator = path.resolve(import.meta.dirname, '../../../scripts/verapdf/Validate.java');
const hasJava = (() => {
  try {
    return (
      fs.existsSync(lib) && fs.readdirSync(lib).some((file) => file.startsWith('validation-model-'))
    );
  } catch {
    return false;
  }
})();
if (!hasJava) {
  console.warn(
    `[pdfa.test] SKIPPED: veraPDF is not at ${lib}; run \`npm run provision\` (needs Java and Maven).`,
  );
}

const STATEMENT: ReleasedStatement = {
  id: 'st-1',
  groupId: 'g-1',
  groupName: 'Äänekosken neuvotteluryhmä',
  title: 'Yhteinen kannanotto kouluverkosta',
  hash: 'ab'.repeat(32),
  round: 2,
  releasedAt: '2026-12-01T10:00:00.000Z',
  meetingId: null,
  content: {
    blocks: [
      {
        type: 'paragraph',
        runs: [
          { text: 'Ryhmät ' },
          { text: 'yhdessä', marks: ['bold'] },
          { text: ` ${NORDIC_TEXT}` },
        ],
      },
      {
        type: 'list',
        ordered: true,
        items: [[{ text: 'Yksi' }], [{ text: 'Kaksi', marks: ['italic'] }]],
      },
    ],
  },
};

/** The fixture with a council case link (a link annotation) on its first item. */
function withCaseLink(view: MemoVersionView): MemoVersionView {
  const [first, ...rest] = view.content.sections;
  if (first?.kind !== 'section') throw new Error('fixture: the first item is withheld');
  return {
    ...view,
    content: { ...view.content, sections: [{ ...first, agendaItemId: 'ag-pdfa' }, ...rest] },
    caseLinks: [
      {
        agendaItemId: 'ag-pdfa',
        link: {
          body: 'Kaupunginhallitus',
          meetingDate: '2027-01-12',
          section: '14',
          diaryNumber: '123/2026',
          url: 'https://paatokset.example.fi/asia/123-2026',
        },
      },
    ],
  };
}

describe.skipIf(!hasJava)('PDF/A-2a by veraPDF', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pdfa-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('finds the memo (every audience, a long one) and the joint statement compliant', async () => {
    const files: Record<string, Buffer> = {
      // Approved by the acting chair: the stamp's row says so (issue 19).
      'groups.pdf': await renderPdf(
        { ...withCaseLink(fixtureView('groups')), actingChair: true },
        'fi',
      ),
      'negotiators.pdf': await renderPdf(fixtureView('negotiators'), 'sv'),
      'public-long.pdf': await renderPdf(viewOf(longContent(60), 'public'), 'en'),
      'statement.pdf': await renderStatementPdf(STATEMENT, 'fi'),
    };
    const paths = Object.entries(files).map(([name, bytes]) => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, bytes);
      return file;
    });
    const { stdout } = await run('java', ['-cp', `${lib}/*`, validator, '2a', ...paths]).catch(
      (error: { stdout?: string; message: string }) => {
        // A failed rule exits 1: show what veraPDF said rather than only the exit code.
        throw new Error(error.stdout || error.message);
      },
    );
    for (const file of paths) expect(stdout).toContain(`${file}: compliant`);
  }, 180_000);
});
