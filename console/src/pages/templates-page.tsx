import {
  Alert,
  Badge,
  Button,
  Grid,
  Group,
  Loader,
  NavLink,
  Paper,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { ApiError, api, call, errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { ChannelPreviewCard } from '../notify/channel-preview-card.tsx';
import { formatVnd, notifyChannelLabels, purposeLabels } from '../notify/notify-labels.ts';
import type { TemplatePreview } from '../notify/notify-types.ts';

/** The cost of a notification that goes out on the plan's first channel, and the most it costs if every one fails. */
function planCost(t: TemplatePreview) {
  const inPlan = t.plan.map((ch) => t.previews.find((p) => p.channel === ch)).filter((p) => p !== undefined);
  return { first: inPlan[0]?.costVnd ?? 0, worst: inPlan.reduce((n, p) => n + p.costVnd, 0) };
}

/** /notify/templates: every notification type, each channel's rendering, SMS segments and cost; try other values. */
export function TemplatesPage() {
  const [templates, setTemplates] = useState<TemplatePreview[] | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [preview, setPreview] = useState<TemplatePreview | null>(null);
  const [values, setValues] = useState<Record<string, string>>({});
  const [unicode, setUnicode] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    document.title = 'Mẫu thông báo — MediCRM';
    call(api.notify.templates.$get())
      .then((r) => {
        setTemplates(r.items);
        const first = r.items[0];
        if (first) {
          setSelected(first.key);
          setPreview(first);
          setValues(Object.fromEntries(first.variables.map((v) => [v.name, v.example])));
        }
      })
      .catch((err: unknown) => setError(errorMessage(err)));
  }, []);

  const choose = (t: TemplatePreview) => {
    setSelected(t.key);
    setPreview(t);
    setUnicode(false);
    setFieldErrors({});
    setError(null);
    setValues(Object.fromEntries(t.variables.map((v) => [v.name, v.example])));
  };

  const refresh = async () => {
    if (!selected) return;
    setBusy(true);
    setError(null);
    setFieldErrors({});
    try {
      const key = selected as TemplatePreview['key'];
      setPreview(
        await call(
          api.notify.templates[':key'].preview.$post({
            param: { key },
            json: { variables: values, smsUnicode: unicode },
          }),
        ),
      );
    } catch (err) {
      if (err instanceof ApiError && err.issues.length) {
        setFieldErrors(Object.fromEntries(err.issues.map((i) => [i.path.replace(/^variables\./, ''), i.message])));
      }
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (!templates) {
    return error ? (
      <Alert color="red" variant="light" role="alert" title="Không tải được mẫu thông báo">
        {error}
      </Alert>
    ) : (
      <Loader size="sm" />
    );
  }
  const cost = preview ? planCost(preview) : undefined;

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Title order={2}>Mẫu thông báo</Title>
        <Text c="dimmed" size="sm">
          Nội dung từng kênh của mỗi loại thông báo, số phần tin SMS và chi phí ước tính. Thử giá trị khác để xem tin
          dài bao nhiêu trước khi gửi.
        </Text>
      </Stack>
      <Grid gutter="md">
        <Grid.Col span={{ base: 12, md: 3 }}>
          <Paper withBorder p={4} component="nav" aria-label="Danh sách mẫu">
            {templates.map((t) => (
              <NavLink
                key={t.key}
                label={t.name}
                description={`${purposeLabels[t.purpose]} · ${t.plan.map((c) => notifyChannelLabels[c]).join(' → ')}`}
                active={t.key === selected}
                onClick={() => choose(t)}
              />
            ))}
          </Paper>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 9 }}>
          {preview && (
            <Stack gap="md">
              <Paper withBorder p="md">
                <Group justify="space-between" align="flex-start">
                  <Stack gap={2}>
                    <Title order={3} fz="lg">
                      {preview.name}
                    </Title>
                    <Text size="sm" c="dimmed">
                      {preview.description}
                    </Text>
                  </Stack>
                  <Group gap="xs">
                    <Badge variant="light">{purposeLabels[preview.purpose]}</Badge>
                    {preview.urgent && <Badge color="orange">Gửi cả giờ yên lặng</Badge>}
                  </Group>
                </Group>
                {cost && (
                  <Text size="sm" mt="xs" data-testid="plan-cost">
                    Chi phí mỗi tin: {formatVnd(cost.first)} nếu gửi được ở kênh đầu; tối đa {formatVnd(cost.worst)} nếu
                    phải thử mọi kênh.
                  </Text>
                )}
              </Paper>
              <Paper
                withBorder
                p="md"
                component="form"
                aria-label="Giá trị biến"
                onSubmit={(e) => {
                  e.preventDefault();
                  void refresh();
                }}
              >
                <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs">
                  {preview.variables.map((v) => (
                    <TextInput
                      key={v.name}
                      label={v.name}
                      value={values[v.name] ?? ''}
                      error={fieldErrors[v.name]}
                      onChange={(e) => setValues((prev) => ({ ...prev, [v.name]: e.currentTarget.value }))}
                    />
                  ))}
                </SimpleGrid>
                <Group justify="space-between" mt="sm">
                  <Switch
                    label="Giữ dấu tiếng Việt trong SMS (tin Unicode, 70 ký tự/phần)"
                    checked={unicode}
                    onChange={(e) => setUnicode(e.currentTarget.checked)}
                  />
                  <Button type="submit" loading={busy}>
                    Xem trước
                  </Button>
                </Group>
              </Paper>
              <FailureAlert message={error} />
              {preview.previews.map((p) => (
                <ChannelPreviewCard key={p.channel} p={p} />
              ))}
            </Stack>
          )}
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
