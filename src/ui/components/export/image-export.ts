/**
 * Standalone SVG and PNG files of a diagram. The SVG comes from a Mermaid render without
 * HTML labels (mermaid-render.ts, 'export'), so it has no foreignObject and a canvas can
 * draw it without being tainted.
 *
 * Rules this file keeps:
 * - The SVG file stands alone: xmlns, explicit width and height, a white background.
 * - The PNG is twice the SVG's size, on white.
 */
import { renderMermaid } from '../../../diagram/view/mermaid-render';

const SVG_NS = 'http://www.w3.org/2000/svg';

export interface StandaloneSvg {
  text: string;
  width: number;
  height: number;
}

export async function exportSvg(mermaidText: string): Promise<StandaloneSvg> {
  const raw = await renderMermaid(mermaidText, 'export');
  const doc = new DOMParser().parseFromString(raw, 'image/svg+xml');
  const svg = doc.documentElement;
  const [, , w, h] = (svg.getAttribute('viewBox') ?? '0 0 800 600').split(/[\s,]+/).map(Number);
  const width = Math.ceil(w);
  const height = Math.ceil(h);
  svg.setAttribute('xmlns', SVG_NS);
  svg.setAttribute('width', String(width));
  svg.setAttribute('height', String(height));
  svg.setAttribute('style', 'background-color: white');
  const [x, y] = (svg.getAttribute('viewBox') ?? '0 0').split(/[\s,]+/).map(Number);
  const bg = doc.createElementNS(SVG_NS, 'rect');
  for (const [k, v] of Object.entries({ x, y, width: w, height: h, fill: 'white' })) bg.setAttribute(k, String(v));
  svg.insertBefore(bg, svg.firstChild);
  const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
  return { text, width, height };
}

export async function exportPng(mermaidText: string, scale = 2): Promise<Blob> {
  const svg = await exportSvg(mermaidText);
  const img = new Image();
  img.decoding = 'sync';
  const loaded = new Promise<void>((resolve, reject) => {
    img.onload = () => resolve();
    img.onerror = () => reject(new Error('the SVG could not be loaded as an image'));
  });
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg.text)}`;
  await loaded;
  const canvas = document.createElement('canvas');
  canvas.width = svg.width * scale;
  canvas.height = svg.height * scale;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no 2D canvas');
  ctx.fillStyle = 'white';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, svg.width, svg.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'));
}

/** Save a blob as a file through a temporary link. */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** The iframe snippet of the embed view (`?embed=1`: diagram and playback controls only). */
export function embedSnippet(shareUrl: string): string {
  const url = new URL(shareUrl);
  url.searchParams.set('embed', '1');
  const src = url.toString().replace(/&/g, '&amp;').replace(/"/g, '&quot;');
  return `<iframe src="${src}" width="640" height="480" title="MQTT QoS Lab sequence diagram" style="border:1px solid #ddd" loading="lazy"></iframe>`;
}
