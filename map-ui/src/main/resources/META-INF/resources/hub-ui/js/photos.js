// A picker for up to three photos: a camera button (capture) and a gallery button; the chosen files
// are previewed from blob: URLs of this page (nothing is uploaded until the form is sent) and can be
// removed one by one. A photo larger than the hub keeps is scaled on the phone first (photoshrink.js); until
// that is done its place shows as pending, and files() waits for it. Used by the report form and the staff's
// "handled" step.
import { el, replace } from './dom.js';
import { t } from './i18n.js';
import { MAX_PHOTO_BYTES, shrinkForUpload } from './photoshrink.js';

/**
 * Creates a picker. name: test id prefix; onProblem(kind) is called with 'count' or 'size' when a
 * file is left out. Returns { node, count() (the photos chosen, pending ones too), files() (a promise of the
 * files to send, once every pending photo is ready), reset() }.
 */
export function photoPicker(name, max, onProblem) {
  const chosen = [];
  const thumbs = el('div', { class: 'thumbs', 'data-testid': name + '-thumbs' });

  const remove = (entry) => {
    const i = chosen.indexOf(entry);
    if (i >= 0) {
      chosen.splice(i, 1);
    }
    if (entry.url) {
      URL.revokeObjectURL(entry.url);
    }
  };

  const render = () => {
    replace(thumbs, chosen.map((c, i) => el('figure', {
      class: c.url ? 'thumb' : 'thumb pending', dataset: { photo: String(i + 1) }, 'aria-busy': c.url ? null : 'true',
    },
    c.url ? el('img', { src: c.url, alt: c.file.name || '' }) : el('span', { class: 'thumb-pending', text: '…' }),
    el('button', {
      type: 'button', class: 'small-button', 'data-i18n': 'rep.removePhoto', text: t('rep.removePhoto'),
      onclick: () => {
        remove(c);
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
      const entry = { file, url: null };
      chosen.push(entry);
      entry.ready = shrinkForUpload(file).then((ready) => {
        entry.file = ready;
        if (!chosen.includes(entry)) {
          return; // removed while it was being scaled
        }
        if (ready.size > MAX_PHOTO_BYTES) {
          remove(entry);
          onProblem('size');
        } else {
          entry.url = URL.createObjectURL(ready);
        }
        render();
      });
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
    count: () => chosen.length,
    files: async () => {
      await Promise.all(chosen.map((c) => c.ready));
      return chosen.map((c) => c.file);
    },
    reset: () => {
      [...chosen].forEach(remove);
      render();
    },
  };
}
