/**
 * Accessible names: DESIGN.md's English names are the contract (screen readers, browser tests,
 * other tools), so they stay exactly the same in every language; the Chinese words are what the
 * control shows.
 * Design: WCAG 2.5.3 would rather have the visible words inside the name; we keep the contract
 *   exact instead (a test that asks for the name "Play" must find the same control in 中文).
 */
import type { Lang } from './lang';

export function contractName(name: string, _visible: string, _lang: Lang): string {
  return name;
}
