// The map's thumb column (bottom right, just above the phone's bottom sheet): "locate me" and a
// small legend (areas, facility icons by category, you are here), closed until asked for (it would
// cover the map); whether it is open is kept in localStorage["hub.legend"].
import { byId, el, replace } from './dom.js';
import { t, addStrings, onLangChange } from './i18n.js';
import { categoryLabel } from './format.js';
import { ICON_CATEGORIES, categorySvg, categoryColour } from './icons.js';
import { locateMe } from './position.js';
import { showError } from './api.js';

addStrings({
  zh: {
    'legend.title': '图例', 'legend.toggle': '显示/隐藏图例', 'legend.community': '社区', 'legend.compound': '小区',
    'legend.building': '楼栋', 'legend.facilities': '设施（放大后显示更多）',
  },
  en: {
    'legend.title': 'Legend', 'legend.toggle': 'Show/hide the legend', 'legend.community': 'Community',
    'legend.compound': 'Compound', 'legend.building': 'Building', 'legend.facilities': 'Facilities (more as you zoom in)',
  },
});

const PHONE = '(max-width: 767px)';
const OPEN_KEY = 'hub.legend';

export function initMapTools() {
  const legend = el('div', { id: 'legend', class: 'legend', 'data-testid': 'legend', role: 'region' });
  const toggle = el('button', {
    type: 'button', id: 'legend-toggle', class: 'tool-button', 'data-testid': 'legend-toggle', 'aria-controls': 'legend',
    onclick: () => setOpen(legend.hidden),
  });
  const locate = el('button', {
    type: 'button', id: 'locate-button', class: 'tool-button', 'data-testid': 'locate-button',
    onclick: () => locateMe((message) => showError({ message })),
  }, el('span', { class: 'locate-glyph', 'aria-hidden': 'true' }));
  const tools = el('div', { id: 'map-tools', class: 'map-tools' }, legend, el('div', { class: 'tool-column' }, toggle, locate));
  byId('layout').appendChild(tools);
  legend.hidden = stored() !== 'open';
  render();
  onLangChange(render);
  followSheet();

  function setOpen(open) {
    legend.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    try {
      localStorage.setItem(OPEN_KEY, open ? 'open' : 'closed');
    } catch (e) {
      // storage may be disabled: the choice lasts for this page
    }
  }

  function render() {
    toggle.textContent = t('legend.title');
    toggle.title = t('legend.toggle');
    toggle.setAttribute('aria-expanded', String(!legend.hidden));
    locate.title = t('loc.button');
    locate.setAttribute('aria-label', t('loc.button'));
    legend.setAttribute('aria-label', t('legend.title'));
    replace(legend,
      el('div', { class: 'legend-title', text: t('legend.title') }),
      el('ul', { class: 'legend-list' },
        ['community', 'compound', 'building'].map((level) => el('li', { dataset: { level } },
          el('span', { class: 'swatch swatch-' + level, 'aria-hidden': 'true' }), el('span', { text: t('legend.' + level) }))),
        el('li', { dataset: { here: 'true' } }, el('span', { class: 'you-are-here small', 'aria-hidden': 'true' }),
          el('span', { text: t('loc.here') }))),
      el('div', { class: 'legend-sub', text: t('legend.facilities') }),
      el('ul', { class: 'legend-list legend-facilities' }, ICON_CATEGORIES.map((c) => el('li', { dataset: { category: c } },
        el('span', { class: 'fac-dot small', style: { background: categoryColour(c) } }, categorySvg(c)),
        el('span', { text: categoryLabel(c) })))));
  }
}

function stored() {
  try {
    return localStorage.getItem(OPEN_KEY);
  } catch (e) {
    return null;
  }
}

/** Keeps the column above the phone's bottom sheet (CSS variable --sheet-h on #layout). */
function followSheet() {
  const panel = byId('panel');
  const layout = byId('layout');
  const update = () => {
    const h = window.matchMedia(PHONE).matches ? panel.offsetHeight : 0;
    layout.style.setProperty('--sheet-h', h + 'px');
  };
  window.addEventListener('resize', update);
  if (window.ResizeObserver) {
    new ResizeObserver(update).observe(panel); // also reports the first size, once laid out: no forced layout at start
  } else {
    update();
  }
}
