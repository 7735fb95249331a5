/**
 * A pack as one self-contained HTML page for testing on a phone: links, QR codes and live countdowns. No
 * network and no external resources; a strict Content-Security-Policy in a meta tag allows only the page's
 * own inline style and script, by hash. Every value is escaped; QR codes come in as SVG strings (the
 * `qrcode` package's, made by the caller) and are kept only when they are plain <svg><path/></svg>.
 */
import { expectedText, packTitle } from './format';
import { cspHash } from './sha256';
import type { Pack, PackCase } from './types';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);
}

const SAFE_SVG =
  /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"(?: [a-zA-Z-]+="[^"<>&]*")*>(?:<path(?: [a-zA-Z-]+="[^"<>&]*")*\/>)*<\/svg>\s*$/;

/** The SVG when it is only an <svg> of <path>s with plain attributes (no script, no links, no styles). */
export function safeSvg(svg: string): string | null {
  return SAFE_SVG.test(svg) && !/\son[a-z]+=|href=|style=/i.test(svg) ? svg.trim() : null;
}

export const PACK_STYLE = `
:root { color-scheme: light dark; font-family: system-ui, sans-serif; }
body { margin: 0 auto; max-width: 60rem; padding: 1rem; line-height: 1.4; }
h1 { font-size: 1.4rem; }
dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.meta dt { font-weight: 600; }
ol.cases { list-style: none; padding: 0; }
li.case { border: 1px solid #8884; border-radius: .5rem; padding: .8rem; margin: 0 0 1rem; display: grid; grid-template-columns: 1fr auto; gap: .5rem 1rem; }
li.case.valid { border-left: .4rem solid #2a2; }
li.case.invalid { border-left: .4rem solid #c33; }
.id { font-weight: 700; }
.expect { font-weight: 600; }
code { word-break: break-all; font-size: .85rem; }
.qr svg { width: 11rem; height: 11rem; background: #fff; }
.countdown { font-variant-numeric: tabular-nums; }
.countdown.passed { color: #c33; }
.note { opacity: .8; font-size: .9rem; }
@media (max-width: 40rem) { li.case { grid-template-columns: 1fr; } }
`;

/** Ticks every [data-at] element once a second: "expires in 0:42", then "passed 0:03 ago". */
export const PACK_SCRIPT = `
(function () {
  var els = document.querySelectorAll('[data-at]');
  function two(n) { return (n < 10 ? '0' : '') + n; }
  function fmt(s) {
    if (s >= 86400) return Math.floor(s / 86400) + ' d ' + Math.floor((s % 86400) / 3600) + ' h';
    if (s >= 3600) return Math.floor(s / 3600) + ':' + two(Math.floor((s % 3600) / 60)) + ':' + two(s % 60);
    return Math.floor(s / 60) + ':' + two(s % 60);
  }
  function tick() {
    var now = Date.now();
    for (var i = 0; i < els.length; i++) {
      var el = els[i], d = Math.round((Number(el.getAttribute('data-at')) - now) / 1000);
      if (d > 0) { el.textContent = el.getAttribute('data-label') + ' ' + fmt(d); el.classList.remove('passed'); }
      else { el.textContent = el.getAttribute('data-after') + ' ' + fmt(-d) + ' ago'; el.classList.add('passed'); }
    }
  }
  tick();
  setInterval(tick, 1000);
})();
`;

export function packCsp(): string {
  return [
    "default-src 'none'",
    `script-src ${cspHash(PACK_SCRIPT)}`,
    `style-src ${cspHash(PACK_STYLE)}`,
    "img-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

function caseHtml(pack: Pack, c: PackCase, qr: (text: string) => string | null): string {
  const value = pack.scheme === 'mmob' ? (c.signature ?? '') : (c.url ?? '');
  const svg = qr(value);
  const link =
    pack.scheme === 'eber' && /^https:\/\//.test(value)
      ? `<p><a href="${escapeHtml(value)}" rel="noreferrer noopener" target="_blank">Open this login link</a></p>`
      : '';
  const countdown = c.countdown
    ? `<p class="countdown" data-at="${c.countdown.at}" data-label="${escapeHtml(c.countdown.label)}" data-after="${escapeHtml(c.countdown.label === 'accepted in' ? 'accepted since' : 'passed')}">${escapeHtml(c.countdown.label)} …</p>`
    : '';
  const replay = c.replayOf
    ? `<p class="note">Send it after “${escapeHtml(c.replayOf)}”. signet verify-batch judges each line alone, so there it reads as “${escapeHtml(c.replayOf)}” does.</p>`
    : '';
  return `<li class="case ${c.expected.valid ? 'valid' : 'invalid'}" id="case-${escapeHtml(c.id)}">
<div>
<p><label><input type="checkbox"> <span class="id">${escapeHtml(c.id)}</span></label> — ${escapeHtml(c.description)}</p>
<p class="expect">Expect: ${escapeHtml(expectedText(c))}</p>
${countdown}${link}<p><code>${escapeHtml(value)}</code></p>${replay}
</div>
<div class="qr">${svg ?? ''}</div>
</li>`;
}

/** The page; `qr` returns an SVG string for a value (or null for none). */
export function packHtml(pack: Pack, qr: (text: string) => string | null = () => null): string {
  const meta: [string, string][] = [['generated', pack.generatedAt]];
  if (pack.toleranceSeconds !== undefined) meta.push(['tolerance', `${pack.toleranceSeconds} s`]);
  if (pack.timezone !== undefined) meta.push(['time zone', pack.timezone]);
  for (const [k, v] of Object.entries(pack.identity)) meta.push([k, v]);
  const safeQr = (text: string) => {
    const svg = qr(text);
    return svg === null ? null : safeSvg(svg);
  };
  const skipped =
    pack.skipped.length === 0
      ? ''
      : `<h2>Not in this pack</h2><ul>${pack.skipped.map((s) => `<li>${escapeHtml(s.id)}: ${escapeHtml(s.reason)}</li>`).join('')}</ul>`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(packCsp())}">
<meta name="referrer" content="no-referrer">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(packTitle(pack))}</title>
<style>${PACK_STYLE}</style>
</head>
<body>
<h1>${escapeHtml(packTitle(pack))}</h1>
<dl class="meta">${meta.map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd><code>${escapeHtml(v)}</code></dd>`).join('')}</dl>
<p class="note">Each verdict holds at the generation time; the countdowns show how long a case stays as described.</p>
<ol class="cases">
${pack.cases.map((c) => caseHtml(pack, c, safeQr)).join('\n')}
</ol>
${skipped}
<script>${PACK_SCRIPT}</script>
</body>
</html>
`;
}
