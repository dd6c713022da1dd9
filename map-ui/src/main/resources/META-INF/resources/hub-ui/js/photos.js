// A picker for up to three photos: a camera button (capture) and a gallery button; the chosen files
// are previewed from blob: URLs of this page (nothing is uploaded until the form is sent) and can be
// removed one by one. Used by the report form and the staff's "handled" step.
import { el, replace } from './dom.js';
import { t } from './i18n.js';

/** The hub's limit per photo (CONTRACT §7: 5 MiB); larger files are refused here already. */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;

/**
 * Creates a picker. name: test id prefix; onProblem(kind) is called with 'count' or 'size' when a
 * file is left out. Returns { node, files(), reset() }.
 */
export function photoPicker(name, max, onProblem) {
  const chosen = [];
  const thumbs = el('div', { class: 'thumbs', 'data-testid': name + '-thumbs' });

  const render = () => {
    replace(thumbs, chosen.map((c, i) => el('figure', { class: 'thumb', dataset: { photo: String(i + 1) } },
      el('img', { src: c.url, alt: c.file.name || '' }),
      el('button', {
        type: 'button', class: 'small-button', 'data-i18n': 'rep.removePhoto', text: t('rep.removePhoto'),
        onclick: () => {
          URL.revokeObjectURL(c.url);
          chosen.splice(i, 1);
          render();
        },
      }))));
  };

  const add = (files) => {
    for (const file of files) {
      if (chosen.length >= max) {
        onProblem('count');
        break;
      }
      if (file.size > MAX_PHOTO_BYTES) {
        onProblem('size');
        continue;
      }
      chosen.push({ file, url: URL.createObjectURL(file) });
    }
    render();
  };

  const button = (key, testid, capture) => {
    const input = el('input', {
      type: 'file', accept: 'image/*', capture: capture ? 'environment' : null, multiple: !capture,
      class: 'visually-hidden', 'data-testid': testid,
    });
    input.addEventListener('change', () => {
      add([...input.files]);
      input.value = '';
    });
    return el('label', { class: 'file-button' }, el('span', { 'data-i18n': key, text: t(key) }), input);
  };

  const node = el('div', { class: 'photo-picker', 'data-testid': name },
    el('div', { class: 'button-row' }, button('rep.camera', name + '-camera', true),
      button('rep.gallery', name + '-input', false)),
    thumbs);
  return {
    node,
    files: () => chosen.map((c) => c.file),
    reset: () => {
      chosen.forEach((c) => URL.revokeObjectURL(c.url));
      chosen.length = 0;
      render();
    },
  };
}
