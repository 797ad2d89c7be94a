import { useEffect, useSyncExternalStore } from 'react';
import { useSettingsStore } from '../state/settings-store';

const query = '(prefers-color-scheme: dark)';

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(query);
  media.addEventListener('change', onChange);
  return () => media.removeEventListener('change', onChange);
}

/** The theme in force: the user's choice, or the system's preference, live. */
export function useColorScheme(): 'light' | 'dark' {
  const system = useSyncExternalStore(subscribe, () => (window.matchMedia(query).matches ? 'dark' : 'light'));
  const choice = useSettingsStore((s) => s.theme);
  return choice === 'system' ? system : choice;
}

/** Puts the theme on <html> so the stylesheet's variables follow it. */
export function useThemeAttribute(): void {
  const scheme = useColorScheme();
  useEffect(() => {
    document.documentElement.dataset.theme = scheme;
  }, [scheme]);
}
