import { FlaskConical } from 'lucide-react';
import { Screen } from '../components/screen.tsx';
import { EmptyState } from '../components/states.tsx';

/**
 * Lab and imaging results. The hub has no results API for patients yet (it comes with the Clinical issue), so there
 * is nothing to list: the screen says so plainly rather than showing examples.
 */
export function ResultsPage() {
  return (
    <Screen title="Kết quả khám" back name="results">
      <EmptyState icon={FlaskConical} title="Chưa có kết quả">
        <span>Kết quả xét nghiệm và chẩn đoán hình ảnh sẽ hiện ở đây khi phòng khám trả kết quả trực tuyến.</span>
      </EmptyState>
    </Screen>
  );
}
