import { describe, expect, it } from 'vitest';
import { tenantAttributes } from './tenant-attributes.js';

describe('tenantAttributes', () => {
  it('names the tenant and the end user', () => {
    expect(tenantAttributes({ tenantId: 'acme', endUserId: 'u-1' })).toEqual({ 'tenant.id': 'acme', 'enduser.id': 'u-1' });
    expect(tenantAttributes({ tenantId: 'acme' })).toEqual({ 'tenant.id': 'acme' });
  });

  it('puts a pseudonymous id in enduser.pseudo.id', () => {
    expect(tenantAttributes({ tenantId: 'acme', endUserId: 'p-9', pseudonymous: true })).toEqual({
      'tenant.id': 'acme',
      'enduser.pseudo.id': 'p-9',
    });
  });

  it('refuses a blank tenant', () => {
    expect(() => tenantAttributes({ tenantId: ' ' })).toThrow(/tenantAttributes: "tenantId"/);
  });
});
