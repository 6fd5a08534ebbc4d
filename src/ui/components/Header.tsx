/** The top bar: title, the Lab / Lesson / Compare / 3.1.1 vs 5.0 tabs, language, presentation mode and the keys overlay. */
import { useLab } from '../store/lab-store';
import { setHelp, setLang, setTab, togglePresentation } from '../store/actions';
import { useT } from '../i18n';
import { contractName as cn } from '../i18n';
import { LANGS, type Lang } from '../i18n';

/** The tabs' accessible names ("Lesson" is a DESIGN.md contract; the others name what they show). */
const TAB_NAMES = { lab: 'Lab', lesson: 'Lesson', compare: 'Compare QoS', versions: '3.1.1 vs 5.0' } as const;

export function Header() {
  const t = useT();
  const lang = useLab((s) => s.view.lang);
  const tab = useLab((s) => s.view.tab);
  const presentation = useLab((s) => s.view.presentation);
  return (
    <header className="topbar">
      <div className="brand">
        <h1>{t.app.title}</h1>
        <p className="tagline">{t.app.tagline}</p>
      </div>
      <nav className="tabs" aria-label="Views">
        {(['lab', 'lesson', 'compare', 'versions'] as const).map((id) => (
          <button key={id} type="button" className="tab" aria-current={tab === id ? 'page' : undefined} aria-label={TAB_NAMES[id]} onClick={() => setTab(id)}>
            {id === 'lesson' ? t.lesson.tab : t.tabs[id]}
          </button>
        ))}
      </nav>
      <div className="topbar-tools">
        <label className="lang">
          <span className="visually-hidden">{t.header.language}</span>
          <select aria-label="Language" value={lang} onChange={(e) => setLang(e.target.value as Lang)}>
            {LANGS.map((l) => <option key={l.id} value={l.id} lang={l.id}>{l.label}</option>)}
          </select>
        </label>
        <button type="button" className="ghost" aria-pressed={presentation} aria-label={cn('Presentation mode', t.header.presentation, lang)} title={t.header.presentation} onClick={togglePresentation}>
          <span aria-hidden="true">◐</span> <span className="label-wide">{t.header.presentation}</span>
        </button>
        <button type="button" className="ghost icon" aria-label="Keyboard shortcuts" title={t.header.keys} onClick={() => setHelp(true)}>?</button>
      </div>
    </header>
  );
}
