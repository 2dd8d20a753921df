import { X } from 'lucide-react';
import { useEffect, useState } from 'react';

/**
 * One preview full screen: pinch to zoom where the webview allows it, or tap the picture to enlarge it and pan around;
 * the close button or the back of the phone (Escape) closes it. Drawn with lucide icons: zmp-ui's ImageViewer needs
 * the icon font from Zalo's CDN.
 */
export function ZoomView({ src, caption, onClose }: { src: string; caption: string; onClose: () => void }) {
  const [zoomed, setZoomed] = useState(false);
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && onClose();
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <div className="mc-zoom" role="dialog" aria-modal="true" aria-label="Ảnh phóng to">
      <div className="mc-zoom-bar">
        <span>{caption}</span>
        <button type="button" onClick={onClose} aria-label="Đóng ảnh">
          <X size={24} />
        </button>
      </div>
      <div className="mc-zoom-stage">
        <button
          type="button"
          onClick={() => setZoomed((z) => !z)}
          aria-label={zoomed ? 'Thu nhỏ ảnh' : 'Phóng to ảnh'}
          aria-pressed={zoomed}
        >
          <img src={src} alt={caption} />
        </button>
      </div>
    </div>
  );
}
