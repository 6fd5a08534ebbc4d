/**
 * Copy text to the clipboard. `navigator.clipboard` needs a secure context and permission;
 * when it fails, the caller shows the text selected in a textarea for Ctrl+C instead.
 */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
