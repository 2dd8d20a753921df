import 'zmp-ui/zaui.css';
import './styles.css';
import { createRoot } from 'react-dom/client';
import appConfig from '../app-config.json';
import { createApi, hubBaseUrl } from './api.ts';
import { Layout } from './components/layout.tsx';
import { loadBridge } from './platform/index.ts';

window.APP_CONFIG = appConfig;

const container = document.getElementById('app');
if (!container) throw new Error('#app is missing from index.html');
const root = createRoot(container);

loadBridge().then(
  (bridge) => root.render(<Layout bridge={bridge} api={createApi({ baseUrl: hubBaseUrl() })} />),
  () => {
    container.textContent = 'Không khởi động được ứng dụng. Vui lòng đóng và mở lại Mini App.';
  },
);
