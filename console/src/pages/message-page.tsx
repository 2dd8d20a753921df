import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { type ReactNode, useEffect } from 'react';
import { navigate } from '../router.ts';

/** A page that only explains something (not found, no access), with a way back. */
export function MessagePage({ title, children }: { title: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — MediCRM`;
  }, [title]);
  return (
    <Paper withBorder p="xl" maw={560}>
      <Stack gap="sm" align="flex-start">
        <Title order={2} fz="xl">
          {title}
        </Title>
        <Text c="dimmed">{children}</Text>
        <Button variant="light" onClick={() => navigate('/')}>
          Về trang Tổng quan
        </Button>
      </Stack>
    </Paper>
  );
}
