import type { ReactNode } from 'react';

interface Props {
  /** Read by screen readers only; the heading above names the table visually. */
  caption: string;
  columns: string[];
  /** The rows: `<tr>` elements. */
  children: ReactNode;
}

/** A scrollable table with a caption and column headers, as every list screen shows it. */
export function DataTable({ caption, columns, children }: Props) {
  return (
    <div className="table-wrapper">
      <table>
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
