import type { Download } from "../client/types";

/**
 * Hands a downloaded file to the browser to save, under its own name. The link is made and clicked in the page's own
 * document (a task pane cannot open a save dialog otherwise) and its object URL released once the click is handled.
 */
export function saveDownload(download: Download, doc: Document = document): void {
  const url = URL.createObjectURL(download.blob);
  const link = doc.createElement("a");
  link.href = url;
  link.download = download.fileName;
  link.rel = "noopener";
  link.style.display = "none";
  doc.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 0);
  }
}
