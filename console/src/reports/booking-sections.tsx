import { FunnelChart, LineChart } from '@mantine/charts';
import { SimpleGrid } from '@mantine/core';
import { Figure, Figures, ReportBars, ReportCard } from './report-card.tsx';
import { channelName, formatCount, formatRate, funnelStageLabels } from './report-labels.ts';
import { ReportTable } from './report-table.tsx';
import type { AppointmentOutcomes, BookingFunnel, ContactVolume, Csv } from './report-types.ts';

const contactSeries = [
  { name: 'contacts', label: 'Khách hàng mới', color: 'teal.6' },
  { name: 'tickets', label: 'Hội thoại mới', color: 'blue.6' },
];

export function ContactVolumeSection({ data, csv }: { data: ContactVolume; csv: Csv }) {
  const byChannel = data.byChannel.map((r) => ({ ...r, name: channelName(r.channel) }));
  const daily = data.daily.map((d) => ({ ...d, day: `${d.date.slice(8)}/${d.date.slice(5, 7)}` }));
  return (
    <ReportCard
      id="contacts"
      title="Khách hàng mới và hội thoại mới"
      note="Khách hàng theo kênh liên hệ đầu tiên (hồ sơ đã gộp tính một lần); hội thoại theo kênh. Không phân theo cơ sở."
      csv={csv}
      downloads={{ byChannel: 'CSV theo kênh', daily: 'CSV theo ngày' }}
    >
      <Figures>
        <Figure label="Khách hàng mới" value={formatCount(data.totals.contacts)} />
        <Figure label="Hội thoại mới" value={formatCount(data.totals.tickets)} />
      </Figures>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <ReportBars h={240} data={byChannel} series={contactSeries} />
        <LineChart h={240} data={daily} dataKey="day" series={contactSeries} withLegend curveType="monotone" />
      </SimpleGrid>
      <ReportTable
        label="Khách hàng và hội thoại mới theo kênh"
        rows={byChannel}
        rowKey={(r) => r.channel}
        columns={[
          { header: 'Kênh', cell: (r) => r.name },
          { header: 'Khách hàng mới', cell: (r) => formatCount(r.contacts) },
          { header: 'Hội thoại mới', cell: (r) => formatCount(r.tickets) },
        ]}
      />
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
      csv={csv}
      downloads={{ stages: 'CSV phễu', bySource: 'CSV theo kênh nguồn' }}
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
      <ReportTable
        label="Chuyển đổi theo kênh nguồn"
        rows={data.bySource}
        rowKey={(r) => r.channel}
        columns={[
          { header: 'Kênh nguồn', cell: (r) => channelName(r.channel) },
          { header: 'Khách mới', cell: (r) => formatCount(r.leads) },
          { header: 'Đã đặt lịch', cell: (r) => formatCount(r.booked) },
          { header: 'Đã đến khám', cell: (r) => formatCount(r.checkedIn) },
          { header: 'Hoàn tất', cell: (r) => formatCount(r.completed) },
          { header: 'Tỉ lệ đặt lịch', cell: (r) => formatRate(r.bookingRate) },
          { header: 'Tỉ lệ hoàn tất', cell: (r) => formatRate(r.completionRate) },
        ]}
      />
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
      csv={csv}
      downloads={{ bySource: 'CSV theo kênh đặt' }}
    >
      <Figures>
        <Figure label="Lịch đã xác nhận" value={formatCount(t.scheduled)} />
        <Figure label="Tỉ lệ vắng mặt" value={formatRate(t.noShowRate)} hint={`${formatCount(t.noShow)} lượt`} />
        <Figure label="Tỉ lệ huỷ" value={formatRate(t.cancellationRate)} hint={`${formatCount(t.cancelled)} lượt`} />
        <Figure label="Chưa ghi nhận" value={formatCount(t.pending)} hint="chưa tiếp đón hoặc chưa đến ngày" />
      </Figures>
      <ReportBars
        data={chart}
        stacked
        series={[
          { name: 'attended', label: 'Đã đến', color: 'teal.6' },
          { name: 'noShow', label: 'Vắng mặt', color: 'orange.6' },
          { name: 'cancelled', label: 'Đã huỷ', color: 'red.6' },
          { name: 'pending', label: 'Chưa ghi nhận', color: 'gray.5' },
        ]}
      />
      <ReportTable
        label="Vắng mặt và huỷ lịch theo kênh đặt"
        rows={[...chart, { ...t, channel: 'total', name: 'Tổng cộng' }]}
        rowKey={(r) => r.channel}
        bold={(r) => r.channel === 'total'}
        columns={[
          { header: 'Kênh đặt lịch', cell: (r) => r.name },
          { header: 'Đã xác nhận', cell: (r) => formatCount(r.scheduled) },
          { header: 'Đã đến', cell: (r) => formatCount(r.attended) },
          { header: 'Vắng mặt', cell: (r) => formatCount(r.noShow) },
          { header: 'Đã huỷ', cell: (r) => formatCount(r.cancelled) },
          { header: 'Tỉ lệ vắng mặt', cell: (r) => formatRate(r.noShowRate) },
          { header: 'Tỉ lệ huỷ', cell: (r) => formatRate(r.cancellationRate) },
        ]}
      />
    </ReportCard>
  );
}
