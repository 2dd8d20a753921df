import { Table } from '@mantine/core';
import type { ReactNode } from 'react';

/** One column: its header and how a row shows in it. The first column names the row; the others are figures. */
export interface Column<Row> {
  header: string;
  cell: (row: Row) => ReactNode;
}

/** The breakdown table under a report's charts: a name column, then right-aligned figures, one row per item. */
export function ReportTable<Row>(props: {
  label: string;
  columns: Column<Row>[];
  rows: Row[];
  rowKey: (row: Row) => string;
  /** rows drawn in bold (a total line) */
  bold?: (row: Row) => boolean;
  /** wide tables scroll sideways on small screens instead of squeezing their columns */
  minWidth?: number;
}) {
  const table = (
    <Table striped aria-label={props.label}>
      <Table.Thead>
        <Table.Tr>
          {props.columns.map((c, i) => (
            <Table.Th key={c.header} ta={i === 0 ? undefined : 'right'}>
              {c.header}
            </Table.Th>
          ))}
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {props.rows.map((r) => (
          <Table.Tr key={props.rowKey(r)} fw={props.bold?.(r) ? 600 : undefined}>
            {props.columns.map((c, i) => (
              <Table.Td key={c.header} ta={i === 0 ? undefined : 'right'}>
                {c.cell(r)}
              </Table.Td>
            ))}
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
  return props.minWidth ? <Table.ScrollContainer minWidth={props.minWidth}>{table}</Table.ScrollContainer> : table;
}
