import { Alert, Box, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import { ApiError, api, call, errorMessage, type Me } from '../api.ts';
import { BrandMark } from '../components/brand-mark.tsx';
import { signInSchema, validate } from '../validation.ts';

interface Props {
  /** shown above the form, e.g. the session expired */
  notice?: string;
  onSignedIn(me: Me): void;
}

function describeFailure(err: unknown): string {
  if (err instanceof ApiError && err.status === 429 && err.retryAfterSeconds) {
    const minutes = Math.ceil(err.retryAfterSeconds / 60);
    return `${err.message} (khoảng ${minutes} phút nữa).`;
  }
  return errorMessage(err);
}

export function SignInPage({ notice, onSignedIn }: Props) {
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);

  useEffect(() => {
    document.title = 'Đăng nhập — MediCRM';
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setFailure(null);
    const checked = validate(signInSchema, { email, password });
    if (!checked.ok) {
      setErrors(checked.errors);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      const me = await call(api.auth['sign-in'].$post({ json: checked.data }));
      onSignedIn(me);
    } catch (err) {
      setFailure(describeFailure(err));
      setSubmitting(false);
    }
  }

  return (
    <Box mih="100vh" bg="gray.0" py={{ base: 'xl', sm: 80 }} px="md">
      <Center>
        <Paper component="main" withBorder shadow="sm" radius="lg" p={{ base: 'lg', sm: 'xl' }} w="100%" maw={420}>
          <Stack gap="lg">
            <Stack gap={6}>
              <BrandMark size="lg" />
              <Title order={1} fz={24}>
                Đăng nhập MediCRM
              </Title>
              <Text c="dimmed" size="sm">
                Dành cho nhân viên phòng khám. Dùng email và mật khẩu do quản trị viên cấp.
              </Text>
            </Stack>

            {notice && (
              <Alert color="yellow" variant="light" title="Cần đăng nhập lại">
                {notice}
              </Alert>
            )}
            {failure && (
              <Alert color="red" variant="light" role="alert" title="Không đăng nhập được">
                {failure}
              </Alert>
            )}

            <form onSubmit={submit} noValidate aria-label="Đăng nhập">
              <Stack gap="md">
                <TextInput
                  label="Email"
                  placeholder="ten@phongkham.vn"
                  type="email"
                  autoComplete="username"
                  inputMode="email"
                  autoFocus
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={errors.email}
                />
                <PasswordInput
                  label="Mật khẩu"
                  placeholder="Mật khẩu của bạn"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={errors.password}
                  visibilityToggleButtonProps={{ 'aria-label': 'Hiện hoặc ẩn mật khẩu' }}
                />
                <Button type="submit" fullWidth size="md" loading={submitting} mt="xs">
                  Đăng nhập
                </Button>
              </Stack>
            </form>

            <Text size="xs" c="dimmed" ta="center">
              Quên mật khẩu? Liên hệ quản trị viên của phòng khám để được cấp lại.
            </Text>
          </Stack>
        </Paper>
      </Center>
    </Box>
  );
}
