import { readFileSync } from 'node:fs';
import { renderErrorsDoc } from '@quintessence/server';
import { describe, expect, it } from 'vitest';

describe('docs/errors.md', () => {
  it('lists every registered error code with its status (regenerate with npm run docs:errors)', () => {
    const committed = readFileSync(new URL('../../../docs/errors.md', import.meta.url), 'utf8');
    const rendered = renderErrorsDoc();
    expect(rendered).toContain('| `RESTOCK_UNKNOWN_PRODUCT` |');
    expect(committed).toBe(rendered);
  });
});
