import type { MppProfile } from '#berkas/platform';
import { bi, esc, type Text } from './html.js';

// The one way a public page is rendered: every page (the lookup, its result, the permit's verification, the error
// pages) is a title and a <main> put into this document.

/**
 * The MPP whose public pages these are (issue 23), and where they live on the public site: `base` is '' at the root
 * (the home tenant, or an MPP on its own host name) or `/kota-denpasar`. Every link on a page is relative to it.
 */
export type PublicMpp = MppProfile & { base?: string };

/** Where the MPP is, for the dates on its pages. */
export interface PageZone {
  zone: string;
  /** WIB, WITA or WIT. */
  name: string;
}

const FOOTER = {
  contact: { id: 'Hubungi kami', en: 'Contact us' },
  hours: { id: 'Jam layanan', en: 'Opening hours' },
  phone: { id: 'Telepon', en: 'Phone' },
};

/** The whole document: the MPP's name on top, its address and contacts below, one stylesheet, one small script. */
export function layout(mpp: PublicMpp, title: Text, main: string): string {
  const wa = mpp.whatsapp ? `<li><a href="https://wa.me/${esc(mpp.whatsapp)}">WhatsApp +${esc(mpp.whatsapp)}</a></li>` : '';
  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title.id)} · ${esc(mpp.name)}</title>
<base href="${esc(mpp.base ?? '')}/">
<link rel="stylesheet" href="assets/tracking.css">
<script src="assets/tracking.js" defer></script>
</head>
<body>
<header><p class="mpp">${esc(mpp.name)}</p></header>
<main>
${main}
</main>
<footer>
<h2>${bi(FOOTER.contact)}</h2>
<p>${esc(mpp.address)}</p>
<p>${bi(FOOTER.hours)}: ${bi(mpp.hours)}</p>
<ul class="contacts">
<li><a href="tel:${esc(mpp.phone.replace(/[^\d+]/g, ''))}">${bi(FOOTER.phone)} ${esc(mpp.phone)}</a></li>${wa}
<li><a href="mailto:${esc(mpp.email)}">${esc(mpp.email)}</a></li>
</ul>
</footer>
</body>
</html>`;
}
