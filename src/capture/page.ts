/**
 * The receiver's answers as HTML: one small, self-contained page (no script, no external resource, one inline
 * style allowed by its hash in a strict CSP), every value HTML-escaped. And the headers every answer carries.
 */
import { createHash } from 'node:crypto';

const STYLE = [
  'body{font:15px/1.45 system-ui,sans-serif;margin:2rem auto;max-width:60rem;padding:0 1rem;color:#1b1b1f;background:#fff}',
  '@media (prefers-color-scheme:dark){body{color:#e6e6ea;background:#17171b}th,td{border-color:#444}}',
  'h1{font-size:1.35rem}.valid{color:#0a7a32}.invalid,.malformed{color:#b3261e}',
  'table{border-collapse:collapse;width:100%}th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}',
  'code,pre{font-family:ui-monospace,monospace;white-space:pre-wrap;word-break:break-all}small{opacity:.75}',
].join('');

const STYLE_HASH = createHash('sha256').update(STYLE).digest('base64');

/** No script, no frame, no form target, no resource: only the one inline style, by its hash. */
export const PAGE_CSP = `default-src 'none'; img-src data:; style-src 'sha256-${STYLE_HASH}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

/** Headers on every answer (no CORS header, ever: no other origin may read what the receiver says). */
export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': PAGE_CSP,
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Referrer-Policy': 'no-referrer',
  'Cache-Control': 'no-store',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Cross-Origin-Opener-Policy': 'same-origin',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"'`]/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageRow {
  name: string;
  value: string;
  note?: string | undefined;
}

export interface VerdictPage {
  title: string;
  /** "valid", "invalid" or "malformed": the heading's class. */
  verdict: 'valid' | 'invalid' | 'malformed';
  summary: string;
  messages: readonly string[];
  rows: readonly PageRow[];
  requestLine: string;
  footer: string;
}

export function verdictHtml(p: VerdictPage): string {
  const e = escapeHtml;
  const rows = p.rows
    .map((r) => `<tr><th>${e(r.name)}</th><td><code>${e(r.value)}</code>${r.note ? ` <small>${e(r.note)}</small>` : ''}</td></tr>`)
    .join('');
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width,initial-scale=1">',
    `<title>${e(p.title)}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body>`,
    `<h1 class="${e(p.verdict)}">${e(p.summary)}</h1>`,
    p.messages.length > 0 ? `<ul>${p.messages.map((m) => `<li>${e(m)}</li>`).join('')}</ul>` : '',
    rows ? `<h2>Parameters as the server decodes them</h2><table>${rows}</table>` : '',
    `<h2>Request as received</h2><pre>${e(p.requestLine)}</pre>`,
    `<p><small>${e(p.footer)}</small></p>`,
    '</body></html>',
  ].join('');
}

/** A plain page for refusals and unknown paths (text only: also readable with curl). */
export function messageHtml(title: string, lines: readonly string[]): string {
  const e = escapeHtml;
  return [
    '<!doctype html><html lang="en"><head><meta charset="utf-8">',
    `<title>${e(title)}</title><link rel="icon" href="data:,"><style>${STYLE}</style></head><body>`,
    `<h1>${e(title)}</h1>${lines.map((l) => `<p>${e(l)}</p>`).join('')}</body></html>`,
  ].join('');
}
