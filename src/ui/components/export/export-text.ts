/** Visible texts of the export bar. The accessible names stay the English contract names. */
export const EXPORT_TEXT = {
  en: {
    copyMermaid: 'Copy Mermaid', downloadSvg: 'Download SVG', downloadPng: 'Download PNG', copyLink: 'Copy link', copyScenario: 'Copy scenario JSON', embed: 'Embed',
    copied: 'Copied', copiedLink: 'Link copied', copiedScenario: 'Scenario JSON copied (the CLI runs it: --scenario FILE)', saved: 'Saved', working: 'Preparing…', failed: 'Export failed',
    copyByHand: 'Copying is blocked here: the text is selected, press Ctrl+C (⌘C).',
    embedTitle: 'Embed this diagram', iframe: 'Live view (iframe, 640×480)', markdown: 'Markdown (GitHub, GitLab)',
    copy: 'Copy', close: 'Close',
  },
  zh: {
    copyMermaid: '复制 Mermaid', downloadSvg: '下载 SVG', downloadPng: '下载 PNG', copyLink: '复制链接', copyScenario: '复制场景 JSON', embed: '嵌入',
    copied: '已复制', copiedLink: '链接已复制', copiedScenario: '场景 JSON 已复制（命令行可运行：--scenario FILE）', saved: '已保存', working: '正在准备…', failed: '导出失败',
    copyByHand: '此处无法自动复制：文字已选中，请按 Ctrl+C（⌘C）。',
    embedTitle: '嵌入此图', iframe: '实时视图（iframe，640×480）', markdown: 'Markdown（GitHub、GitLab）',
    copy: '复制', close: '关闭',
  },
} as const;

export type ExportText = (typeof EXPORT_TEXT)['en' | 'zh'];
