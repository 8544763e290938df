import type { WindowBounds } from '../settings/settingsStore';

export interface ScreenArea {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How much of the window's top strip (its title bar) must be on a screen for the person to grab it. */
const GRAB_WIDTH = 120;
const GRAB_HEIGHT = 40;

/**
 * The remembered window bounds, made safe for today's screens: a window whose title bar is on no screen
 * (a monitor was unplugged, the resolution changed) opens centred instead, and never larger than the largest screen.
 */
export function placeOnScreen(saved: WindowBounds | null, screens: ScreenArea[]): WindowBounds | null {
  if (!saved || screens.length === 0) return saved;
  const largest = screens.reduce((best, area) => (area.width * area.height > best.width * best.height ? area : best));
  const width = Math.min(saved.width, largest.width);
  const height = Math.min(saved.height, largest.height);
  if (saved.x === undefined || saved.y === undefined) return { ...saved, width, height };
  const { x, y } = saved;
  const titleBarVisible = screens.some((area) => overlap(x, x + width, area.x, area.x + area.width) >= Math.min(GRAB_WIDTH, width) && y >= area.y && y + GRAB_HEIGHT <= area.y + area.height);
  return titleBarVisible ? { ...saved, width, height } : { width, height, maximized: saved.maximized };
}

function overlap(start: number, end: number, areaStart: number, areaEnd: number): number {
  return Math.max(0, Math.min(end, areaEnd) - Math.max(start, areaStart));
}
