import { Button, Grid, Group, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { errorMessage } from '../api.ts';
import { FailureAlert } from '../components/failure-alert.tsx';
import { campaignsApi, type Segment, type SegmentFilter } from './campaigns-api.ts';
import { SegmentCountPanel } from './segment-count-panel.tsx';
import { cleanFilter } from './segment-filter.ts';
import { SegmentFilterForm } from './segment-filter-form.tsx';
import type { SegmentCatalog } from './use-catalog.ts';
import { useSegmentPreview } from './use-segment-preview.ts';

interface Props {
  catalog: SegmentCatalog;
  /** a saved segment to edit; null for a new one */
  editing: Segment | null;
  onSaved(segment: Segment, created: boolean): void;
  onCancelEdit(): void;
}

/** Name and conditions of a segment, with its size counted live as the conditions change. */
export function SegmentBuilder({ catalog, editing, onSaved, onCancelEdit }: Props) {
  const [name, setName] = useState(editing?.name ?? '');
  const [description, setDescription] = useState(editing?.description ?? '');
  const [filter, setFilter] = useState<SegmentFilter>(editing?.filter ?? {});
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const live = useSegmentPreview(filter);

  const save = async () => {
    if (!name.trim()) {
      setNameError('Hãy đặt tên cho phân khúc');
      return;
    }
    setSaving(true);
    setError(null);
    const input = { name: name.trim(), description: description.trim() || undefined, filter: cleanFilter(filter) };
    try {
      const saved = editing
        ? await campaignsApi.updateSegment(editing.id, input)
        : await campaignsApi.createSegment(input);
      onSaved(saved, editing === null);
      if (!editing) {
        setName('');
        setDescription('');
        setFilter({});
      }
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Grid gutter="lg">
      <Grid.Col span={{ base: 12, md: 7 }}>
        <Paper
          withBorder
          p="md"
          component="form"
          aria-label="Tạo phân khúc"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Stack gap="md">
            <Title order={4}>{editing ? `Sửa phân khúc “${editing.name}”` : 'Phân khúc mới'}</Title>
            <TextInput
              label="Tên phân khúc"
              withAsterisk
              value={name}
              error={nameError}
              onChange={(e) => {
                setName(e.currentTarget.value);
                setNameError(null);
              }}
            />
            <Textarea
              label="Mô tả"
              autosize
              minRows={1}
              value={description}
              onChange={(e) => setDescription(e.currentTarget.value)}
            />
            <SegmentFilterForm value={filter} onChange={setFilter} catalog={catalog} />
            <FailureAlert message={error} />
            <Group justify="flex-end">
              {editing && (
                <Button variant="default" onClick={onCancelEdit} disabled={saving}>
                  Huỷ sửa
                </Button>
              )}
              <Button variant="default" onClick={() => setFilter({})} disabled={saving}>
                Xoá điều kiện
              </Button>
              <Button type="submit" loading={saving}>
                {editing ? 'Lưu thay đổi' : 'Lưu phân khúc'}
              </Button>
            </Group>
          </Stack>
        </Paper>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 5 }}>
        <div style={{ position: 'sticky', top: 80 }}>
          <SegmentCountPanel {...live} />
        </div>
      </Grid.Col>
    </Grid>
  );
}
