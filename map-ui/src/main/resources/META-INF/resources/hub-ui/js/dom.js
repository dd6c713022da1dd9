// Safe DOM helpers: every string ends up as a text node or a plain attribute value,
// never parsed as HTML. Event handlers are only accepted as functions.

// blob: URLs are made by this page's own script (URL.createObjectURL), e.g. for photos fetched with the token
const SAFE_HREF = /^(tel:[0-9+\-() ]+|https?:\/\/|\/|#|blob:)/i;

/**
 * Creates an element. props: class, text, dataset {}, on<event>: function, any other attribute.
 * Children: nodes or strings (strings become text nodes); null/false are skipped; arrays flatten.
 */
export function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (value === null || value === undefined || value === false) {
      continue;
    }
    if (key === 'class') {
      node.className = value;
    } else if (key === 'text') {
      node.textContent = String(value);
    } else if (key === 'dataset') {
      for (const [dk, dv] of Object.entries(value)) {
        node.dataset[dk] = String(dv);
      }
    } else if (key.startsWith('on')) {
      if (typeof value === 'function') {
        node.addEventListener(key.slice(2).toLowerCase(), value);
      }
    } else if (key === 'href' || key === 'src') {
      const v = String(value);
      if (SAFE_HREF.test(v)) {
        node.setAttribute(key, v);
      }
    } else if (key === 'style' && typeof value === 'object') {
      Object.assign(node.style, value);
    } else {
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

export function append(node, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(node, child);
    } else if (child instanceof Node) {
      node.appendChild(child);
    } else {
      node.appendChild(document.createTextNode(String(child)));
    }
  }
  return node;
}

/** Removes all children. */
export function clear(node) {
  while (node.firstChild) {
    node.removeChild(node.firstChild);
  }
  return node;
}

/** Replaces the children of a node. */
export function replace(node, ...children) {
  clear(node);
  return append(node, children);
}

export function byId(id) {
  return document.getElementById(id);
}

/** A tel: link with only dialable characters, showing the phone text as given. */
export function telLink(phone) {
  const dial = String(phone).replace(/[^0-9+\-() ]/g, '').trim();
  if (!dial) {
    return el('span', { text: phone });
  }
  return el('a', { href: 'tel:' + dial.replace(/[ ()]/g, ''), class: 'tel', text: phone });
}

/** Shows or hides an element via the hidden attribute. */
export function show(node, visible) {
  if (node) {
    node.hidden = !visible;
  }
}

/** Returns a function that runs fn at most once per wait ms, after calls stop. */
export function debounce(fn, wait) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), wait);
  };
}
