import { Alert, Group, Progress, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { StatFigure } from '../components/stat-figure.tsx';
import { formatCount, formatDay, formatPercent, formatVnd } from './campaign-labels.ts';
import type { CampaignPlan } from './campaigns-api.ts';

interface Props {
  plan: CampaignPlan;
  /** whether an SMS fallback text was given (otherwise the SMS line reads "không dùng") */
  smsFallback: boolean;
}

/** What the campaign will reach and cost, and how it fits in the OA's daily ZNS quota. */
export function PlanSummary({ plan, smsFallback }: Props) {
  const over = plan.quotaShare > 1;
  const noConsent = plan.audience - plan.withConsent;
  return (
    <Stack gap="md" component="section" aria-label="Kế hoạch gửi">
      <Title order={4}>Kế hoạch gửi</Title>
      <SimpleGrid cols={{ base: 1, xs: 2 }}>
        <StatFigure
          fz="xl"
          testId="plan-audience"
          label="Khách trong phân khúc"
          value={formatCount(plan.audience)}
          hint="đếm tại thời điểm lập kế hoạch"
        />
        <StatFigure
          fz="xl"
          testId="plan-consent"
          label="Có đồng ý nhận tin"
          value={formatCount(plan.withConsent)}
          hint={noConsent > 0 ? `${formatCount(noConsent)} khách không nhận tin sẽ được bỏ qua` : 'tất cả đều nhận tin'}
        />
      </SimpleGrid>

      <Table aria-label="Chi phí dự kiến" withTableBorder verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kênh</Table.Th>
            <Table.Th ta="right">Chi phí dự kiến</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          <Table.Tr>
            <Table.Td>ZNS</Table.Td>
            <Table.Td ta="right" data-testid="cost-zns">
              {formatVnd(plan.costVnd.zns)}
            </Table.Td>
          </Table.Tr>
          <Table.Tr>
            <Table.Td>SMS dự phòng</Table.Td>
            <Table.Td ta="right" data-testid="cost-sms">
              {smsFallback ? formatVnd(plan.costVnd.sms) : 'Không dùng'}
            </Table.Td>
          </Table.Tr>
          <Table.Tr fw={700}>
            <Table.Td>Tổng</Table.Td>
            <Table.Td ta="right" data-testid="cost-total">
              {formatVnd(plan.costVnd.total)}
            </Table.Td>
          </Table.Tr>
        </Table.Tbody>
      </Table>

      <Stack gap={4}>
        <Group justify="space-between">
          <Text size="sm" fw={500}>
            Hạn mức ZNS hằng ngày của OA
          </Text>
          <Text size="sm" data-testid="plan-quota">
            {formatPercent(plan.quotaShare)} của {formatCount(plan.znsDailyQuota)} tin/ngày
          </Text>
        </Group>
        <Progress
          value={Math.min(100, plan.quotaShare * 100)}
          color={over ? 'orange' : 'teal'}
          aria-label="Tỉ lệ hạn mức ZNS hằng ngày"
        />
      </Stack>
      {plan.days > 1 ? (
        <Alert color="orange" variant="light" data-testid="plan-days">
          Chiến dịch vượt hạn mức ZNS một ngày nên sẽ được chia ra gửi trong {plan.days} ngày.
        </Alert>
      ) : (
        <Text size="sm" c="dimmed" data-testid="plan-days">
          Gửi xong trong một ngày.
        </Text>
      )}
      {plan.perDay.length > 1 && (
        <Table aria-label="Số tin gửi mỗi ngày" verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Ngày</Table.Th>
              <Table.Th ta="right">Số tin</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.perDay.map((d) => (
              <Table.Tr key={d.date}>
                <Table.Td>{formatDay(d.date)}</Table.Td>
                <Table.Td ta="right">{formatCount(d.count)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
