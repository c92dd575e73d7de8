import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Party } from '../../../shared/api/types';
import { STANCES, type Stance } from '../../../shared/memo/partyDoc';
import type { AgreedPointSummary, MemoSummary } from '../../../shared/memo/summary';
import { useScrollsSideways } from '../../components/DataTable';
import { useMemoLabels } from '../Version/useMemoLabels';
import { LevelBadge } from './Confidentiality';

type Cell = Stance | 'none';
const CELLS: readonly Cell[] = [...STANCES, 'none'];

/** Each stance has its own mark as well as its own colour, so colour is never the only cue. */
const MARKS: Record<Cell, string> = { agree: '✓', dissent: '✕', reservation: '!', none: '–' };

const POINT_LENGTH = 70;

function shortText(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > POINT_LENGTH ? `${flat.slice(0, POINT_LENGTH - 1)}…` : flat;
}

const cellOf = (point: AgreedPointSummary, partyId: string): Cell =>
  point.stances.find((stance) => stance.partyId === partyId)?.entry?.stance ?? 'none';

interface Props {
  summary: MemoSummary;
  parties: Party[];
}

/**
 * Every party's stance on every agreed point at a glance: rows are the agreed points under their
 * numbered agenda item, columns the parties, with a count per party at the foot. Built from the
 * same summary as the side panel; this is the negotiators' room, so confidential points show.
 */
export function StanceMatrix({ summary, parties }: Props) {
  const { t } = useTranslation();
  const labels = useMemoLabels();
  const box = useRef<HTMLDivElement>(null);
  // Wider than the screen, the table scrolls in its own box, then a named stop in the tab order
  // (the one region of that name: the heading above only names it visually).
  const scrolls = useScrollsSideways(box);
  const word = (cell: Cell) => (cell === 'none' ? labels.stanceNotStated : labels.stances[cell]);
  const sections = summary.sections
    .map((section, index) => ({ section, number: index + 1 }))
    .filter(({ section }) => section.agreedPoints.length > 0);
  const points = sections.flatMap(({ section }) => section.agreedPoints);
  const caption = t('memo.matrix.title');

  return (
    <div className="stance-matrix">
      <h2>{caption}</h2>
      {points.length === 0 ? (
        <p className="muted">{t('memo.matrix.empty')}</p>
      ) : (
        <>
          <ul className="stance-legend" aria-label={t('memo.matrix.legend')}>
            {CELLS.map((cell) => (
              <li key={cell}>
                <span className={`stance-mark stance-${cell}`} aria-hidden="true">
                  {MARKS[cell]}
                </span>{' '}
                {word(cell)}
              </li>
            ))}
          </ul>
          <div
            ref={box}
            className="table-wrapper"
            {...(scrolls ? { tabIndex: 0, role: 'region', 'aria-label': caption } : {})}
          >
            <table className="stance-matrix-table">
              <caption className="visually-hidden">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{labels.agreedPoint}</th>
                  {parties.map((party) => (
                    <th key={party.id} scope="col" className="stance-matrix-party">
                      <abbr title={party.name}>{party.shortName}</abbr>
                    </th>
                  ))}
                </tr>
              </thead>
              {sections.map(({ section, number }) => (
                <tbody key={section.sectionId}>
                  <tr>
                    <th
                      scope="rowgroup"
                      colSpan={parties.length + 1}
                      className="stance-matrix-item"
                    >
                      {number}. {section.title || t('memo.summary.untitled')}
                    </th>
                  </tr>
                  {section.agreedPoints.map((point) => (
                    <tr key={point.id}>
                      <th scope="row">
                        {shortText(point.text) || t('memo.summary.noText')}
                        {point.confidentiality === 'confidential' && (
                          <>
                            {' '}
                            <LevelBadge level="confidential" />
                          </>
                        )}
                      </th>
                      {parties.map((party) => {
                        const cell = cellOf(point, party.id);
                        const said = `${party.shortName}: ${word(cell)}`;
                        return (
                          <td key={party.id} className={`stance-cell stance-${cell}`} title={said}>
                            <span className="stance-mark" aria-hidden="true">
                              {MARKS[cell]}
                            </span>
                            <span className="visually-hidden">{said}</span>
                          </td>
                        );
                      })}
                    </tr>
                  ))}
                </tbody>
              ))}
              <tfoot>
                {CELLS.map((cell) => (
                  <tr key={cell}>
                    <th scope="row">
                      {t('memo.matrix.total')}: {word(cell)}
                    </th>
                    {parties.map((party) => (
                      <td key={party.id} className="stance-count">
                        {points.filter((point) => cellOf(point, party.id) === cell).length}
                      </td>
                    ))}
                  </tr>
                ))}
              </tfoot>
            </table>
          </div>
        </>
      )}
    </div>
  );
}
