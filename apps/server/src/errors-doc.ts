import { knownErrorCodes, registerErrorCodes } from '@quintessence/platform';
import { installedModules } from './modules.js';

/**
 * docs/errors.md: every error code of the platform and the installed modules with its HTTP status. Regenerate with
 * `npm run docs:errors`; a unit test fails when the committed file is out of date.
 */
export function renderErrorsDoc(): string {
  for (const module of installedModules) if (module.errorCodes) registerErrorCodes(module.errorCodes);
  const rows = [...knownErrorCodes()].sort(([a], [b]) => a.localeCompare(b));
  const owner = (code: string) => {
    const prefix = code.split('_')[0]!.toLowerCase();
    return (
      installedModules.find(
        (m) => m.name.replace('-', '').startsWith(prefix) || (prefix === 'ml' && m.name === 'adaptive-ml'),
      )?.name ?? 'platform'
    );
  };
  const lines = [
    '# Error codes',
    '',
    'Every error reaches HTTP clients as `{"error":{"code","message","details","request_id","timestamp"}}` with the status',
    'below, and the CLI as `error: <message> [CODE]` with exit code 2 for 4xx codes and 1 otherwise. Domain code throws',
    '`AppError(code, message)`; modules declare their codes in their module descriptor (`errorCodes`).',
    '',
    '| code | HTTP status | owner |',
    '|---|---|---|',
    ...rows.map(([code, status]) => `| \`${code}\` | ${status} | ${owner(code)} |`),
    '',
  ];
  return lines.join('\n');
}
