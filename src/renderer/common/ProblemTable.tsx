import { Pagination, ScrollArea, Stack, Table } from '@mantine/core';
import { useState } from 'react';
import type { ImportProblem } from '../../shared/members/import-fields';

const PAGE = 100;

/** Every problem of an import by row, column, value and reason, a hundred to a page (an import can have thousands). */
export function ProblemTable({ problems }: { problems: ImportProblem[] }) {
  const [page, setPage] = useState(1);
  const shown = problems.slice((page - 1) * PAGE, page * PAGE);
  // An import reading one sheet per branch names the sheet of each row.
  const sheets = problems.some((e) => e.sheet !== undefined);
  return (
    <Stack gap="xs">
      <ScrollArea.Autosize mah={320}>
        <Table verticalSpacing={4} striped aria-label="问题列表">
          <Table.Thead>
            <Table.Tr>
              {sheets && <Table.Th w={130}>工作表</Table.Th>}
              <Table.Th w={60}>行</Table.Th>
              <Table.Th w={170}>列</Table.Th>
              <Table.Th w={190}>单元格内容</Table.Th>
              <Table.Th>问题</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {shown.map((e, i) => (
              <Table.Tr key={`${e.sheet ?? ''}-${e.row}-${e.column}-${i}`}>
                {sheets && <Table.Td>{e.sheet ?? ''}</Table.Td>}
                <Table.Td className="tabular">{e.row}</Table.Td>
                <Table.Td>{e.column}</Table.Td>
                <Table.Td className="tabular" style={{ wordBreak: 'break-all' }}>
                  {e.value}
                </Table.Td>
                <Table.Td>{e.message}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </ScrollArea.Autosize>
      {problems.length > PAGE && (
        <Pagination size="xs" total={Math.ceil(problems.length / PAGE)} value={page} onChange={setPage} />
      )}
    </Stack>
  );
}
