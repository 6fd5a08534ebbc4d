/** While playing, reveal one step per tick at the chosen speed (steps per second). */
import { useEffect } from 'react';
import { useLab } from '../store/lab-store';
import { stepForward } from '../store/actions';

export function usePlaybackTimer(): void {
  const playing = useLab((s) => s.playback.playing);
  const speed = useLab((s) => s.playback.speed);
  const cursor = useLab((s) => s.playback.cursor);
  const busy = useLab((s) => s.run.busy);
  useEffect(() => {
    if (!playing || busy) return;
    const timer = setTimeout(() => stepForward(), cursor < 0 ? 150 : 1000 / speed);
    return () => clearTimeout(timer);
  }, [playing, speed, cursor, busy]);
}
