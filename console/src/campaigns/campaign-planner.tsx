import {
  Alert,
  Button,
  Grid,
  Group,
  Modal,
  NumberInput,
  Paper,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type ChangeEvent, useEffect, useMemo, useState } from 'react';
import { errorMessage } from '../api.ts';
import { ConfirmDelete } from '../components/confirm-delete.tsx';
import { FailureAlert } from '../components/failure-alert.tsx';
import { formatDateTime, fromClinicInput, toClinicInput } from '../format.ts';
import { navigate } from '../router.ts';
import { formatCount, formatVnd } from './campaign-labels.ts';
import {
  type Campaign,
  type CampaignInput,
  type CampaignPlan,
  type CampaignTemplate,
  campaignsApi,
  type Segment,
} from './campaigns-api.ts';
import { PlanSummary } from './plan-summary.tsx';

interface Props {
  /** a draft to continue; null starts a new campaign */
  draft: Campaign | null;
  /** preselected segment (from "Tạo chiến dịch" on a saved segment) */
  segmentId?: string | null;
}

interface Form {
  name: string;
  description: string;
  segmentId: string | null;
  templateKey: string | null;
  headline: string;
  message: string;
  link: string;
  smsFallback: boolean;
  smsFallbackText: string;
  throttlePerMinute: number | '';
  attributionDays: number | '';
}

/** The form's free-text fields, bound to inputs the same way. */
type TextField = { [K in keyof Form]: Form[K] extends string ? K : never }[keyof Form];
type NumberField = 'throttlePerMinute' | 'attributionDays';

const fromDraft = (d: Campaign | null, segmentId?: string | null): Form => ({
  name: d?.name ?? '',
  description: d?.description ?? '',
  segmentId: d?.segmentId ?? segmentId ?? null,
  templateKey: d?.templateKey ?? null,
  headline: String(d?.params.headline ?? ''),
  message: String(d?.params.message ?? ''),
  link: String(d?.params.link ?? d?.targetUrl ?? 'https://'),
  smsFallback: Boolean(d?.smsFallbackText),
  smsFallbackText: d?.smsFallbackText ?? '',
  throttlePerMinute: d?.throttlePerMinute ?? 60,
  attributionDays: d?.attributionDays ?? 7,
});

function toInput(f: Form): CampaignInput | string {
  if (!f.name.trim()) return 'Hãy đặt tên cho chiến dịch';
  if (!f.segmentId) return 'Hãy chọn phân khúc khách hàng';
  if (!f.templateKey) return 'Hãy chọn mẫu ZNS';
  if (!f.headline.trim()) return 'Hãy nhập tiêu đề ưu đãi';
  if (!/^https?:\/\/[^/\s]+\.[^\s]+$/.test(f.link.trim())) return 'Đường dẫn phải là địa chỉ web đầy đủ (https://…)';
  if (f.smsFallback && !f.smsFallbackText.trim()) return 'Hãy nhập nội dung SMS dự phòng hoặc tắt SMS dự phòng';
  return {
    name: f.name.trim(),
    description: f.description.trim() || undefined,
    segmentId: f.segmentId,
    templateKey: f.templateKey,
    params: {
      headline: f.headline.trim(),
      link: f.link.trim(),
      ...(f.message.trim() ? { message: f.message.trim() } : {}),
    },
    ...(f.smsFallback ? { smsFallbackText: f.smsFallbackText.trim() } : {}),
    ...(f.throttlePerMinute !== '' ? { throttlePerMinute: f.throttlePerMinute } : {}),
    ...(f.attributionDays !== '' ? { attributionDays: f.attributionDays } : {}),
  };
}

/** SMS is charged per 160-character part without accents, 70 with: Vietnamese text usually has accents. */
function smsParts(text: string): { parts: number; unicode: boolean } {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the GSM-7 test is "only 7-bit characters"
  const unicode = /[^\u0000-\u007f]/.test(text);
  const per = unicode ? (text.length > 70 ? 67 : 70) : text.length > 160 ? 153 : 160;
  return { parts: Math.max(1, Math.ceil(text.length / per)), unicode };
}

/**
 * "Tạo chiến dịch": a segment, a ZNS marketing template with its parameters and an optional SMS fallback; the hub
 * saves it as a draft and answers with the plan (audience, consent, cost, quota), then it is sent now or scheduled.
 */
export function CampaignPlanner({ draft, segmentId }: Props) {
  const [form, setForm] = useState<Form>(() => fromDraft(draft, segmentId));
  const [saved, setSaved] = useState<Campaign | null>(draft);
  const [segments, setSegments] = useState<Segment[]>([]);
  const [templates, setTemplates] = useState<CampaignTemplate[]>([]);
  const [plan, setPlan] = useState<{ plan: CampaignPlan; for: string } | null>(null);
  const [when, setWhen] = useState<'now' | 'later'>('now');
  const [scheduleAt, setScheduleAt] = useState(() => toClinicInput(new Date(Date.now() + 60 * 60_000)));
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState<'plan' | 'launch' | 'delete' | null>(null);
  const [confirmingDelete, setConfirmingDelete] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    document.title = 'Tạo chiến dịch — MediCRM';
    Promise.all([campaignsApi.segments(), campaignsApi.templates()])
      .then(([s, t]) => {
        setSegments(s.items);
        setTemplates(t.items);
        // a clinic usually has a single marketing template: choose it
        if (t.items.length === 1) setForm((f) => (f.templateKey ? f : { ...f, templateKey: t.items[0]!.key }));
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const template = templates.find((t) => t.key === form.templateKey) ?? null;
  const input = toInput(form);
  const inputKey = typeof input === 'string' ? null : JSON.stringify(input);
  const planIsCurrent = plan !== null && plan.for === inputKey;
  const set = <K extends keyof Form>(k: K, v: Form[K]) => setForm((f) => ({ ...f, [k]: v }));
  const text = (k: TextField) => ({
    value: form[k],
    onChange: (e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => set(k, e.currentTarget.value),
  });
  // an emptied number box stays empty (the hub's default applies) instead of turning into 0
  const whole = (k: NumberField) => ({
    value: form[k],
    onChange: (v: string | number) => set(k, typeof v === 'number' ? v : ''),
  });
  const sms = useMemo(() => smsParts(form.smsFallbackText), [form.smsFallbackText]);
  const scheduledIso = fromClinicInput(scheduleAt);
  const scheduleError =
    when === 'later' && (!scheduledIso || Date.parse(scheduledIso) <= Date.now())
      ? 'Chọn một thời điểm trong tương lai (giờ Việt Nam)'
      : null;

  /** One call to the hub at a time: the button shows it working, and a refusal is said above the plan. */
  const run = async (what: 'plan' | 'launch' | 'delete', call: () => Promise<void>, onFail?: () => void) => {
    setBusy(what);
    setError(null);
    try {
      await call();
    } catch (err) {
      setError(errorMessage(err));
      onFail?.();
    } finally {
      setBusy(null);
    }
  };

  const makePlan = async () => {
    if (typeof input === 'string') {
      setError(input);
      return;
    }
    await run('plan', async () => {
      const campaign = saved
        ? // a saved draft's fallback is turned off by clearing its text
          await campaignsApi.update(saved.id, form.smsFallback ? input : { ...input, smsFallbackText: null })
        : await campaignsApi.create(input);
      setSaved(campaign);
      setPlan({ plan: await campaignsApi.plan(campaign.id), for: JSON.stringify(input) });
    });
  };

  const launch = async () => {
    if (!saved) return;
    await run(
      'launch',
      async () => {
        const launched = await campaignsApi.launch(
          saved.id,
          when === 'later' ? (scheduledIso ?? undefined) : undefined,
        );
        navigate(`/campaigns/${launched.id}`);
      },
      () => setConfirming(false),
    );
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>{draft ? `Chiến dịch nháp: ${draft.name}` : 'Tạo chiến dịch'}</Title>
        <Text c="dimmed" size="sm">
          Chỉ khách có đồng ý nhận tin tiếp thị mới được gửi; đồng ý được kiểm tra lại ngay lúc gửi.
        </Text>
      </Stack>
      <Grid gutter="lg">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Paper withBorder p="md" component="section" aria-label="Nội dung chiến dịch">
            <Stack gap="md">
              <TextInput label="Tên chiến dịch" required {...text('name')} />
              <Textarea label="Mô tả" autosize minRows={1} {...text('description')} />
              <Select
                label="Phân khúc khách hàng"
                required
                searchable
                placeholder="Chọn phân khúc"
                data={segments.map((s) => ({
                  value: s.id,
                  label: s.lastCount === null ? s.name : `${s.name} (${formatCount(s.lastCount)} khách)`,
                }))}
                value={form.segmentId}
                onChange={(v) => set('segmentId', v)}
                nothingFoundMessage="Chưa có phân khúc nào"
              />
              <Select
                label="Mẫu ZNS tiếp thị"
                required
                placeholder="Chọn mẫu"
                data={templates.map((t) => ({ value: t.key, label: `${t.name} — ${formatVnd(t.priceVnd)}/tin` }))}
                value={form.templateKey}
                onChange={(v) => set('templateKey', v)}
                description={
                  template ? `Mã mẫu ZNS ${template.znsTemplateId} · biến: ${template.variables.join(', ')}` : undefined
                }
              />
              <TextInput
                label="Tiêu đề ưu đãi"
                description="Dòng ưu đãi trong tin ZNS (tối đa 65 ký tự)"
                required
                maxLength={65}
                {...text('headline')}
              />
              <Textarea label="Lời nhắn" autosize minRows={2} maxLength={300} {...text('message')} />
              <TextInput
                label="Đường dẫn khi khách bấm vào tin"
                description="Mỗi người nhận có một đường dẫn riêng để đếm lượt nhấn"
                required
                {...text('link')}
              />
              <Switch
                label="Gửi SMS khi ZNS không tới được"
                checked={form.smsFallback}
                onChange={(e) => set('smsFallback', e.currentTarget.checked)}
              />
              {form.smsFallback && (
                <Textarea
                  label="Nội dung SMS dự phòng"
                  autosize
                  minRows={2}
                  {...text('smsFallbackText')}
                  description={`${form.smsFallbackText.length} ký tự · ${sms.parts} tin SMS${sms.unicode ? ' (có dấu)' : ''}`}
                />
              )}
              <Group grow align="flex-start">
                <NumberInput
                  label="Tốc độ gửi (tin/phút)"
                  description="0: không giới hạn (vẫn theo giới hạn của nhà cung cấp)"
                  min={0}
                  max={100_000}
                  allowDecimal={false}
                  thousandSeparator="."
                  decimalSeparator=","
                  {...whole('throttlePerMinute')}
                />
                <NumberInput
                  label="Ghi nhận đặt lịch trong (ngày)"
                  description="Khách đặt lịch trong số ngày này sau khi nhận tin được tính cho chiến dịch"
                  min={1}
                  max={90}
                  allowDecimal={false}
                  {...whole('attributionDays')}
                />
              </Group>
              <Group justify="flex-end">
                {saved && (
                  <Button variant="subtle" color="red" onClick={() => setConfirmingDelete(true)}>
                    Xoá bản nháp
                  </Button>
                )}
                <Button variant={planIsCurrent ? 'default' : 'filled'} onClick={makePlan} loading={busy === 'plan'}>
                  {plan ? 'Tính lại kế hoạch' : 'Xem kế hoạch gửi'}
                </Button>
              </Group>
            </Stack>
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md">
            <Stack gap="md">
              <FailureAlert message={error} />
              {!plan && (
                <Text size="sm" c="dimmed">
                  Điền nội dung rồi bấm “Xem kế hoạch gửi” để thấy số người nhận, chi phí và hạn mức ZNS.
                </Text>
              )}
              {plan && <PlanSummary plan={plan.plan} smsFallback={form.smsFallback} />}
              {plan && !planIsCurrent && (
                <Alert color="yellow" variant="light">
                  Nội dung đã thay đổi sau khi tính kế hoạch. Bấm “Tính lại kế hoạch” trước khi gửi.
                </Alert>
              )}
              {plan && planIsCurrent && (
                <Stack gap="sm">
                  <SegmentedControl
                    aria-label="Thời điểm gửi"
                    value={when}
                    onChange={(v) => setWhen(v === 'later' ? 'later' : 'now')}
                    data={[
                      { value: 'now', label: 'Gửi ngay' },
                      { value: 'later', label: 'Hẹn giờ gửi' },
                    ]}
                  />
                  {when === 'later' && (
                    <TextInput
                      type="datetime-local"
                      label="Gửi lúc (giờ Việt Nam)"
                      value={scheduleAt}
                      error={scheduleError}
                      onChange={(e) => setScheduleAt(e.currentTarget.value)}
                    />
                  )}
                  <Button
                    size="md"
                    disabled={plan.plan.withConsent === 0 || scheduleError !== null}
                    onClick={() => setConfirming(true)}
                  >
                    {when === 'now' ? 'Gửi chiến dịch' : 'Hẹn lịch gửi'}
                  </Button>
                </Stack>
              )}
            </Stack>
          </Paper>
        </Grid.Col>
      </Grid>
      <Modal
        opened={confirming}
        onClose={() => busy === null && setConfirming(false)}
        title={when === 'now' ? 'Gửi chiến dịch ngay?' : 'Hẹn lịch gửi chiến dịch?'}
        centered
      >
        {plan && (
          <Stack gap="md">
            <Text size="sm">
              {when === 'now'
                ? `Bắt đầu gửi tới ${formatCount(plan.plan.withConsent)} khách có đồng ý nhận tin. `
                : `Chiến dịch sẽ bắt đầu gửi lúc ${formatDateTime(scheduledIso)} tới khách có đồng ý nhận tin. `}
              Chi phí dự kiến {formatVnd(plan.plan.costVnd.total)}.
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setConfirming(false)} disabled={busy !== null}>
                Quay lại
              </Button>
              <Button onClick={launch} loading={busy === 'launch'}>
                {when === 'now' ? 'Gửi ngay' : 'Hẹn lịch'}
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <ConfirmDelete
        opened={confirmingDelete}
        title="Xoá bản nháp"
        busy={busy === 'delete'}
        error={null}
        onCancel={() => setConfirmingDelete(false)}
        onConfirm={() =>
          run(
            'delete',
            async () => {
              await campaignsApi.deleteDraft(saved!.id);
              navigate('/campaigns');
            },
            () => setConfirmingDelete(false),
          )
        }
      >
        Xoá bản nháp <b>{form.name || saved?.name}</b>? Chưa có tin nào được gửi từ bản nháp này.
      </ConfirmDelete>
    </Stack>
  );
}
