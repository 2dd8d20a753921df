import { CircleAlert, type LucideIcon } from 'lucide-react';
import type { ReactNode } from 'react';
import { Button, Spinner } from 'zmp-ui';

export function Loading({ label = 'Đang tải…' }: { label?: string }) {
  return (
    <div className="mc-empty" role="status" aria-live="polite">
      <Spinner visible />
      <span>{label}</span>
    </div>
  );
}

export function ErrorState({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="mc-empty" role="alert">
      <CircleAlert size={40} />
      <span>{message}</span>
      {onRetry ? (
        <Button size="small" variant="secondary" onClick={onRetry}>
          Thử lại
        </Button>
      ) : null}
    </div>
  );
}

export function EmptyState({ icon: Icon, title, children }: { icon: LucideIcon; title: string; children?: ReactNode }) {
  return (
    <div className="mc-empty">
      <Icon size={48} strokeWidth={1.5} />
      <strong>{title}</strong>
      {children}
    </div>
  );
}

/** Loading, an error with a retry, or the loaded value. */
export function Loaded<T>({
  state,
  children,
}: {
  state: { data: T | undefined; error: string | null; loading: boolean; reload(): void };
  children: (data: T) => ReactNode;
}) {
  if (state.error) return <ErrorState message={state.error} onRetry={state.reload} />;
  if (state.loading || state.data === undefined) return <Loading />;
  return <>{children(state.data)}</>;
}
