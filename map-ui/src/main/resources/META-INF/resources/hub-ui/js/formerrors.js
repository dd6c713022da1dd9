// A refused form's message next to the field it names: the hub's 400s say "parameter 'NAME': why" (or
// "field 'NAME'"); a form marks each field's slot with <p class="field-error" data-field="NAME">. Text only.

const NAMED = /(?:field|parameter) '([a-z_]+)'/;

/** Hides every field message of the form. */
export function clearFormErrors(form) {
  form.querySelectorAll('.field-error').forEach((node) => {
    node.textContent = '';
    node.hidden = true;
  });
}

/**
 * Shows an error (an ApiError, or {message, field}) next to the field it names when the form has that field's slot
 * (and focuses the field), else in {@code box}. Returns the field's name, or null when it went to the box.
 */
export function formError(form, error, box) {
  const message = (error && error.message) || String(error);
  const m = error && error.field ? [null, error.field] : NAMED.exec(message);
  const slot = m ? form.querySelector('.field-error[data-field="' + m[1] + '"]') : null;
  if (slot) {
    slot.textContent = message;
    slot.hidden = false;
    const input = form.elements[m[1]];
    const first = input && typeof input.focus !== 'function' && input.length ? input[0] : input;
    if (first && typeof first.focus === 'function') {
      first.focus();
    }
    return m[1];
  }
  if (box) {
    box.textContent = message;
    box.hidden = false;
  }
  return null;
}

/** Hides the form's general error box too. */
export function clearBox(box) {
  if (box) {
    box.textContent = '';
    box.hidden = true;
  }
}
