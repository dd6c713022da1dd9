// A photo made ready for upload on the phone itself (issue 16): a phone camera's picture is often more than the hub
// takes (CONTRACT §7: 5 MiB a photo; a 48-megapixel phone writes 8–15 MB) or more pixels than the hub keeps (it scales
// every photo to at most MAX_EDGE px on its longer side, ImageIoPhotoSanitizer.MAX_EDGE). Such a photo is scaled to
// MAX_EDGE and encoded anew as a JPEG here, before it is sent: the upload is a fraction of the bytes on a mobile network,
// it is not refused for its size, and its EXIF (GPS position, device serial) never leaves the phone. The browser applies
// the EXIF Orientation when it decodes (`image-orientation: from-image`, Chromium 81+, Safari 13.1+), so the pixels
// drawn are upright and the result, which has no EXIF, is too. A photo the hub would keep as it is (within MAX_EDGE and
// 5 MiB) is sent untouched (one lossy encoding fewer); a file the browser cannot decode is sent as it is, and the hub
// answers for it (415). The hub re-encodes whatever arrives either way: this is for the resident, not for the hub's
// privacy rules. Cost: one decode and one encode on the phone (a few hundred ms for 12 megapixels), nothing otherwise.

/** The hub's limit per photo (CONTRACT §7: 5 MiB). */
export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
/** The longer side the hub stores photos at (ImageIoPhotoSanitizer.MAX_EDGE). */
export const MAX_EDGE = 2048;
/** The JPEG quality of a photo scaled here (the hub encodes its copy at 85 from this). */
const QUALITY = 0.9;
/** The kinds the hub takes by content; another image kind the browser decodes (HEIC on Safari) is converted. */
const TAKEN = /^image\/(jpeg|png|webp)$/;

/** The decoded picture of a file, upright, or null when this browser cannot decode it. */
async function decode(file) {
  const url = URL.createObjectURL(file);
  const img = new Image();
  img.src = url;
  try {
    await img.decode();
    return { img, url };
  } catch (e) {
    URL.revokeObjectURL(url);
    return null;
  }
}

/** The size a w × h picture is sent at: scaled to MAX_EDGE on its longer side, never enlarged. */
function uploadSize(w, h) {
  const scale = Math.min(1, MAX_EDGE / Math.max(w, h));
  return { w: Math.max(1, Math.round(w * scale)), h: Math.max(1, Math.round(h * scale)), scaled: scale < 1 };
}

/**
 * The file to send for a chosen photo: a new JPEG File of at most MAX_EDGE px (transparent parts white, as the hub
 * draws them) when the photo is larger in pixels or bytes than the hub keeps, or not of a kind the hub takes; else
 * the file itself. Never rejects.
 */
export async function shrinkForUpload(file) {
  if (!file.type.startsWith('image/')) {
    return file;
  }
  const decoded = await decode(file);
  if (!decoded) {
    return file;
  }
  try {
    return await scaledJpeg(file, decoded.img);
  } catch (e) {
    return file; // no canvas (out of memory): sent as it is, the hub answers for it
  } finally {
    URL.revokeObjectURL(decoded.url);
  }
}

/** The JPEG File to send for a decoded photo, or the file itself when the hub keeps it as it is. */
async function scaledJpeg(file, img) {
  const size = uploadSize(img.naturalWidth, img.naturalHeight);
  if (!size.scaled && file.size <= MAX_PHOTO_BYTES && TAKEN.test(file.type)) {
    return file;
  }
  const canvas = document.createElement('canvas');
  canvas.width = size.w;
  canvas.height = size.h;
  const g = canvas.getContext('2d');
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size.w, size.h);
  g.imageSmoothingQuality = 'high';
  g.drawImage(img, 0, 0, size.w, size.h);
  const blob = await new Promise((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  canvas.width = 0; // the pixels go now, not with the next collection
  if (!blob) {
    return file;
  }
  const name = (file.name || 'photo').replace(/\.[^.]*$/, '') + '.jpg';
  return new File([blob], name, { type: 'image/jpeg', lastModified: file.lastModified });
}
