import { Alert, Badge, Button, Divider, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import type { OrgUnit } from '../../shared/contract';
import { formatChineseDate } from '../../shared/dates';
import { UNIT_KIND_LABEL } from '../../shared/org';
import { SHAPE_SOURCE } from '../../shared/org-shape';
import { Fact } from '../common/Fact';
import { PostsTable } from './PostsTable';
import { TermBadge } from './TermBadge';

export function UnitDetail({
  unit,
  parent,
  onEdit,
  onDissolve,
}: {
  unit: OrgUnit;
  parent: OrgUnit | null;
  onEdit: () => void;
  onDissolve: () => void;
}) {
  const term = unit.term;
  const live = !unit.dissolvedOn;
  return (
    <Paper withBorder p="lg" radius="md" aria-label={`${unit.name}详情`}>
      <Stack gap="md">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Group gap="xs">
              <Title order={3}>{unit.name}</Title>
              <Badge variant="outline" color="gray">
                {UNIT_KIND_LABEL[unit.kind]}
              </Badge>
              {live ? (
                <TermBadge term={term} />
              ) : (
                <Badge color="gray">已于{formatChineseDate(unit.dissolvedOn)}撤销</Badge>
              )}
            </Group>
            {parent && (
              <Text size="sm" c="dimmed" mt={4}>
                隶属：{parent.name}
              </Text>
            )}
          </div>
          {live && (
            <Group gap="xs" wrap="nowrap">
              <Button variant="default" onClick={onEdit}>
                修改
              </Button>
              {parent && (
                <Button variant="subtle" color="red" onClick={onDissolve}>
                  撤销…
                </Button>
              )}
            </Group>
          )}
        </Group>

        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="md">
          <Fact label="成立日期">{formatChineseDate(unit.foundedOn) || '未填写'}</Fact>
          {unit.kind !== 'partyGroup' && (
            <>
              <Fact label="本届任期开始">{formatChineseDate(unit.termStartedOn) || '未填写'}</Fact>
              <Fact label="任期">{unit.termYears ? `${unit.termYears}年` : '未填写'}</Fact>
              <Fact label="届满日期">
                {term.kind === 'none' ? '—' : formatChineseDate(term.endsOn)}
                {term.kind === 'endingSoon' && (
                  <Text span c="orange.8" size="sm">
                    （还有{term.daysLeft}天）
                  </Text>
                )}
                {term.kind === 'expired' && (
                  <Text span c="red.8" size="sm">
                    （已超过{term.daysOver}天）
                  </Text>
                )}
              </Fact>
            </>
          )}
          {unit.shape && (
            <Fact label={parent ? '党员人数' : '全机关党员人数'}>
              {unit.shape.members}人（正式党员{unit.shape.full}人）
            </Fact>
          )}
        </SimpleGrid>
        {unit.shape && unit.shape.warnings.length > 0 && (
          <Alert color="yellow" title="设置提示" aria-label="设置提示">
            <List size="sm" spacing={4}>
              {unit.shape.warnings.map((w) => (
                <List.Item key={w.code}>{w.message}</List.Item>
              ))}
            </List>
            <Text size="xs" c="dimmed" mt="xs">
              依据{SHAPE_SOURCE}。这些只是提示，是否调整由党组织研究并报上级党组织批准。
            </Text>
          </Alert>
        )}
        {unit.note && (
          <Text size="sm">
            <Text span c="dimmed">
              备注：
            </Text>
            {unit.note}
          </Text>
        )}

        <Divider label={unit.kind === 'partyGroup' ? '党小组组长' : '委员会组成'} labelPosition="left" />
        {/* keyed: the entry form must not carry one unit's half-typed post over to the next */}
        <PostsTable key={unit.id} unit={unit} />
      </Stack>
    </Paper>
  );
}
