// Asking the backend again until it has answered: the stores listen first and then ask, but an event
// emitted while the page was still loading is lost, so a first "not yet" must be followed by another
// question rather than by silence. Pure timing; knows nothing about what is asked.

/** How often to ask again while there is no answer yet. */
export const RETRY_MS = 400;

/**
 * Runs `attempt` now and then every `RETRY_MS` until it returns true or `stopped()` does.
 * Resolves after the first attempt; returns a function that cancels the pending retry.
 */
export async function askUntil(attempt: () => Promise<boolean>, stopped: () => boolean): Promise<() => void> {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const ask = async (): Promise<void> => {
    const done = await attempt();
    if (!done && !stopped()) timer = setTimeout(() => void ask(), RETRY_MS);
  };
  await ask();
  return () => {
    if (timer) clearTimeout(timer);
  };
}
