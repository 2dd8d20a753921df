import { BarChart } from '@mantine/charts';
import { SimpleGrid, Table, Text } from '@mantine/core';
import { Figure, ReportCard } from './report-card.tsx';
import {
  channelName,
  formatCount,
  formatHours,
  formatMinutes,
  formatRate,
  formatVnd,
  notificationStateLabels,
  orderKindLabels,
} from './report-labels.ts';
import type { NotificationDelivery, ResponseTimeRow, ResponseTimes, ResultTurnaround } from './report-types.ts';

type Csv = (report: string, table: string) => string;

function TimesTable({ label, first, rows }: { label: string; first: string; rows: ResponseTimeRow[] }) {
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped aria-label={label}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{first}</Table.Th>
            <Table.Th ta="right">Hội thoại</Table.Th>
            <Table.Th ta="right">Phản hồi đầu (trung vị)</Table.Th>
            <Table.Th ta="right">Phản hồi đầu (trung bình)</Table.Th>
            <Table.Th ta="right">Xử lý xong (trung vị)</Table.Th>
            <Table.Th ta="right">Xử lý xong (trung bình)</Table.Th>
            <Table.Th ta="right">Đạt SLA phản hồi</Table.Th>
            <Table.Th ta="right">Đạt SLA xử lý</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.id ?? r.name}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{formatCount(r.conversations)}</Table.Td>
              <Table.Td ta="right">{formatMinutes(r.firstResponseMedianMinutes)}</Table.Td>
              <Table.Td ta="right">{formatMinutes(r.firstResponseAvgMinutes)}</Table.Td>
              <Table.Td ta="right">{formatMinutes(r.resolutionMedianMinutes)}</Table.Td>
              <Table.Td ta="right">{formatMinutes(r.resolutionAvgMinutes)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.firstResponseSla.rate)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.resolutionSla.rate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

export function ResponseTimesSection({ data, csv }: { data: ResponseTimes; csv: Csv }) {
  const t = data.totals;
  const chart = data.byAgent.map((r) => ({ name: r.name, median: r.firstResponseMedianMinutes ?? 0 }));
  return (
    <ReportCard
      id="response-times"
      title="Thời gian phản hồi và SLA"
      note="Hội thoại mở trong kỳ, theo nhân viên được phân công và theo nhóm. SLA tính theo hạn mà hộp thư đặt; hạn chưa tới và chưa trả lời thì chưa tính. Không phân theo cơ sở."
      csv={[
        { label: 'CSV theo nhân viên', href: csv('response-times', 'byAgent') },
        { label: 'CSV theo nhóm', href: csv('response-times', 'byTeam') },
      ]}
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Phản hồi đầu (trung vị)" value={formatMinutes(t.firstResponseMedianMinutes)} />
        <Figure label="Xử lý xong (trung vị)" value={formatMinutes(t.resolutionMedianMinutes)} />
        <Figure
          label="Đạt SLA phản hồi"
          value={formatRate(t.firstResponseSla.rate)}
          hint={`${formatCount(t.firstResponseSla.missed)} lượt trễ`}
        />
        <Figure
          label="Đạt SLA xử lý"
          value={formatRate(t.resolutionSla.rate)}
          hint={`${formatCount(t.resolutionSla.missed)} lượt trễ`}
        />
      </SimpleGrid>
      <BarChart
        h={220}
        data={chart}
        dataKey="name"
        series={[{ name: 'median', label: 'Phản hồi đầu, trung vị (phút)', color: 'blue.6' }]}
        withLegend
      />
      <TimesTable label="Thời gian phản hồi theo nhân viên" first="Nhân viên" rows={data.byAgent} />
      <TimesTable label="Thời gian phản hồi theo nhóm" first="Nhóm" rows={data.byTeam} />
    </ReportCard>
  );
}

export function NotificationDeliverySection({ data, csv }: { data: NotificationDelivery; csv: Csv }) {
  const chart = data.byChannel.map((r) => ({ ...r, name: channelName(r.channel) }));
  const t = data.totals;
  return (
    <ReportCard
      id="notifications"
      title="Thông báo: tỉ lệ đến và chi phí"
      note="Lượt gửi trong kỳ theo kênh; đã đến = nhà mạng báo đã nhận hoặc đã xem. Chi phí theo báo giá nhà cung cấp. Khi chọn cơ sở, chỉ tính thông báo về lịch hẹn tại cơ sở đó."
      csv={[
        { label: 'CSV theo kênh', href: csv('notifications', 'byChannel') },
        { label: 'CSV theo trạng thái', href: csv('notifications', 'outcomes') },
      ]}
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Lượt gửi" value={formatCount(t.attempts)} />
        <Figure label="Tỉ lệ đến" value={formatRate(t.deliveryRate)} />
        <Figure label="Chi phí" value={formatVnd(t.costVnd)} />
        <Figure label="Chi phí mỗi tin đến" value={formatVnd(t.costPerDeliveredVnd)} />
      </SimpleGrid>
      <BarChart
        h={220}
        data={chart}
        dataKey="name"
        type="stacked"
        series={[
          { name: 'delivered', label: 'Đã đến', color: 'teal.6' },
          { name: 'failed', label: 'Thất bại', color: 'red.6' },
          { name: 'inFlight', label: 'Chờ báo cáo', color: 'gray.5' },
        ]}
        withLegend
      />
      <Table striped aria-label="Thông báo theo kênh">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kênh</Table.Th>
            <Table.Th ta="right">Lượt gửi</Table.Th>
            <Table.Th ta="right">Đã đến</Table.Th>
            <Table.Th ta="right">Thất bại</Table.Th>
            <Table.Th ta="right">Tỉ lệ đến</Table.Th>
            <Table.Th ta="right">Chi phí</Table.Th>
            <Table.Th ta="right">Mỗi tin đến</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {chart.map((r) => (
            <Table.Tr key={r.channel}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{formatCount(r.attempts)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.delivered)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.failed)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.deliveryRate)}</Table.Td>
              <Table.Td ta="right">{formatVnd(r.costVnd)}</Table.Td>
              <Table.Td ta="right">{formatVnd(r.costPerDeliveredVnd)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {data.outcomes.length > 0 && (
        <Text size="sm" c="dimmed">
          Thông báo tạo trong kỳ:{' '}
          {data.outcomes
            .map((o) => `${notificationStateLabels[o.state] ?? o.state} ${formatCount(o.count)}`)
            .join(' · ')}
        </Text>
      )}
    </ReportCard>
  );
}

export function ResultTurnaroundSection({ data, csv }: { data: ResultTurnaround; csv: Csv }) {
  const chart = data.byKind.map((r) => ({
    name: orderKindLabels[r.kind] ?? r.kind,
    median: r.medianHours ?? 0,
    p90: r.p90Hours ?? 0,
  }));
  return (
    <ReportCard
      id="results"
      title="Thời gian trả kết quả"
      note="Chỉ định trong kỳ (trừ chỉ định đã huỷ): thời gian từ lúc chỉ định đến khi kết quả được trả cho người bệnh. Khi chọn cơ sở, chỉ tính chỉ định của lượt khám tại cơ sở đó."
      csv={[{ label: 'CSV thời gian trả kết quả', href: csv('results', 'byKind') }]}
    >
      <BarChart
        h={200}
        data={chart}
        dataKey="name"
        series={[
          { name: 'median', label: 'Trung vị (giờ)', color: 'teal.6' },
          { name: 'p90', label: '90% trả trong (giờ)', color: 'orange.6' },
        ]}
        withLegend
      />
      <Table striped aria-label="Thời gian trả kết quả">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Loại</Table.Th>
            <Table.Th ta="right">Chỉ định</Table.Th>
            <Table.Th ta="right">Đã trả</Table.Th>
            <Table.Th ta="right">Trung vị</Table.Th>
            <Table.Th ta="right">Trung bình</Table.Th>
            <Table.Th ta="right">90% trả trong</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.byKind.map((r) => (
            <Table.Tr key={r.kind}>
              <Table.Td>{orderKindLabels[r.kind] ?? r.kind}</Table.Td>
              <Table.Td ta="right">{formatCount(r.orders)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.released)}</Table.Td>
              <Table.Td ta="right">{formatHours(r.medianHours)}</Table.Td>
              <Table.Td ta="right">{formatHours(r.avgHours)}</Table.Td>
              <Table.Td ta="right">{formatHours(r.p90Hours)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportCard>
  );
}
