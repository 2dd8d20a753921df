import { Group, Text, ThemeIcon } from '@mantine/core';

/** The MediCRM cross and name, used in the header and on the sign-in card. */
export function BrandMark({ size = 'md' }: { size?: 'md' | 'lg' }) {
  const box = size === 'lg' ? 40 : 32;
  return (
    <Group gap={8} wrap="nowrap">
      <ThemeIcon size={box} radius="md" color="teal" aria-hidden>
        <svg width={box * 0.6} height={box * 0.6} viewBox="0 0 24 24" fill="currentColor" role="presentation">
          <path d="M9 3h6v6h6v6h-6v6H9v-6H3V9h6z" />
        </svg>
      </ThemeIcon>
      <Text fw={700} fz={size === 'lg' ? 'xl' : 'lg'} c="teal.8">
        MediCRM
      </Text>
    </Group>
  );
}
