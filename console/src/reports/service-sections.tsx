import { Text } from '@mantine/core';
import { Figure, Figures, ReportBars, ReportCard } from './report-card.tsx';
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
import { ReportTable } from './report-table.tsx';
import type { Csv, NotificationDelivery, ResponseTimeRow, ResponseTimes, ResultTurnaround } from './report-types.ts';

function TimesTable({ label, first, rows }: { label: string; first: string; rows: ResponseTimeRow[] }) {
  return (
    <ReportTable
      label={label}
      minWidth={760}
      rows={rows}
      rowKey={(r) => r.id ?? r.name}
      columns={[
        { header: first, cell: (r) => r.name },
        { header: 'Hội thoại', cell: (r) => formatCount(r.conversations) },
        { header: 'Phản hồi đầu (trung vị)', cell: (r) => formatMinutes(r.firstResponseMedianMinutes) },
        { header: 'Phản hồi đầu (trung bình)', cell: (r) => formatMinutes(r.firstResponseAvgMinutes) },
        { header: 'Xử lý xong (trung vị)', cell: (r) => formatMinutes(r.resolutionMedianMinutes) },
        { header: 'Xử lý xong (trung bình)', cell: (r) => formatMinutes(r.resolutionAvgMinutes) },
        { header: 'Đạt SLA phản hồi', cell: (r) => formatRate(r.firstResponseSla.rate) },
        { header: 'Đạt SLA xử lý', cell: (r) => formatRate(r.resolutionSla.rate) },
      ]}
    />
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
      csv={csv}
      downloads={{ byAgent: 'CSV theo nhân viên', byTeam: 'CSV theo nhóm' }}
    >
      <Figures>
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
      </Figures>
      <ReportBars data={chart} series={[{ name: 'median', label: 'Phản hồi đầu, trung vị (phút)', color: 'blue.6' }]} />
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
      csv={csv}
      downloads={{ byChannel: 'CSV theo kênh', outcomes: 'CSV theo trạng thái' }}
    >
      <Figures>
        <Figure label="Lượt gửi" value={formatCount(t.attempts)} />
        <Figure label="Tỉ lệ đến" value={formatRate(t.deliveryRate)} />
        <Figure label="Chi phí" value={formatVnd(t.costVnd)} />
        <Figure label="Chi phí mỗi tin đến" value={formatVnd(t.costPerDeliveredVnd)} />
      </Figures>
      <ReportBars
        data={chart}
        stacked
        series={[
          { name: 'delivered', label: 'Đã đến', color: 'teal.6' },
          { name: 'failed', label: 'Thất bại', color: 'red.6' },
          { name: 'inFlight', label: 'Chờ báo cáo', color: 'gray.5' },
        ]}
      />
      <ReportTable
        label="Thông báo theo kênh"
        rows={chart}
        rowKey={(r) => r.channel}
        columns={[
          { header: 'Kênh', cell: (r) => r.name },
          { header: 'Lượt gửi', cell: (r) => formatCount(r.attempts) },
          { header: 'Đã đến', cell: (r) => formatCount(r.delivered) },
          { header: 'Thất bại', cell: (r) => formatCount(r.failed) },
          { header: 'Tỉ lệ đến', cell: (r) => formatRate(r.deliveryRate) },
          { header: 'Chi phí', cell: (r) => formatVnd(r.costVnd) },
          { header: 'Mỗi tin đến', cell: (r) => formatVnd(r.costPerDeliveredVnd) },
        ]}
      />
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
      csv={csv}
      downloads={{ byKind: 'CSV thời gian trả kết quả' }}
    >
      <ReportBars
        h={200}
        data={chart}
        series={[
          { name: 'median', label: 'Trung vị (giờ)', color: 'teal.6' },
          { name: 'p90', label: '90% trả trong (giờ)', color: 'orange.6' },
        ]}
      />
      <ReportTable
        label="Thời gian trả kết quả"
        rows={data.byKind}
        rowKey={(r) => r.kind}
        columns={[
          { header: 'Loại', cell: (r) => orderKindLabels[r.kind] ?? r.kind },
          { header: 'Chỉ định', cell: (r) => formatCount(r.orders) },
          { header: 'Đã trả', cell: (r) => formatCount(r.released) },
          { header: 'Trung vị', cell: (r) => formatHours(r.medianHours) },
          { header: 'Trung bình', cell: (r) => formatHours(r.avgHours) },
          { header: '90% trả trong', cell: (r) => formatHours(r.p90Hours) },
        ]}
      />
    </ReportCard>
  );
}
