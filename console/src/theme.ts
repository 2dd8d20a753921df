import { createTheme } from '@mantine/core';

/** Calm and clinical: teal accents on white and light grey, generous radius, system fonts with Vietnamese glyphs. */
export const theme = createTheme({
  primaryColor: 'teal',
  primaryShade: 7,
  defaultRadius: 'md',
  fontFamily:
    '-apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, "Liberation Sans", "DejaVu Sans", sans-serif',
  headings: { fontWeight: '600' },
  components: {
    Button: { defaultProps: { radius: 'md' } },
    // Vietnamese reads badly in capitals, and table cells must not cut a badge to "Thành c…".
    Badge: { defaultProps: { radius: 'sm', variant: 'light', tt: 'none', fw: 600, miw: 'max-content' } },
  },
});
