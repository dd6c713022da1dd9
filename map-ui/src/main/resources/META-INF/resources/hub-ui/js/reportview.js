// The 随手拍 view as one chunk of the bundle (issue 20): the report form (report.js: place, photos, categories) and
// the list of one's own reports (track.js). The first sight does without them, so app.js loads this with a dynamic
// import when the view is first shown, and otherwise when the browser is idle after the first sight.
import { initReport } from './report.js';
import { initTrack } from './track.js';

export { setReportActive, preselectGrid } from './report.js';

/** Wires the form and the list (once, after the chunk is loaded); the view stays hidden until then. */
export function initReportView() {
  initTrack();
  initReport();
}
