import { Alert } from '@mantine/core';

/** What went wrong that belongs to no field (the hub's message, or the network's), above a form or a list. */
export function FailureAlert({ message }: { message: string | null | undefined }) {
  if (!message) return null;
  return (
    <Alert color="red" variant="light" role="alert">
      {message}
    </Alert>
  );
}
