// Audible fire alarm: a WebAudio two-tone beep loop, with vibration on phones. The AudioContext is created on a user
// gesture (the login click) because browsers block audio otherwise.

let context = null;
let timer = null;
let muted = false;
/** Loop turns while the alarm was on, and the turns that actually played the beep (for the test hook). */
let cycles = 0;
let beeps = 0;

// After a reload the session survives but no gesture happened yet: unlock on the first one.
['pointerdown', 'keydown'].forEach((type) => document.addEventListener(type, () => unlockAudio(), { once: true, capture: true }));

/** Call from a click handler (e.g. login) so later alarms may sound. */
export function unlockAudio() {
  try {
    const Ctx = window.AudioContext || window.webkitAudioContext;
    if (!Ctx) {
      return;
    }
    if (!context) {
      context = new Ctx();
    }
    if (context.state === 'suspended') {
      context.resume().catch(() => null);
    }
  } catch (e) {
    context = null;
  }
}

function beep(frequency, start, length) {
  const osc = context.createOscillator();
  const gain = context.createGain();
  osc.type = 'square';
  osc.frequency.value = frequency;
  gain.gain.setValueAtTime(0.0001, start);
  gain.gain.exponentialRampToValueAtTime(0.15, start + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, start + length);
  osc.connect(gain).connect(context.destination);
  osc.start(start);
  osc.stop(start + length + 0.05);
}

function cycle() {
  if (muted) {
    return;
  }
  cycles += 1;
  // phones: vibrate with the beep (ignored where unsupported or before the first tap)
  if (navigator.vibrate && (!navigator.userActivation || navigator.userActivation.hasBeenActive)) {
    navigator.vibrate([250, 50, 250]);
  }
  if (!context) {
    return;
  }
  if (context.state !== 'running') {
    context.resume().catch(() => null);
    return;
  }
  const now = context.currentTime;
  beep(960, now, 0.25);
  beep(760, now + 0.3, 0.25);
  beeps += 1;
}

/** Starts or stops the beep loop. */
export function setAlarm(on) {
  if (on && !timer) {
    cycle();
    timer = setInterval(cycle, 1000);
  } else if (!on && timer) {
    clearInterval(timer);
    timer = null;
    muted = false;
  }
}

export function setMuted(value) {
  muted = value;
}

export function isAlarmOn() {
  return timer !== null;
}

/** {on, muted, cycles, beeps, audio}: how often the loop turned and beeped so far, and the audio state. */
export function alarmStats() {
  return { on: timer !== null, muted, cycles, beeps, audio: context ? context.state : 'none' };
}
