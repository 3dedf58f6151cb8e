import { describe, expect, it } from 'vitest';
import { windowText, zoomKey } from './zoom-keys';
import { formatDuration } from '../lib/format';

const whole = { fromUs: 0, toUs: 1000 };

describe('zoomKey', () => {
  it('+ halves the window around its middle, − doubles it, back to the whole trace as a reset', () => {
    expect(zoomKey('+', whole, 1000)).toEqual({ kind: 'zoom', fromUs: 250, toUs: 750 });
    expect(zoomKey('=', { fromUs: 250, toUs: 750 }, 1000)).toEqual({ kind: 'zoom', fromUs: 375, toUs: 625 });
    expect(zoomKey('-', { fromUs: 375, toUs: 625 }, 1000)).toEqual({ kind: 'zoom', fromUs: 250, toUs: 750 });
    expect(zoomKey('-', { fromUs: 250, toUs: 750 }, 1000)).toEqual({ kind: 'reset' });
  });

  it('zooming out near an edge keeps the window inside the trace', () => {
    expect(zoomKey('-', { fromUs: 0, toUs: 100 }, 1000)).toEqual({ kind: 'zoom', fromUs: 0, toUs: 200 });
    expect(zoomKey('-', { fromUs: 900, toUs: 1000 }, 1000)).toEqual({ kind: 'zoom', fromUs: 800, toUs: 1000 });
  });

  it('arrows move the window by a tenth of its width, pages by half, Home/End to the ends, never past them', () => {
    const w = { fromUs: 400, toUs: 600 };
    expect(zoomKey('ArrowRight', w, 1000)).toEqual({ kind: 'zoom', fromUs: 420, toUs: 620 });
    expect(zoomKey('ArrowLeft', w, 1000)).toEqual({ kind: 'zoom', fromUs: 380, toUs: 580 });
    expect(zoomKey('PageUp', w, 1000)).toEqual({ kind: 'zoom', fromUs: 500, toUs: 700 });
    expect(zoomKey('Home', w, 1000)).toEqual({ kind: 'zoom', fromUs: 0, toUs: 200 });
    expect(zoomKey('End', w, 1000)).toEqual({ kind: 'zoom', fromUs: 800, toUs: 1000 });
    expect(zoomKey('ArrowRight', { fromUs: 800, toUs: 1000 }, 1000)).toBeUndefined(); // already at the end
    expect(zoomKey('ArrowLeft', { fromUs: 0, toUs: 200 }, 1000)).toBeUndefined();
  });

  it('keys that would change nothing, or are not zoom keys, are left to the page', () => {
    expect(zoomKey('ArrowLeft', whole, 1000)).toBeUndefined();
    expect(zoomKey('-', whole, 1000)).toBeUndefined();
    expect(zoomKey('0', whole, 1000)).toBeUndefined();
    expect(zoomKey('Enter', whole, 1000)).toBeUndefined();
    expect(zoomKey('j', { fromUs: 10, toUs: 20 }, 1000)).toBeUndefined();
    expect(zoomKey('Tab', { fromUs: 10, toUs: 20 }, 1000)).toBeUndefined();
  });

  it('0, Enter and Space show the whole trace again', () => {
    for (const k of ['0', 'Enter', ' ']) expect(zoomKey(k, { fromUs: 10, toUs: 20 }, 1000)).toEqual({ kind: 'reset' });
  });

  it('does not zoom below 1 µs', () => {
    expect(zoomKey('+', { fromUs: 10, toUs: 11 }, 1000)).toBeUndefined();
    expect(zoomKey('+', { fromUs: 10, toUs: 12 }, 1000)).toEqual({ kind: 'zoom', fromUs: 10.5, toUs: 11.5 });
  });
});

describe('windowText', () => {
  it('names the window, or says it is the whole trace', () => {
    expect(windowText(whole, 1000, formatDuration)).toBe('the whole trace, 1 ms');
    expect(windowText({ fromUs: 12_000, toUs: 340_000 }, 1_200_000, formatDuration)).toBe('12 ms to 340 ms of 1.2 s');
  });
});
