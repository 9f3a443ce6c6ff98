/**
 * Polls `check` every `intervalMs` until it holds; throws when it still does not after `timeoutMs`. For tests that
 * wait on real services (brokers, databases, servers) where the moment a condition holds is not observable.
 */
export async function until(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 15_000,
  intervalMs = 10,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not reached within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
