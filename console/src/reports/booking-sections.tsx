import { BarChart, FunnelChart, LineChart } from '@mantine/charts';
import { SimpleGrid, Table } from '@mantine/core';
import { Figure, ReportCard } from './report-card.tsx';
import { channelName, formatCount, formatRate, funnelStageLabels } from './report-labels.ts';
import type { AppointmentOutcomes, BookingFunnel, ContactVolume } from './report-types.ts';

type Csv = (report: string, table: string) => string;

export function ContactVolumeSection({ data, csv }: { data: ContactVolume; csv: Csv }) {
  const byChannel = data.byChannel.map((r) => ({ ...r, name: channelName(r.channel) }));
  const daily = data.daily.map((d) => ({ ...d, day: `${d.date.slice(8)}/${d.date.slice(5, 7)}` }));
  return (
    <ReportCard
      id="contacts"
      title="Khách hàng mới và hội thoại mới"
      note="Khách hàng theo kênh liên hệ đầu tiên (hồ sơ đã gộp tính một lần); hội thoại theo kênh. Không phân theo cơ sở."
      csv={[
        { label: 'CSV theo kênh', href: csv('contacts', 'byChannel') },
        { label: 'CSV theo ngày', href: csv('contacts', 'daily') },
      ]}
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Khách hàng mới" value={formatCount(data.totals.contacts)} />
        <Figure label="Hội thoại mới" value={formatCount(data.totals.tickets)} />
      </SimpleGrid>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <BarChart
          h={240}
          data={byChannel}
          dataKey="name"
          series={[
            { name: 'contacts', label: 'Khách hàng mới', color: 'teal.6' },
            { name: 'tickets', label: 'Hội thoại mới', color: 'blue.6' },
          ]}
          withLegend
        />
        <LineChart
          h={240}
          data={daily}
          dataKey="day"
          series={[
            { name: 'contacts', label: 'Khách hàng mới', color: 'teal.6' },
            { name: 'tickets', label: 'Hội thoại mới', color: 'blue.6' },
          ]}
          withLegend
          curveType="monotone"
        />
      </SimpleGrid>
      <Table striped aria-label="Khách hàng và hội thoại mới theo kênh">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kênh</Table.Th>
            <Table.Th ta="right">Khách hàng mới</Table.Th>
            <Table.Th ta="right">Hội thoại mới</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {byChannel.map((r) => (
            <Table.Tr key={r.channel}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{formatCount(r.contacts)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.tickets)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportCard>
  );
}

const stageColors = ['teal.4', 'teal.5', 'teal.6', 'teal.8'];

export function FunnelSection({ data, csv }: { data: BookingFunnel; csv: Csv }) {
  const stages = data.stages.map((s, i) => ({
    name: funnelStageLabels[s.stage] ?? s.stage,
    value: s.count,
    color: stageColors[i] ?? 'teal.6',
  }));
  return (
    <ReportCard
      id="funnel"
      title="Phễu đặt lịch"
      note="Khách mới trong kỳ → có lịch hẹn được xác nhận → đã đến khám → hoàn tất khám (tính đến hôm nay). Lịch giữ chỗ hết hạn chưa xác nhận không tính là đặt lịch. Khi chọn cơ sở, chỉ tính lịch hẹn tại cơ sở đó."
      csv={[
        { label: 'CSV phễu', href: csv('funnel', 'stages') },
        { label: 'CSV theo kênh nguồn', href: csv('funnel', 'bySource') },
      ]}
    >
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <FunnelChart data={stages} h={220} withLabels withTooltip tooltipDataSource="segment" />
        <SimpleGrid cols={2}>
          {data.stages.map((s) => (
            <Figure
              key={s.stage}
              label={funnelStageLabels[s.stage] ?? s.stage}
              value={formatCount(s.count)}
              hint={s.stage === 'lead' ? undefined : `${formatRate(s.rateFromLead)} khách mới`}
            />
          ))}
        </SimpleGrid>
      </SimpleGrid>
      <Table striped aria-label="Chuyển đổi theo kênh nguồn">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kênh nguồn</Table.Th>
            <Table.Th ta="right">Khách mới</Table.Th>
            <Table.Th ta="right">Đã đặt lịch</Table.Th>
            <Table.Th ta="right">Đã đến khám</Table.Th>
            <Table.Th ta="right">Hoàn tất</Table.Th>
            <Table.Th ta="right">Tỉ lệ đặt lịch</Table.Th>
            <Table.Th ta="right">Tỉ lệ hoàn tất</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.bySource.map((r) => (
            <Table.Tr key={r.channel}>
              <Table.Td>{channelName(r.channel)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.leads)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.booked)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.checkedIn)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.completed)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.bookingRate)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.completionRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportCard>
  );
}

export function AppointmentOutcomesSection({ data, csv }: { data: AppointmentOutcomes; csv: Csv }) {
  const chart = data.bySource.map((r) => ({ ...r, name: channelName(r.channel) }));
  const t = data.totals;
  return (
    <ReportCard
      id="appointments"
      title="Vắng mặt và huỷ lịch"
      note="Lịch hẹn đã xác nhận có giờ khám trong kỳ, theo kênh đặt. Tỉ lệ huỷ = đã huỷ / lịch đã xác nhận; tỉ lệ vắng mặt = vắng mặt / (đã đến + vắng mặt)."
      csv={[{ label: 'CSV theo kênh đặt', href: csv('appointments', 'bySource') }]}
    >
      <SimpleGrid cols={{ base: 2, sm: 4 }}>
        <Figure label="Lịch đã xác nhận" value={formatCount(t.scheduled)} />
        <Figure label="Tỉ lệ vắng mặt" value={formatRate(t.noShowRate)} hint={`${formatCount(t.noShow)} lượt`} />
        <Figure label="Tỉ lệ huỷ" value={formatRate(t.cancellationRate)} hint={`${formatCount(t.cancelled)} lượt`} />
        <Figure label="Chưa ghi nhận" value={formatCount(t.pending)} hint="chưa tiếp đón hoặc chưa đến ngày" />
      </SimpleGrid>
      <BarChart
        h={220}
        data={chart}
        dataKey="name"
        type="stacked"
        series={[
          { name: 'attended', label: 'Đã đến', color: 'teal.6' },
          { name: 'noShow', label: 'Vắng mặt', color: 'orange.6' },
          { name: 'cancelled', label: 'Đã huỷ', color: 'red.6' },
          { name: 'pending', label: 'Chưa ghi nhận', color: 'gray.5' },
        ]}
        withLegend
      />
      <Table striped aria-label="Vắng mặt và huỷ lịch theo kênh đặt">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Kênh đặt lịch</Table.Th>
            <Table.Th ta="right">Đã xác nhận</Table.Th>
            <Table.Th ta="right">Đã đến</Table.Th>
            <Table.Th ta="right">Vắng mặt</Table.Th>
            <Table.Th ta="right">Đã huỷ</Table.Th>
            <Table.Th ta="right">Tỉ lệ vắng mặt</Table.Th>
            <Table.Th ta="right">Tỉ lệ huỷ</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {[...chart, { ...t, channel: 'total', name: 'Tổng cộng' }].map((r) => (
            <Table.Tr key={r.channel} fw={r.channel === 'total' ? 600 : undefined}>
              <Table.Td>{r.name}</Table.Td>
              <Table.Td ta="right">{formatCount(r.scheduled)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.attended)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.noShow)}</Table.Td>
              <Table.Td ta="right">{formatCount(r.cancelled)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.noShowRate)}</Table.Td>
              <Table.Td ta="right">{formatRate(r.cancellationRate)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </ReportCard>
  );
}
