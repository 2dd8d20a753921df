import { ChevronLeft } from 'lucide-react';
import type { ReactNode } from 'react';
import { Header, Page, useNavigate } from 'zmp-ui';

/**
 * One screen: zmp-ui's fixed Header (with a lucide back arrow: the default one is drawn with the CDN icon font) and
 * a Page padded below it and above the bottom navigation.
 */
export function Screen({
  title,
  back,
  onBack,
  withNav = true,
  children,
  name,
}: {
  title: string;
  /** show the back arrow; onBack overrides "go to the previous screen" */
  back?: boolean;
  onBack?: () => void;
  withNav?: boolean;
  children: ReactNode;
  /** data-screen, for tests and screenshots */
  name: string;
}) {
  const navigate = useNavigate();
  return (
    <Page className={`mc-page${withNav ? '' : ' mc-no-nav'}`} data-screen={name}>
      <Header
        className="mc-header"
        title={title}
        showBackIcon={back === true}
        backIcon={
          <span className="mc-back">
            <ChevronLeft size={26} aria-hidden="true" />
            <span className="mc-sr">Quay lại</span>
          </span>
        }
        onBackClick={() => (onBack ? onBack() : navigate(-1))}
      />
      {children}
    </Page>
  );
}
