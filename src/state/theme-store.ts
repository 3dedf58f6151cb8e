/**
 * Light or dark: follows the system unless the user picked one. The choice is applied as
 * the `dark` class on <html> (index.html applies it before first paint, too).
 */
import { create } from 'zustand';

export type ThemeChoice = 'system' | 'light' | 'dark';
const KEY = 'pathlight-theme';

function readChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system'; // storage blocked: follow the system
  }
}

const systemDark = () => typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;

export function applyTheme(choice: ThemeChoice) {
  const dark = choice === 'dark' || (choice === 'system' && systemDark());
  document.documentElement.classList.toggle('dark', dark);
  document.documentElement.style.colorScheme = dark ? 'dark' : 'light';
}

interface ThemeState {
  readonly choice: ThemeChoice;
  setChoice: (c: ThemeChoice) => void;
}

export const useThemeStore = create<ThemeState>()((set) => ({
  choice: readChoice(),
  setChoice: (choice) => {
    try {
      if (choice === 'system') localStorage.removeItem(KEY);
      else localStorage.setItem(KEY, choice);
    } catch (err) {
      console.warn('Could not remember the theme', err);
    }
    applyTheme(choice);
    set({ choice });
  },
}));

if (typeof window !== 'undefined' && typeof matchMedia === 'function') {
  matchMedia('(prefers-color-scheme: dark)').addEventListener('change', () =>
    applyTheme(useThemeStore.getState().choice),
  );
}
