/** The one readable problem of the moment (bad link, invalid scenario, restarted worker). */
import { useLab } from '../store/lab-store';
import { dismissAlert } from '../store/actions';
import { useT } from '../i18n';

export function AlertBanner() {
  const alert = useLab((s) => s.worker.alert);
  const t = useT();
  if (!alert) return null;
  return (
    <div className="alert" role="alert">
      <span>{alert}</span>
      <button type="button" className="ghost" onClick={dismissAlert}>{t.app.dismiss}</button>
    </div>
  );
}
